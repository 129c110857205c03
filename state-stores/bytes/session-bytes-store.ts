import type { Windowed } from '../../processor-api/windowed.js'
import type { KeyValueIterator } from '../key-value-store.js'
import type { SegmentedBytesStore } from './segmented-bytes-store.js'

/**
 * The inner session contract (Kafka's `SessionStore<Bytes, byte[]>`): values per (key bytes,
 * session start, session end), segmented by session end. Sessions ending at or before the
 * largest end seen minus the retention period are expired: invisible and dropped by segments.
 *
 * Iteration order: by segment, then by the store key layout (key bytes, end, start).
 */
export interface SessionBytesStore extends SegmentedBytesStore {
  /** Puts the aggregate of a session; null removes it. */
  put(session: Windowed<Buffer>, aggregate: Buffer | null): void
  remove(session: Windowed<Buffer>): void
  /** The value of exactly this session, or null. */
  fetchSession(key: Buffer, sessionStartMs: number, sessionEndMs: number): Buffer | null
  /** Sessions of `key` with end >= earliestSessionEndTime and start <= latestSessionStartTime. */
  findSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  backwardFindSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  /** The same over keys in [keyFrom, keyTo] (null = unbounded). */
  findSessionsInRange(keyFrom: Buffer | null, keyTo: Buffer | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  backwardFindSessionsInRange(keyFrom: Buffer | null, keyTo: Buffer | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer>
}

/** Supplies session engines (Kafka's `SessionBytesStoreSupplier`). */
export interface SessionBytesStoreSupplier {
  readonly name: string
  readonly metricsScope: string
  readonly retentionPeriodMs: number
  readonly segmentIntervalMs: number
  get(): SessionBytesStore
}
