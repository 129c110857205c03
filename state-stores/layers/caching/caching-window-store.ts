import type { CachedRecordContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { WindowBytesStore } from '../../bytes/window-bytes-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { MappedKeyValueIterator, emptyIterator } from '../../internal/key-value-iterators.js'
import { rememberKeyString, toKeyString, writeLong } from '../../internal/bytes.js'
import { isInRange, isInvertedRange } from '../../internal/key-range.js'
import { windowFetchLowerBound, windowFetchUpperBound, windowRangeUpperBound } from '../../internal/store-key-bounds.js'
import { WINDOW_SUFFIX_SIZE, rememberWindowStoreKey, windowKeyOf, windowStartOf } from '../../internal/store-keys.js'
import { recordContextFor } from './cache-record-context.js'
import type { DirtyBatch } from './named-cache.js'
import { SegmentedCachingStore } from './segmented-caching-store.js'

const EMPTY = Buffer.alloc(0)

/**
 * A write-behind cache over a window store (Kafka's `CachingWindowStore`). Cache keys are
 * `segment | key | windowStart | 0`, so fetches merge cache and store in store order. Not used
 * with `retainDuplicates` (the builders disable caching then, as Kafka does).
 */
export class CachingWindowStore extends SegmentedCachingStore<WindowBytesStore> implements WindowBytesStore {
  /** The last point access (see `point`). */
  private pointKey: Buffer | null = null
  private pointStart = 0
  private pointCacheKey: Buffer = EMPTY
  private pointCacheKeyString = ''

  get windowSizeMs(): number {
    return this.wrapped.windowSizeMs
  }
  get retainDuplicates(): boolean {
    return this.wrapped.retainDuplicates
  }

  put(key: Buffer, value: Buffer | null, windowStartMs: number): void {
    this.checkOpen()
    if (windowStartMs > this.cache.maxObservedTimestamp) this.cache.maxObservedTimestamp = windowStartMs
    // An expired window would be skipped by the store below: do not cache it either.
    if (this.isExpired(windowStartMs)) return
    this.point(key, windowStartMs)
    this.cache.putDirty(this.pointCacheKey, this.pointCacheKeyString, value, windowStartMs)
  }

  get(key: Buffer, windowStartMs: number): Buffer | null {
    this.checkOpen()
    if (this.isExpired(windowStartMs)) return null
    this.point(key, windowStartMs)
    const hit = this.cache.get(this.pointCacheKeyString)
    return hit !== undefined ? hit : this.wrapped.get(key, windowStartMs)
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

  /** `segment | key | windowStart | seqnum 0`, built in one buffer. */
  private cacheKey(key: Buffer, windowStartMs: number): Buffer {
    const n = key.length
    const out = Buffer.allocUnsafe(8 + n + WINDOW_SUFFIX_SIZE)
    writeLong(out, 0, this.segmentId(windowStartMs))
    key.copy(out, 8)
    writeLong(out, 8 + n, windowStartMs)
    out.writeUInt32BE(0, 16 + n)
    return out
  }

  /**
   * Makes `pointCacheKey`/`pointCacheKeyString` those of `key` and `windowStartMs`, built only
   * when they differ from the last point access: a fetch then a put of one window (the
   * aggregation pattern) build them once. Key buffers are never mutated once handed to a store.
   */
  private point(key: Buffer, windowStartMs: number): void {
    if (key === this.pointKey && windowStartMs === this.pointStart) return
    const cacheKey = this.cacheKey(key, windowStartMs)
    this.pointKey = key
    this.pointStart = windowStartMs
    this.pointCacheKey = cacheKey
    this.pointCacheKeyString = toKeyString(cacheKey)
  }

  private fetchKey(key: Buffer, timeFrom: number, timeTo: number, reverse: boolean): KeyValueIterator<number, Buffer> {
    this.checkOpen()
    const from = this.actualFrom(timeFrom)
    // Window starts are never negative (Kafka's windows start at 0 at the earliest).
    if (timeTo < from || timeTo < 0) return emptyIterator()
    const size = 8 + key.length + WINDOW_SUFFIX_SIZE
    const innerIt = reverse ? this.wrapped.backwardFetch(key, from, timeTo) : this.wrapped.fetch(key, from, timeTo)
    const inner = new MappedKeyValueIterator(innerIt, (e) => ({ key: this.cacheKey(key, e.key), value: e.value }))
    const merged = this.cache.merge(
      this.segmentId(from),
      this.segmentId(timeTo),
      windowFetchLowerBound(key, from),
      windowFetchUpperBound(key, timeTo),
      reverse,
      (cacheKey) => cacheKey.length === size,
      inner,
    )
    return new MappedKeyValueIterator(merged, (e) => ({ key: windowStartOf(e.key), value: e.value }))
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
    const innerIt = reverse ? this.wrapped.backwardFetchKeyRange(keyFrom, keyTo, from, timeTo) : this.wrapped.fetchKeyRange(keyFrom, keyTo, from, timeTo)
    const inner = new MappedKeyValueIterator(innerIt, (e) => ({ key: this.cacheKey(e.key.key, e.key.window.start), value: e.value }))
    const accept = (cacheKey: Buffer): boolean => {
      const start = windowStartOf(cacheKey)
      if (start < from || start > timeTo) return false
      return isInRange(windowKeyOf(cacheKey).subarray(8), keyFrom, keyTo)
    }
    const merged = this.cache.merge(
      this.segmentId(from),
      this.segmentId(timeTo),
      keyFrom,
      windowRangeUpperBound(keyTo),
      reverse,
      accept,
      inner,
    )
    const windowSize = this.wrapped.windowSizeMs
    return new MappedKeyValueIterator(merged, (e) => {
      const start = windowStartOf(e.key)
      return { key: { key: windowKeyOf(e.key).subarray(8), window: { start, end: start + windowSize } }, value: e.value }
    })
  }

  /** Kafka's `putAndMaybeForward` for window entries. */
  protected writeDown(batch: DirtyBatch): void {
    const context = this.cache.storeContext
    const listener = this.listener
    const { keys, keyBytes, values, contexts } = batch
    const pending = this.pending
    for (let i = 0; i < keys.length; i++) {
      const storeKey = keyBytes[i]!.subarray(8)
      const key = windowKeyOf(storeKey)
      const start = windowStartOf(storeKey)
      const newValue = values[i]!
      const rc = contexts[i] ?? recordContextFor(context)
      const oldValue = listener !== null && (newValue === null || this.sendOldValues) ? this.wrapped.get(key, start) : null
      if (listener !== null && newValue === null && oldValue === null) continue
      // The store below rebuilds this very key (`key | start | 0`) and its string: hand them over.
      rememberWindowStoreKey(key, start, 0, storeKey)
      rememberKeyString(storeKey, keys[i]!.slice(8))
      pending.key = key
      pending.start = start
      pending.newValue = newValue
      pending.oldValue = oldValue
      pending.rc = rc
      context.withRecordContext(rc, this.writePending)
    }
  }

  /** The entry `writePending` writes (one closure per store instead of one per flushed entry). */
  private readonly pending: { key: Buffer; start: number; newValue: Buffer | null; oldValue: Buffer | null; rc: CachedRecordContext | null } = {
    key: EMPTY,
    start: 0,
    newValue: null,
    oldValue: null,
    rc: null,
  }

  /** Writes `pending` below and forwards it; reads it before calling out, so a nested flush may reuse it. */
  private readonly writePending = (): void => {
    const { key, start, newValue, oldValue, rc } = this.pending
    this.wrapped.put(key, newValue, start)
    const listener = this.listener
    if (listener !== null) listener({ key, window: { start, end: start + this.wrapped.windowSizeMs } }, newValue, this.sendOldValues ? oldValue : null, rc!)
  }
}
