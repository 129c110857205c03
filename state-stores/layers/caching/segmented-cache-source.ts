/**
 * A merge source over the cache of a window or session store. Cache keys are
 * `segment (8 bytes) | store key`, so entries sort exactly as the segmented engines iterate
 * (segment, then store key). The source visits only segments present in the cache, each
 * within `[segment | lowerSuffix, segment | upperSuffix]`, keeping entries `accept` allows.
 */
import { fromKeyString, readLong, toKeyString, writeLong } from '../../internal/bytes.js'
import type { MergeSource } from '../../internal/merged-iterator.js'
import type { KeyBound, SortedMap, SortedMapCursor } from '../../internal/sorted-map.js'
import type { CacheEntry } from './named-cache.js'

/** `segment (8 bytes) | storeKey`. */
export function segmentedCacheKey(segment: number, storeKey: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + storeKey.length)
  writeLong(out, 0, segment)
  storeKey.copy(out, 8)
  return out
}

function segmentPrefix(segment: number): string {
  const b = Buffer.allocUnsafe(8)
  writeLong(b, 0, segment)
  return toKeyString(b)
}

/** A `MergeSource` over the cache entries of the segments in range. */
export class SegmentedCacheSource implements MergeSource {
  key: Buffer | null = null
  value: Buffer | null = null
  private cursor: SortedMapCursor<CacheEntry> | null = null
  private segment: number
  private done = false

  constructor(
    private readonly entries: SortedMap<CacheEntry>,
    private readonly fromSegment: number,
    private readonly toSegment: number,
    private readonly lowerSuffix: Buffer | null,
    private readonly upperSuffix: Buffer | null,
    private readonly reverse: boolean,
    private readonly accept: (cacheKey: Buffer) => boolean,
  ) {
    this.segment = reverse ? toSegment : fromSegment
  }

  advance(): void {
    for (;;) {
      if (this.done) {
        this.key = null
        this.value = null
        return
      }
      if (this.cursor === null && !this.openNextSegment()) {
        this.done = true
        continue
      }
      const k = this.cursor!.next()
      if (k === undefined) {
        this.cursor = null
        this.segment += this.reverse ? -1 : 1
        continue
      }
      const key = fromKeyString(k)
      if (!this.accept(key)) continue
      this.key = key
      this.value = this.entries.get(k)?.value ?? null
      return
    }
  }

  close(): void {}

  /** Moves to the next segment that has cache entries, within range; false when none. */
  private openNextSegment(): boolean {
    const entries = this.entries
    let found: string | undefined
    if (this.reverse) {
      if (this.segment < this.fromSegment) return false
      found = entries.cursor(null, { key: segmentPrefix(this.segment + 1), inclusive: false }, true).next()
    } else {
      if (this.segment > this.toSegment) return false
      found = entries.cursor({ key: segmentPrefix(this.segment), inclusive: true }, null, false).next()
    }
    if (found === undefined) return false
    const segment = readLong(fromKeyString(found.slice(0, 8)), 0)
    if (segment < this.fromSegment || segment > this.toSegment) return false
    this.segment = segment
    const prefix = segmentPrefix(segment)
    const lower: KeyBound = { key: this.lowerSuffix === null ? prefix : prefix + toKeyString(this.lowerSuffix), inclusive: true }
    const upper: KeyBound =
      this.upperSuffix === null
        ? { key: segmentPrefix(segment + 1), inclusive: false }
        : { key: prefix + toKeyString(this.upperSuffix), inclusive: true }
    this.cursor = entries.cursor(lower, upper, this.reverse)
    return true
  }
}
