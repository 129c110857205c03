import type { StateStore } from '../processor-api/state-store.js'
import type { Windowed } from '../processor-api/windowed.js'
import type { KeyValueIterator } from './key-value-store.js'

/** Read-only view of a session store (what interactive queries and the test driver get; Kafka's `ReadOnlySessionStore`). */
export interface ReadOnlySessionStore<K, V> {
  /**
   * Sessions of `key` that end at or after `earliestSessionEndTime` and start at or before
   * `latestSessionStartTime` (the candidates to merge with a new record).
   */
  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** Kafka's key-range overload (null bounds are open): the same as `findSessionsInRange`. */
  findSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** Kafka's key-range overload of `backwardFindSessions`: the same as `backwardFindSessionsInRange`. */
  backwardFindSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** Same over a key range (null = unbounded). */
  findSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  backwardFindSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  /** The value of exactly this session, or null. Synchronous. */
  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null
  /** Every session of `key`, or (two arguments) of the keys in [keyFrom, keyTo] (Kafka's `fetch(keyFrom, keyTo)`). */
  fetch(key: K): KeyValueIterator<Windowed<K>, V>
  fetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V>
  backwardFetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
}

/** A session store (Kafka's `SessionStore`): values per (key, session start, session end). */
export interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
  /**
   * Sessions of every key that end in [earliestSessionEndTime, latestSessionEndTime] (both
   * inclusive), by end time, then key, then start (Kafka's `findSessions(long, long)`, which its
   * in-memory store supports; tributary supports it on every engine).
   */
  findSessions(earliestSessionEndTime: number, latestSessionEndTime: number): KeyValueIterator<Windowed<K>, V>
  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  findSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  put(session: Windowed<K>, aggregate: V | null): void
  remove(session: Windowed<K>): void
  readonly retentionPeriodMs: number
}
