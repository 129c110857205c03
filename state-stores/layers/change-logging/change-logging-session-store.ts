import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { SessionBytesStore } from '../../bytes/session-bytes-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { sessionStoreKey } from '../../internal/store-keys.js'
import { SegmentedWrappedStore } from '../segmented-wrapped-store.js'
import { ChangeLogger } from './change-logger.js'

/**
 * Logs every put and remove of a session store with Kafka's changelog key
 * `key | sessionEnd | sessionStart` (Kafka's `ChangeLoggingSessionBytesStore`).
 */
export class ChangeLoggingSessionStore extends SegmentedWrappedStore<SessionBytesStore> implements SessionBytesStore {
  private readonly logger: ChangeLogger

  constructor(wrapped: SessionBytesStore) {
    super(wrapped, { logging: true })
    this.logger = new ChangeLogger(wrapped.name, false)
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.wrapped.init(this.logger.init(context), root)
  }

  put(session: Windowed<Buffer>, aggregate: Buffer | null): void {
    this.wrapped.put(session, aggregate)
    this.logger.log(sessionStoreKey(session.key, session.window.start, session.window.end), aggregate)
  }

  remove(session: Windowed<Buffer>): void {
    this.wrapped.remove(session)
    this.logger.log(sessionStoreKey(session.key, session.window.start, session.window.end), null)
  }

  fetchSession(key: Buffer, sessionStartMs: number, sessionEndMs: number): Buffer | null {
    return this.wrapped.fetchSession(key, sessionStartMs, sessionEndMs)
  }
  findSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.findSessions(key, earliestSessionEndTime, latestSessionStartTime)
  }
  backwardFindSessions(key: Buffer, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime)
  }
  findSessionsInRange(keyFrom: Buffer | null, keyTo: Buffer | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.findSessionsInRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime)
  }
  backwardFindSessionsInRange(
    keyFrom: Buffer | null,
    keyTo: Buffer | null,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.backwardFindSessionsInRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime)
  }
}
