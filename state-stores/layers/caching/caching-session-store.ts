import type { CachedRecordContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { SessionBytesStore } from '../../bytes/session-bytes-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { MappedKeyValueIterator, emptyIterator } from '../../internal/key-value-iterators.js'
import { toKeyString } from '../../internal/bytes.js'
import { isInRange, isInvertedRange } from '../../internal/key-range.js'
import { sessionFindLowerBound, sessionFindUpperBound, sessionRangeUpperBound } from '../../internal/store-key-bounds.js'
import { SESSION_SUFFIX_SIZE, sessionEndOf, sessionKeyOf, sessionStartOf, sessionStoreKey } from '../../internal/store-keys.js'
import { recordContextFor } from './cache-record-context.js'
import type { DirtyBatch } from './named-cache.js'
import { segmentedCacheKey } from './segmented-cache-source.js'
import { SegmentedCachingStore } from './segmented-caching-store.js'

/**
 * A write-behind cache over a session store (Kafka's `CachingSessionStore`). Cache keys are
 * `segment | key | end | start`, so session searches merge cache and store in store order.
 */
export class CachingSessionStore extends SegmentedCachingStore<SessionBytesStore> implements SessionBytesStore {
  put(session: Windowed<Buffer>, aggregate: Buffer | null): void {
    this.checkOpen()
    const { start, end } = session.window
    if (end > this.cache.maxObservedTimestamp) this.cache.maxObservedTimestamp = end
    if (this.isExpired(end)) return
    const cacheKey = this.cacheKey(session.key, start, end)
    this.cache.putDirty(cacheKey, toKeyString(cacheKey), aggregate, end)
  }

  remove(session: Windowed<Buffer>): void {
    this.put(session, null)
  }

  fetchSession(key: Buffer, sessionStartMs: number, sessionEndMs: number): Buffer | null {
    this.checkOpen()
    if (this.isExpired(sessionEndMs)) return null
    const hit = this.cache.get(toKeyString(this.cacheKey(key, sessionStartMs, sessionEndMs)))
    return hit !== undefined ? hit : this.wrapped.fetchSession(key, sessionStartMs, sessionEndMs)
  }

  findSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findKey(key, earliestSessionEndTime, latestSessionStartTime, false)
  }

  backwardFindSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findKey(key, earliestSessionEndTime, latestSessionStartTime, true)
  }

  findSessionsInRange(keyFrom: Buffer | null, keyTo: Buffer | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, false)
  }

  backwardFindSessionsInRange(
    keyFrom: Buffer | null,
    keyTo: Buffer | null,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, true)
  }

  private cacheKey(key: Buffer, start: number, end: number): Buffer {
    return segmentedCacheKey(this.segmentId(end), sessionStoreKey(key, start, end))
  }

  private toCacheKeys(it: KeyValueIterator<Windowed<Buffer>, Buffer>): KeyValueIterator<Buffer, Buffer> {
    return new MappedKeyValueIterator(it, (e) => ({ key: this.cacheKey(e.key.key, e.key.window.start, e.key.window.end), value: e.value }))
  }

  private toSessions(it: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return new MappedKeyValueIterator(it, (e) => ({
      key: { key: sessionKeyOf(e.key).subarray(8), window: { start: sessionStartOf(e.key), end: sessionEndOf(e.key) } },
      value: e.value,
    }))
  }

  private findKey(key: Buffer, earliestEnd: number, latestStart: number, reverse: boolean): KeyValueIterator<Windowed<Buffer>, Buffer> {
    this.checkOpen()
    const from = this.actualFrom(earliestEnd)
    const size = 8 + key.length + SESSION_SUFFIX_SIZE
    const innerIt = reverse ? this.wrapped.backwardFindSessions(key, from, latestStart) : this.wrapped.findSessions(key, from, latestStart)
    const merged = this.cache.merge(
      this.segmentId(from),
      Number.MAX_SAFE_INTEGER,
      sessionFindLowerBound(key, from),
      sessionFindUpperBound(key),
      reverse,
      (cacheKey) => cacheKey.length === size && sessionEndOf(cacheKey) >= from && sessionStartOf(cacheKey) <= latestStart,
      this.toCacheKeys(innerIt),
    )
    return this.toSessions(merged)
  }

  private findRange(
    keyFrom: Buffer | null,
    keyTo: Buffer | null,
    earliestEnd: number,
    latestStart: number,
    reverse: boolean,
  ): KeyValueIterator<Windowed<Buffer>, Buffer> {
    this.checkOpen()
    if (isInvertedRange(keyFrom, keyTo)) return emptyIterator()
    const from = this.actualFrom(earliestEnd)
    const innerIt = reverse
      ? this.wrapped.backwardFindSessionsInRange(keyFrom, keyTo, from, latestStart)
      : this.wrapped.findSessionsInRange(keyFrom, keyTo, from, latestStart)
    const accept = (cacheKey: Buffer): boolean => {
      if (sessionEndOf(cacheKey) < from || sessionStartOf(cacheKey) > latestStart) return false
      return isInRange(sessionKeyOf(cacheKey).subarray(8), keyFrom, keyTo)
    }
    const merged = this.cache.merge(
      this.segmentId(from),
      Number.MAX_SAFE_INTEGER,
      keyFrom,
      sessionRangeUpperBound(keyTo),
      reverse,
      accept,
      this.toCacheKeys(innerIt),
    )
    return this.toSessions(merged)
  }

  /** Kafka's `putAndMaybeForward` for session entries. */
  protected writeDown(batch: DirtyBatch): void {
    const context = this.cache.storeContext
    const listener = this.listener
    const { keys, keyBytes, values, contexts } = batch
    const pending = this.pending
    for (let i = 0; i < keys.length; i++) {
      const storeKey = keyBytes[i]!.subarray(8)
      const session: Windowed<Buffer> = {
        key: sessionKeyOf(storeKey),
        window: { start: sessionStartOf(storeKey), end: sessionEndOf(storeKey) },
      }
      const newValue = values[i]!
      const rc = contexts[i] ?? recordContextFor(context)
      const oldValue =
        listener !== null && (newValue === null || this.sendOldValues)
          ? this.wrapped.fetchSession(session.key, session.window.start, session.window.end)
          : null
      if (listener !== null && newValue === null && oldValue === null) continue
      pending.session = session
      pending.newValue = newValue
      pending.oldValue = oldValue
      pending.rc = rc
      context.withRecordContext(rc, this.writePending)
    }
  }

  /** The entry `writePending` writes (one closure per store instead of one per flushed entry). */
  private readonly pending: { session: Windowed<Buffer> | null; newValue: Buffer | null; oldValue: Buffer | null; rc: CachedRecordContext | null } = {
    session: null,
    newValue: null,
    oldValue: null,
    rc: null,
  }

  /** Writes `pending` below and forwards it; reads it before calling out, so a nested flush may reuse it. */
  private readonly writePending = (): void => {
    const { session, newValue, oldValue, rc } = this.pending
    this.wrapped.put(session!, newValue)
    const listener = this.listener
    if (listener !== null) listener(session!, newValue, this.sendOldValues ? oldValue : null, rc!)
  }
}
