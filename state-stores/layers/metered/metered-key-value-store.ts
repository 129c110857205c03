import type { KeyValue } from '../../../processor-api/key-value.js'
import type { KeyValueBytesStore } from '../../bytes/key-value-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import type { KeyValueIterator, KeyValueStore } from '../../key-value-store.js'
import { StoreArgumentError } from '../../errors.js'
import { MeteredStore } from './metered-store.js'
import { typedEntries, typedFlushListener } from './typed-entries.js'

/**
 * The typed outer layer of a key-value store (Kafka's `MeteredKeyValueStore`): serializes
 * keys and values with the store's serdes (the changelog topic name is the serde topic),
 * checks arguments and counts operations. The only layer that sees user types.
 */
export class MeteredKeyValueStore<K, V> extends MeteredStore<KeyValueBytesStore, K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
  /** @throws StoreArgumentError when `key` is null. */
  get(key: K): V | null {
    this.metrics.gets++
    return this.serdes.value(this.wrapped.get(this.serdes.keyBytes(key)))
  }

  /** @throws StoreArgumentError when `key` is null. */
  put(key: K, value: V | null): void {
    this.metrics.puts++
    this.wrapped.put(this.serdes.keyBytes(key), this.serdes.valueBytes(value))
  }

  /** @throws StoreArgumentError when `key` is null. */
  putIfAbsent(key: K, value: V): V | null {
    this.metrics.putIfAbsents++
    const keyBytes = this.serdes.keyBytes(key)
    const valueBytes = this.serdes.valueBytes(value)
    if (valueBytes === null) {
      // Kafka serializes a null put as a delete; putIfAbsent of null only reads.
      return this.serdes.value(this.wrapped.get(keyBytes))
    }
    return this.serdes.value(this.wrapped.putIfAbsent(keyBytes, valueBytes))
  }

  /** @throws StoreArgumentError when a key is null. */
  putAll(entries: ReadonlyArray<KeyValue<K, V | null>>): void {
    this.metrics.putAlls++
    const bytes = entries.map((e) => ({ key: this.serdes.keyBytes(e.key), value: this.serdes.valueBytes(e.value) }))
    this.wrapped.putAll(bytes)
  }

  /** @throws StoreArgumentError when `key` is null. */
  delete(key: K): V | null {
    this.metrics.deletes++
    return this.serdes.value(this.wrapped.delete(this.serdes.keyBytes(key)))
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return typedEntries(this.serdes, this.wrapped.range(this.serdes.boundBytes(from), this.serdes.boundBytes(to)))
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return typedEntries(this.serdes, this.wrapped.reverseRange(this.serdes.boundBytes(from), this.serdes.boundBytes(to)))
  }

  all(): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return typedEntries(this.serdes, this.wrapped.all())
  }

  reverseAll(): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return typedEntries(this.serdes, this.wrapped.reverseAll())
  }

  /** @throws StoreArgumentError when the prefix or the serializer is null, or the prefix serializes to null. */
  prefixScan<P>(prefix: P, prefixSerializer: { serialize(topic: string, data: P | null): Buffer | null }): KeyValueIterator<K, V> {
    this.metrics.ranges++
    if (prefix === null || prefix === undefined) throw new StoreArgumentError('prefix cannot be null', { storeName: this.name })
    if (prefixSerializer === null || prefixSerializer === undefined) {
      throw new StoreArgumentError('prefixKeySerializer cannot be null', { storeName: this.name })
    }
    const bytes = prefixSerializer.serialize(this.serdes.topic, prefix)
    if (bytes === null) throw new StoreArgumentError('prefix serialized to null', { storeName: this.name })
    return typedEntries(this.serdes, this.wrapped.prefixScan(bytes))
  }

  approximateNumEntries(): number {
    return this.wrapped.approximateNumEntries()
  }

  /**
   * Registers the listener with the caching layer below. Returns false when caching is off
   * (then the caller forwards updates itself).
   */
  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): boolean {
    return this.wrapped.setFlushListener?.(typedFlushListener(this.serdes, listener), sendOldValues) ?? false
  }
}
