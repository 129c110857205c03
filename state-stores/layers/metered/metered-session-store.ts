import { Record } from '../../../processor-api/record.js'
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { SessionBytesStore } from '../../bytes/session-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import { StoreArgumentError } from '../../errors.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import type { SessionStore } from '../../session-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import { WrappedStore } from '../wrapped-store.js'
import { StoreMetrics } from './store-metrics.js'
import { StoreSerdes, type SerdeSpec } from './store-serdes.js'

/** The typed outer layer of a session store (Kafka's `MeteredSessionStore`). */
export class MeteredSessionStore<K, V> extends WrappedStore<SessionBytesStore> implements SessionStore<K, V>, CachedStateStore<Windowed<K>, V> {
  /** Operation counters. */
  readonly metrics = new StoreMetrics()
  private readonly serdes: StoreSerdes<K, V>

  constructor(wrapped: SessionBytesStore, serdes: SerdeSpec<K, V>) {
    super(wrapped)
    this.serdes = new StoreSerdes(wrapped.name, serdes)
  }

  get retentionPeriodMs(): number {
    return this.wrapped.retentionPeriodMs
  }

  /** @throws InvalidStateStoreError when no serde is available. */
  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.serdes.init(context)
    return this.wrapped.init(context, root)
  }

  /** Puts the aggregate of a session; null removes it. @throws StoreArgumentError when the session or its key is null. */
  put(session: Windowed<K>, aggregate: V | null): void {
    this.metrics.puts++
    this.wrapped.put(this.sessionBytes(session), this.serdes.valueBytes(aggregate))
  }

  /** @throws StoreArgumentError when the session or its key is null. */
  remove(session: Windowed<K>): void {
    this.metrics.deletes++
    this.wrapped.remove(this.sessionBytes(session))
  }

  /** @throws StoreArgumentError when `key` is null. */
  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null {
    this.metrics.gets++
    return this.serdes.value(this.wrapped.fetchSession(this.serdes.keyBytes(key), sessionStartTime, sessionEndTime))
  }

  /** @throws StoreArgumentError when `key` is null. */
  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.findSessions(this.serdes.keyBytes(key), earliestSessionEndTime, latestSessionStartTime))
  }

  /** @throws StoreArgumentError when `key` is null. */
  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.backwardFindSessions(this.serdes.keyBytes(key), earliestSessionEndTime, latestSessionStartTime))
  }

  findSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.findSessionsInRange(this.bound(keyFrom), this.bound(keyTo), earliestSessionEndTime, latestSessionStartTime))
  }

  /** The same as `findSessionsInRange`, latest first. */
  backwardFindSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.backwardFindSessionsInRange(this.bound(keyFrom), this.bound(keyTo), earliestSessionEndTime, latestSessionStartTime))
  }

  /** Every session of `key` (Kafka: `findSessions(key, 0, Long.MAX_VALUE)`). */
  fetch(key: K): KeyValueIterator<Windowed<K>, V> {
    return this.findSessions(key, 0, Number.MAX_SAFE_INTEGER)
  }

  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V> {
    return this.backwardFindSessions(key, 0, Number.MAX_SAFE_INTEGER)
  }

  override flush(): void {
    this.metrics.flushes++
    this.wrapped.flush()
  }

  /** Registers the listener with the caching layer below; false when caching is off. */
  setFlushListener(listener: CacheFlushListener<Windowed<K>, V>, sendOldValues: boolean): boolean {
    const target = this.wrapped.setFlushListener
    if (typeof target !== 'function') return false
    const serdes = this.serdes
    return target.call(
      this.wrapped,
      (key, newValue, oldValue, rc) => {
        const windowed: Windowed<K> = { key: serdes.key(key.key), window: key.window }
        listener(new Record(windowed, { newValue: serdes.value(newValue), oldValue: serdes.value(oldValue) }, rc.timestamp, rc.headers))
      },
      sendOldValues,
    )
  }

  private sessionBytes(session: Windowed<K>): Windowed<Buffer> {
    if (session === null || session === undefined) throw new StoreArgumentError('session key cannot be null', { storeName: this.name })
    if (session.window === null || session.window === undefined) throw new StoreArgumentError('session window cannot be null', { storeName: this.name })
    return { key: this.serdes.keyBytes(session.key), window: session.window }
  }

  private bound(key: K | null): Buffer | null {
    return key === null || key === undefined ? null : this.serdes.keyBytes(key)
  }

  private typed(it: KeyValueIterator<Windowed<Buffer>, Buffer>): KeyValueIterator<Windowed<K>, V> {
    const serdes = this.serdes
    return new MappedKeyValueIterator(it, (e) => ({ key: { key: serdes.key(e.key.key), window: e.key.window }, value: serdes.value(e.value) as V }))
  }
}
