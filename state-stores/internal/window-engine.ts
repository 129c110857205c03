/**
 * The window engine (Kafka's segmented window store) over an in-memory or LevelDB backend.
 * Storage keys use Kafka's window layout `key | windowStart | seqnum`, segmented by window
 * start; a put of an expired window is skipped, as Kafka does ("Skipping record for expired
 * segment").
 */
import type { ChangelogRecord } from '../../processor-api/state-store.js'
import type { Windowed } from '../../processor-api/windowed.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import type { WindowBytesStore } from '../bytes/window-bytes-store.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { emptyIterator } from './key-value-iterators.js'
import type { SegmentStorage, StorageWrite } from './segment-storage.js'
import { SegmentedEngine } from './segmented-engine.js'
import { isInRange, isInvertedRange } from './key-range.js'
import { windowFetchLowerBound, windowFetchUpperBound, windowRangeUpperBound } from './store-key-bounds.js'
import { WINDOW_SUFFIX_SIZE, windowKeyOf, windowStartOf, windowStoreKey } from './store-keys.js'

/** A window engine over any `SegmentStorage`. */
export class WindowEngine extends SegmentedEngine implements WindowBytesStore {
  private seqnum = 0

  constructor(
    name: string,
    storage: SegmentStorage,
    capabilities: StoreCapabilities,
    retentionPeriodMs: number,
    readonly windowSizeMs: number,
    segmentIntervalMs: number,
    readonly retainDuplicates: boolean,
  ) {
    super(name, storage, capabilities, retentionPeriodMs, segmentIntervalMs)
  }

  put(key: Buffer, value: Buffer | null, windowStartMs: number): void {
    this.checkOpen()
    this.observe(windowStartMs)
    if (this.isExpired(windowStartMs)) return
    if (this.retainDuplicates) {
      // A delete is a no-op when duplicates are retained (each put is a new entry).
      if (value === null) return
      this.seqnum = (this.seqnum + 1) & 0x7fffffff
    }
    this.sketch.note(key, windowStartMs)
    this.storage.put(this.segmentId(windowStartMs), windowStoreKey(key, windowStartMs, this.seqnumForKey()), value)
  }

  get(key: Buffer, windowStartMs: number): Buffer | null {
    this.checkOpen()
    if (this.isExpired(windowStartMs)) return null
    // Nothing of this key stored at or after this window: no read (a LevelDB getSync saved for
    // every new window of a key, the common case of an aggregation).
    if (!this.sketch.mayHaveFrom(key, windowStartMs)) return null
    return this.storage.get(this.segmentId(windowStartMs), windowStoreKey(key, windowStartMs, this.seqnumForKey())) ?? null
  }

  fetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer> {
    return this.fetchKey(key, timeFrom, timeTo, false)
  }

  backwardFetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer> {
    return this.fetchKey(key, timeFrom, timeTo, true)
  }

  fetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(keyFrom, keyTo, timeFrom, timeTo, false)
  }

  backwardFetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(keyFrom, keyTo, timeFrom, timeTo, true)
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(null, null, timeFrom, timeTo, false)
  }

  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(null, null, timeFrom, timeTo, true)
  }

  all(): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(null, null, 0, Number.MAX_SAFE_INTEGER, false)
  }

  backwardAll(): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.fetchRangeOf(null, null, 0, Number.MAX_SAFE_INTEGER, true)
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    this.checkOpen()
    const writes: StorageWrite[] = []
    for (const r of records) {
      const start = windowStartOf(r.key)
      this.observe(start)
      if (this.isExpired(start)) continue
      this.sketch.note(windowKeyOf(r.key), start)
      writes.push({ segment: this.segmentId(start), key: r.key, value: r.value })
    }
    return this.storage.restore(writes, this.state())
  }

  private seqnumForKey(): number {
    return this.retainDuplicates ? this.seqnum : 0
  }

  private fetchKey(key: Buffer, timeFrom: number, timeTo: number, reverse: boolean): KeyValueIterator<number, Buffer> {
    this.checkOpen()
    const from = this.actualFrom(timeFrom)
    // Window starts are never negative (Kafka's windows start at 0 at the earliest).
    if (timeTo < from || timeTo < 0 || !this.sketch.mayHaveFrom(key, from)) return emptyIterator()
    const size = key.length + WINDOW_SUFFIX_SIZE
    return this.scanSegments(
      this.segmentId(from),
      this.segmentId(timeTo),
      { key: windowFetchLowerBound(key, from), inclusive: true },
      { key: windowFetchUpperBound(key, timeTo), inclusive: true },
      reverse,
      (storeKey, value) => (storeKey.length === size ? { key: windowStartOf(storeKey), value } : undefined),
    )
  }

  private fetchRangeOf(
    keyFrom: Buffer | null,
    keyTo: Buffer | null,
    timeFrom: number,
    timeTo: number,
    reverse: boolean,
  ): KeyValueIterator<Windowed<Buffer>, Buffer> {
    this.checkOpen()
    if (isInvertedRange(keyFrom, keyTo)) return emptyIterator()
    const from = this.actualFrom(timeFrom)
    if (timeTo < from) return emptyIterator()
    const windowSize = this.windowSizeMs
    const upper = windowRangeUpperBound(keyTo)
    return this.scanSegments(
      this.segmentId(from),
      this.segmentId(timeTo),
      keyFrom === null ? null : { key: keyFrom, inclusive: true },
      upper === null ? null : { key: upper, inclusive: true },
      reverse,
      (storeKey, value) => {
        if (storeKey.length < WINDOW_SUFFIX_SIZE) return undefined
        const start = windowStartOf(storeKey)
        if (start < from || start > timeTo) return undefined
        const key = windowKeyOf(storeKey)
        return isInRange(key, keyFrom, keyTo) ? { key: { key, window: { start, end: start + windowSize } }, value } : undefined
      },
    )
  }
}
