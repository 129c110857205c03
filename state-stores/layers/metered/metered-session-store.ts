import type { Windowed } from '../../../processor-api/windowed.js'
import type { SessionBytesStore } from '../../bytes/session-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import { StoreArgumentError } from '../../errors.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import type { SessionStore } from '../../session-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import { TimeOrderedIterator } from '../../internal/time-ordered-iterator.js'
import { MeteredStore } from './metered-store.js'
import type { SerdeSpec } from './store-serdes.js'
import { typedWindowedEntries, typedWindowedFlushListener } from './typed-entries.js'

/** The typed outer layer of a session store (Kafka's `MeteredSessionStore`). */
export class MeteredSessionStore<K, V> extends MeteredStore<SessionBytesStore, K, V> implements SessionStore<K, V>, CachedStateStore<Windowed<K>, V> {
  constructor(wrapped: SessionBytesStore, serdes: SerdeSpec<K, V>) {
    super(wrapped, serdes)
  }

  get retentionPeriodMs(): number {
    return this.wrapped.retentionPeriodMs
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

  /** Sessions of every key ending in [earliestSessionEndTime, latestSessionEndTime], by end, then key, then start (Kafka's `SessionStore.findSessions(long, long)`). */
  findSessions(earliestSessionEndTime: number, latestSessionEndTime: number): KeyValueIterator<Windowed<K>, V>
  /** @throws StoreArgumentError when `key` is null. */
  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** Kafka's key-range form: the same as `findSessionsInRange` (null bounds are open). */
  findSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  findSessions(...args: [number, number] | [K, number, number] | [K | null, K | null, number, number]): KeyValueIterator<Windowed<K>, V> {
    if (args.length === 4) return this.findSessionsInRange(args[0], args[1], args[2], args[3])
    this.metrics.ranges++
    if (args.length === 2) {
      const [earliestEnd, latestEnd] = args
      const all = this.wrapped.findSessionsInRange(null, null, earliestEnd, Number.MAX_SAFE_INTEGER)
      const ended = new MappedKeyValueIterator(all, (e) => (e.key.window.end <= latestEnd ? e : undefined))
      return typedWindowedEntries(this.serdes, new TimeOrderedIterator(ended, 'end', this.wrapped.segmentIntervalMs, false))
    }
    const [key, earliestSessionEndTime, latestSessionStartTime] = args
    return typedWindowedEntries(this.serdes, this.wrapped.findSessions(this.serdes.keyBytes(key), earliestSessionEndTime, latestSessionStartTime))
  }

  /** @throws StoreArgumentError when `key` is null. */
  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** Kafka's key-range form: the same as `backwardFindSessionsInRange`. */
  backwardFindSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  backwardFindSessions(...args: [K, number, number] | [K | null, K | null, number, number]): KeyValueIterator<Windowed<K>, V> {
    if (args.length === 4) return this.backwardFindSessionsInRange(args[0], args[1], args[2], args[3])
    this.metrics.ranges++
    const [key, earliestSessionEndTime, latestSessionStartTime] = args
    return typedWindowedEntries(this.serdes, this.wrapped.backwardFindSessions(this.serdes.keyBytes(key), earliestSessionEndTime, latestSessionStartTime))
  }

  findSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.findSessionsInRange(this.serdes.boundBytes(keyFrom), this.serdes.boundBytes(keyTo), earliestSessionEndTime, latestSessionStartTime), false))
  }

  /** The same as `findSessionsInRange`, latest first. */
  backwardFindSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.backwardFindSessionsInRange(this.serdes.boundBytes(keyFrom), this.serdes.boundBytes(keyTo), earliestSessionEndTime, latestSessionStartTime), true))
  }

  /** Every session of `key` (Kafka: `findSessions(key, 0, Long.MAX_VALUE)`). @throws StoreArgumentError when `key` is null. */
  fetch(key: K): KeyValueIterator<Windowed<K>, V>
  /** Every session of the keys in [keyFrom, keyTo] (null bounds are open). */
  fetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
  fetch(...args: [K] | [K | null, K | null]): KeyValueIterator<Windowed<K>, V> {
    if (args.length === 2) return this.findSessionsInRange(args[0], args[1], 0, Number.MAX_SAFE_INTEGER)
    return this.findSessions(args[0], 0, Number.MAX_SAFE_INTEGER)
  }

  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V>
  backwardFetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
  backwardFetch(...args: [K] | [K | null, K | null]): KeyValueIterator<Windowed<K>, V> {
    if (args.length === 2) return this.backwardFindSessionsInRange(args[0], args[1], 0, Number.MAX_SAFE_INTEGER)
    return this.backwardFindSessions(args[0], 0, Number.MAX_SAFE_INTEGER)
  }

  /** Registers the listener with the caching layer below; false when caching is off. */
  setFlushListener(listener: CacheFlushListener<Windowed<K>, V>, sendOldValues: boolean): boolean {
    return this.wrapped.setFlushListener?.(typedWindowedFlushListener(this.serdes, listener), sendOldValues) ?? false
  }

  /**
   * Key-range scans of an in-memory store in Kafka's `InMemorySessionStore` order (session end,
   * then key, then start); persistent stores keep RocksDB's (per segment, key then end then start).
   */
  private ordered(it: KeyValueIterator<Windowed<Buffer>, Buffer>, reverse: boolean): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.persistent ? it : new TimeOrderedIterator(it, 'end', this.wrapped.segmentIntervalMs, reverse)
  }

  private sessionBytes(session: Windowed<K>): Windowed<Buffer> {
    if (session === null || session === undefined) throw new StoreArgumentError('session key cannot be null', { storeName: this.name })
    if (session.window === null || session.window === undefined) throw new StoreArgumentError('session window cannot be null', { storeName: this.name })
    return { key: this.serdes.keyBytes(session.key), window: session.window }
  }
}
