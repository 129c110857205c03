/**
 * The session engine (Kafka's segmented session store) over an in-memory or LevelDB backend.
 * Storage keys use Kafka's session layout `key | end | start`, segmented by session end.
 */
import type { ChangelogRecord } from '../../processor-api/state-store.js'
import type { Windowed } from '../../processor-api/windowed.js'
import type { SessionBytesStore } from '../bytes/session-bytes-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { emptyIterator } from './key-value-iterators.js'
import type { SegmentStorage, StorageWrite } from './segment-storage.js'
import { SegmentedEngine } from './segmented-engine.js'
import { isInRange, isInvertedRange } from './key-range.js'
import { sessionFindLowerBound, sessionFindUpperBound, sessionRangeUpperBound } from './store-key-bounds.js'
import { SESSION_SUFFIX_SIZE, sessionEndOf, sessionKeyOf, sessionStartOf, sessionStoreKey } from './store-keys.js'

/** A session engine over any `SegmentStorage`. */
export class SessionEngine extends SegmentedEngine implements SessionBytesStore {
  constructor(name: string, storage: SegmentStorage, capabilities: StoreCapabilities, retentionPeriodMs: number, segmentIntervalMs: number) {
    super(name, storage, capabilities, retentionPeriodMs, segmentIntervalMs)
  }

  put(session: Windowed<Buffer>, aggregate: Buffer | null): void {
    this.checkOpen()
    const end = session.window.end
    this.observe(end)
    if (this.isExpired(end)) return
    this.sketch.note(session.key, end)
    this.storage.put(this.segmentId(end), sessionStoreKey(session.key, session.window.start, end), aggregate)
  }

  remove(session: Windowed<Buffer>): void {
    this.put(session, null)
  }

  fetchSession(key: Buffer, sessionStartMs: number, sessionEndMs: number): Buffer | null {
    this.checkOpen()
    if (this.isExpired(sessionEndMs)) return null
    return this.storage.get(this.segmentId(sessionEndMs), sessionStoreKey(key, sessionStartMs, sessionEndMs)) ?? null
  }

  findSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findKey(key, earliestSessionEndTime, latestSessionStartTime, false)
  }

  backwardFindSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.findKey(key, earliestSessionEndTime, latestSessionStartTime, true)
  }

  findSessionsInRange(
    keyFrom: Buffer | null,
    keyTo: Buffer | null,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<Buffer>, Buffer> {
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

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    this.checkOpen()
    const writes: StorageWrite[] = []
    for (const r of records) {
      const end = sessionEndOf(r.key)
      this.observe(end)
      if (this.isExpired(end)) continue
      this.sketch.note(sessionKeyOf(r.key), end)
      writes.push({ segment: this.segmentId(end), key: r.key, value: r.value })
    }
    return this.storage.restore(writes, this.state())
  }

  private findKey(key: Buffer, earliestEnd: number, latestStart: number, reverse: boolean): KeyValueIterator<Windowed<Buffer>, Buffer> {
    this.checkOpen()
    const from = this.actualFrom(earliestEnd)
    if (!this.sketch.mayHaveFrom(key, from)) return emptyIterator()
    const size = key.length + SESSION_SUFFIX_SIZE
    return this.scanSegments(
      this.segmentId(from),
      Number.MAX_SAFE_INTEGER,
      { key: sessionFindLowerBound(key, from), inclusive: true },
      { key: sessionFindUpperBound(key), inclusive: true },
      reverse,
      (storeKey, value) => {
        if (storeKey.length !== size) return undefined
        const start = sessionStartOf(storeKey)
        if (start > latestStart) return undefined
        const end = sessionEndOf(storeKey)
        if (end < from) return undefined
        return { key: { key: sessionKeyOf(storeKey), window: { start, end } }, value }
      },
    )
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
    const upper = sessionRangeUpperBound(keyTo)
    return this.scanSegments(
      this.segmentId(from),
      Number.MAX_SAFE_INTEGER,
      keyFrom === null ? null : { key: keyFrom, inclusive: true },
      upper === null ? null : { key: upper, inclusive: true },
      reverse,
      (storeKey, value) => {
        if (storeKey.length < SESSION_SUFFIX_SIZE) return undefined
        const start = sessionStartOf(storeKey)
        const end = sessionEndOf(storeKey)
        if (start > latestStart || end < from) return undefined
        const key = sessionKeyOf(storeKey)
        return isInRange(key, keyFrom, keyTo) ? { key: { key, window: { start, end } }, value } : undefined
      },
    )
  }
}
