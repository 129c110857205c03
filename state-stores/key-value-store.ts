import type { StateStore } from '../processor-api/state-store.js'
import type { KeyValue } from '../processor-api/key-value.js'
import type { ValueAndTimestamp } from './value-and-timestamp.js'

/**
 * An iterator over a store range. Ranges are asynchronous (LevelDB iterates asynchronously);
 * point reads are synchronous. Always iterate to the end or call `close()`.
 */
export interface KeyValueIterator<K, V> extends AsyncIterableIterator<KeyValue<K, V>> {
  close(): Promise<void>
}

/** Read-only view of a key-value store (what interactive queries and the test driver get). */
export interface ReadOnlyKeyValueStore<K, V> {
  /** The value for `key`, or null. Synchronous. */
  get(key: K): V | null
  /** Keys in [from, to] (both inclusive; null = unbounded), in byte-wise order of serialized keys. */
  range(from: K | null, to: K | null): KeyValueIterator<K, V>
  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V>
  all(): KeyValueIterator<K, V>
  reverseAll(): KeyValueIterator<K, V>
  /** Keys whose serialized form starts with the serialized `prefix`. */
  prefixScan<P>(prefix: P, prefixSerializer: { serialize(topic: string, data: P | null): Buffer | null }): KeyValueIterator<K, V>
  /** An estimate of the number of keys. */
  approximateNumEntries(): number
}

/** A key-value store (Kafka's `KeyValueStore`). Writes are synchronous; null values are rejected by `put` semantics: `put(k, null)` deletes. */
export interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
  put(key: K, value: V | null): void
  /** Puts only when absent; returns the existing value (or null when it put). */
  putIfAbsent(key: K, value: V): V | null
  putAll(entries: ReadonlyArray<KeyValue<K, V | null>>): void
  /** Deletes and returns the old value (or null). */
  delete(key: K): V | null
}

/** A key-value store whose values carry the timestamp of their last update. */
export type TimestampedKeyValueStore<K, V> = KeyValueStore<K, ValueAndTimestamp<V>>
