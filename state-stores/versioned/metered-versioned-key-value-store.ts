import { MeteredStore } from '../layers/metered/metered-store.js'
import type { VersionedKeyValueStore, VersionedRecord } from '../versioned-key-value-store.js'
import type { VersionedBytesStore } from './versioned-bytes-store.js'

/**
 * The typed outer layer of a versioned store (Kafka's `MeteredVersionedKeyValueStore`):
 * serializes keys and values with the store's serdes, checks arguments and counts operations.
 */
export class MeteredVersionedKeyValueStore<K, V> extends MeteredStore<VersionedBytesStore, K, V> implements VersionedKeyValueStore<K, V> {
  /** Marks the store as versioned (see `isVersionedKeyValueStore`). */
  readonly versioned = true

  /** @throws StoreArgumentError when `key` is null. */
  put(key: K, value: V | null, timestamp: number): number {
    this.metrics.puts++
    return this.wrapped.put(this.serdes.keyBytes(key), this.serdes.valueBytes(value), timestamp)
  }

  /** @throws StoreArgumentError when `key` is null. */
  delete(key: K, timestamp: number): VersionedRecord<V> | null {
    this.metrics.deletes++
    return this.typed(this.wrapped.delete(this.serdes.keyBytes(key), timestamp))
  }

  /** @throws StoreArgumentError when `key` is null. */
  get(key: K, asOfTimestamp?: number): VersionedRecord<V> | null {
    this.metrics.gets++
    return this.typed(this.wrapped.get(this.serdes.keyBytes(key), asOfTimestamp))
  }

  private typed(record: VersionedRecord<Buffer> | null): VersionedRecord<V> | null {
    if (record === null) return null
    return { value: this.serdes.value(record.value) as V, timestamp: record.timestamp, validTo: record.validTo }
  }
}
