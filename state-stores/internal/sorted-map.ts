/**
 * An ordered map with string keys (latin1 strings from `toKeyString`, so the order is the
 * byte-wise order of the original bytes). Point operations use a hash map; the order is kept
 * in a chunked sorted array (a list of sorted chunks of at most `MAX_CHUNK` keys), which gives
 * O(log n) search, cheap inserts (a splice within one chunk) and fast ordered iteration.
 * New keys are only collected on insert and sorted in on the next ordered access, so a
 * put-heavy workload pays hash-map costs and ordering is paid once per scan, in bulk.
 *
 * Cursors survive concurrent modification: they remember the last key they returned and
 * re-seek after any structural change, so a deleted key is never returned after its deletion.
 */

const MAX_CHUNK = 1024
const HALF_CHUNK = MAX_CHUNK >> 1

/** A bound of a key range; null means unbounded on that side. */
export interface KeyBound {
  readonly key: string
  readonly inclusive: boolean
}

/** An ordered string-keyed map with O(1) point operations (see the module doc). */
export class SortedMap<V> {
  private readonly values = new Map<string, V>()
  /** Sorted chunks of keys; never contains an empty chunk. */
  private chunks: string[][] = []
  /** Keys inserted since the last ordered access (in `values`, not yet in `chunks`). */
  private pending = new Set<string>()
  /** Bumped on every insert or delete of a key and when pending keys are sorted in (not on overwrites). */
  version = 0

  get size(): number {
    return this.values.size
  }

  get(key: string): V | undefined {
    return this.values.get(key)
  }

  has(key: string): boolean {
    return this.values.has(key)
  }

  /** Sets the value; returns true when the key is new. */
  set(key: string, value: V): boolean {
    const values = this.values
    const before = values.size
    values.set(key, value)
    // One hash lookup: the size tells whether the key is new.
    if (values.size === before) return false
    this.pending.add(key)
    this.version++
    return true
  }

  /** Removes the key; returns true when it was present. */
  delete(key: string): boolean {
    if (!this.values.delete(key)) return false
    this.version++
    if (this.pending.delete(key)) return true
    const ci = this.chunkIndexFor(key)
    const chunk = this.chunks[ci]!
    const pos = lowerBound(chunk, key)
    chunk.splice(pos, 1)
    if (chunk.length === 0) this.chunks.splice(ci, 1)
    return true
  }

  clear(): void {
    this.values.clear()
    this.chunks = []
    this.pending = new Set()
    this.version++
  }

  /** Keys and values in ascending key order (a live view; do not modify while iterating). */
  *entries(): IterableIterator<[string, V]> {
    this.sortPending()
    for (const chunk of this.chunks) for (const k of chunk) yield [k, this.values.get(k)!]
  }

  /** Keys and values in no particular order (cheaper: nothing is sorted). */
  unorderedEntries(): IterableIterator<[string, V]> {
    return this.values.entries()
  }

  /** A cursor over keys within the bounds, ascending or (reverse) descending. */
  cursor(lower: KeyBound | null, upper: KeyBound | null, reverse: boolean): SortedMapCursor<V> {
    return new SortedMapCursor(this, lower, upper, reverse)
  }

  /** @internal Used by cursors: the sorted chunks, with pending keys sorted in first. */
  chunkList(): string[][] {
    if (this.pending.size > 0) this.sortPending()
    return this.chunks
  }

  /**
   * @internal Position of the first key >= `key` (or > when `exclusive`) as [chunk, pos];
   * chunk === chunks.length when none.
   */
  seekForward(key: string, exclusive: boolean): [number, number] {
    const chunks = this.chunkList()
    if (chunks.length === 0) return [0, 0]
    let ci = this.chunkIndexFor(key)
    const chunk = chunks[ci]!
    let pos = exclusive ? upperBound(chunk, key) : lowerBound(chunk, key)
    if (pos >= chunk.length) {
      ci++
      pos = 0
    }
    return [ci, pos]
  }

  /** @internal Position of the last key <= `key` (or < when `exclusive`); chunk -1 when none. */
  seekBackward(key: string, exclusive: boolean): [number, number] {
    const chunks = this.chunkList()
    if (chunks.length === 0) return [-1, 0]
    let ci = this.chunkIndexFor(key)
    const chunk = chunks[ci]!
    let pos = (exclusive ? lowerBound(chunk, key) : upperBound(chunk, key)) - 1
    if (pos < 0) {
      ci--
      pos = ci >= 0 ? chunks[ci]!.length - 1 : 0
    }
    return [ci, pos]
  }

