import type { StateStore } from '../processor-api/state-store.js'
import type { KeyValue } from '../processor-api/key-value.js'
import type { Windowed } from '../processor-api/windowed.js'
import type { KeyValueIterator } from './key-value-store.js'
import type { ValueAndTimestamp } from './value-and-timestamp.js'

/** Iterates `{ key: windowStartMs, value }` pairs of one key, in time order. */
export type WindowStoreIterator<V> = KeyValueIterator<number, V>

/** Read-only view of a window store (what interactive queries and the test driver get). */
export interface ReadOnlyWindowStore<K, V> {
  /** The value of `key` in the window starting at `windowStartMs`, or null. Synchronous. */
  fetch(key: K, windowStartMs: number): V | null
  /** Windows of `key` whose start lies in [timeFrom, timeTo]. */
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  /** Kafka's key-range form: windows of keys in [keyFrom, keyTo] (null = unbounded) starting in [timeFrom, timeTo]; the same as `fetchRange`. */
  fetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  /** Kafka's key-range form of `backwardFetch`; the same as `backwardFetchRange`. */
  backwardFetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  /** Windows of keys in [keyFrom, keyTo] (null = unbounded) whose start lies in [timeFrom, timeTo]. */
  fetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  backwardFetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  /** Every window whose start lies in [timeFrom, timeTo]. */
  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  all(): KeyValueIterator<Windowed<K>, V>
  backwardAll(): KeyValueIterator<Windowed<K>, V>
}

/**
 * A window store (Kafka's `WindowStore`): values per (key, window start). Data older than the
 * retention period (relative to the largest window start seen) is dropped by whole segments.
 */
export interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
  /** Puts the value of `key` for the window starting at `windowStartMs`; null deletes it. */
  put(key: K, value: V | null, windowStartMs: number): void
  readonly retentionPeriodMs: number
  readonly windowSizeMs: number
}

/** A window store whose values carry the timestamp of their last update. */
export type TimestampedWindowStore<K, V> = WindowStore<K, ValueAndTimestamp<V>>

export type { KeyValue }