  /** Sorts the pending keys into the chunks: one by one when few, by a full merge when many. */
  private sortPending(): void {
    if (this.pending.size === 0) return
    const added = [...this.pending].sort()
    this.pending = new Set()
    this.version++
    const existing = this.values.size - added.length
    if (added.length * 16 < existing) {
      for (const key of added) this.insertKey(key)
      return
    }
    const merged = new Array<string>(this.values.size)
    let i = 0
    let j = 0
    let n = 0
    const flat = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.flat()
    while (i < flat.length && j < added.length) merged[n++] = flat[i]! < added[j]! ? flat[i++]! : added[j++]!
    while (i < flat.length) merged[n++] = flat[i++]!
    while (j < added.length) merged[n++] = added[j++]!
    const chunks: string[][] = []
    for (let at = 0; at < merged.length; at += HALF_CHUNK) chunks.push(merged.slice(at, at + HALF_CHUNK))
    this.chunks = chunks
  }

  private insertKey(key: string): void {
    const chunks = this.chunks
    if (chunks.length === 0) {
      chunks.push([key])
      return
    }
    const ci = this.chunkIndexFor(key)
    const chunk = chunks[ci]!
    const pos = lowerBound(chunk, key)
    if (pos === chunk.length) chunk.push(key)
    else chunk.splice(pos, 0, key)
    if (chunk.length > MAX_CHUNK) chunks.splice(ci + 1, 0, chunk.splice(HALF_CHUNK))
  }

  /** The chunk that holds `key` or would: the last chunk whose first key <= key (or 0). */
  private chunkIndexFor(key: string): number {
    const chunks = this.chunks
    let lo = 0
    let hi = chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (chunks[mid]![0]! <= key) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/** A cursor over a `SortedMap` range. `next()` returns the next key or undefined at the end. */
/** An ordered string-keyed map with O(1) point operations (see the module doc). */
export class SortedMapCursor<V> {
  private ci = 0
  private pos = 0
  private version = -1
  private last: string | undefined
  private done = false

  constructor(
    private readonly map: SortedMap<V>,
    private readonly lower: KeyBound | null,
    private readonly upper: KeyBound | null,
    private readonly reverse: boolean,
  ) {}

  /** The next key in range, or undefined when the cursor is exhausted. */
  next(): string | undefined {
    if (this.done) return undefined
    const map = this.map
    const chunks = map.chunkList()
    if (this.version !== map.version) {
      this.seek()
      this.version = map.version
    } else if (this.reverse) {
      this.pos--
      if (this.pos < 0) {
        this.ci--
        this.pos = this.ci >= 0 ? chunks[this.ci]!.length - 1 : 0
      }
    } else {
      this.pos++
      if (this.pos >= chunks[this.ci]!.length) {
        this.ci++
        this.pos = 0
      }
    }
    if (this.ci < 0 || this.ci >= chunks.length) return this.finish()
    const key = chunks[this.ci]![this.pos]!
    if (this.reverse) {
      const lower = this.lower
      if (lower !== null && (key < lower.key || (!lower.inclusive && key === lower.key))) return this.finish()
    } else {
      const upper = this.upper
      if (upper !== null && (key > upper.key || (!upper.inclusive && key === upper.key))) return this.finish()
    }
    this.last = key
    return key
  }

  /** The value of a key this cursor returned (looked up live). */
  value(key: string): V | undefined {
    return this.map.get(key)
  }

  private finish(): undefined {
    this.done = true
    return undefined
  }

  private seek(): void {
    const map = this.map
    let p: [number, number]
    if (this.reverse) {
      if (this.last !== undefined) p = map.seekBackward(this.last, true)
      else if (this.upper !== null) p = map.seekBackward(this.upper.key, !this.upper.inclusive)
      else {
        const chunks = map.chunkList()
        p = [chunks.length - 1, chunks.length > 0 ? chunks[chunks.length - 1]!.length - 1 : 0]
      }
    } else {
      if (this.last !== undefined) p = map.seekForward(this.last, true)
      else if (this.lower !== null) p = map.seekForward(this.lower.key, !this.lower.inclusive)
      else p = [0, 0]
    }
    this.ci = p[0]
    this.pos = p[1]
  }
}

function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (arr[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function upperBound(arr: readonly string[], key: string): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (arr[mid]! <= key) lo = mid + 1
    else hi = mid
  }
  return lo
}
