import type { KeyValue } from '../../../processor-api/key-value.js'
import { Record } from '../../../processor-api/record.js'
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { KeyValueBytesStore } from '../../bytes/key-value-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import type { KeyValueIterator, KeyValueStore } from '../../key-value-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import { StoreArgumentError } from '../../errors.js'
import { WrappedStore } from '../wrapped-store.js'
import { StoreMetrics } from './store-metrics.js'
import { restoreContextFor, type MeteredStoreOptions } from './metered-store-options.js'
import { StoreSerdes, type SerdeSpec } from './store-serdes.js'

/**
 * The typed outer layer of a key-value store (Kafka's `MeteredKeyValueStore`): serializes
 * keys and values with the store's serdes (the changelog topic name is the serde topic),
 * checks arguments and counts operations. The only layer that sees user types.
 */
export class MeteredKeyValueStore<K, V> extends WrappedStore<KeyValueBytesStore> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
  /** Operation counters. */
  readonly metrics = new StoreMetrics()
  private readonly serdes: StoreSerdes<K, V>

  constructor(wrapped: KeyValueBytesStore, serdes: SerdeSpec<K, V>, options: MeteredStoreOptions = {}) {
    super(wrapped, options.timestamped === true ? { timestamped: true } : {})
    this.serdes = new StoreSerdes(wrapped.name, serdes)
  }

  /** @throws InvalidStateStoreError when no serde is available. */
  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.serdes.init(context)
    return this.wrapped.init(restoreContextFor(this.capabilities, context), root)
  }

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
    return this.typed(this.wrapped.range(this.boundBytes(from), this.boundBytes(to)))
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.reverseRange(this.boundBytes(from), this.boundBytes(to)))
  }

  all(): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.all())
  }

  reverseAll(): KeyValueIterator<K, V> {
    this.metrics.ranges++
    return this.typed(this.wrapped.reverseAll())
  }

  /** @throws StoreArgumentError when the prefix is null or serializes to null. */
  prefixScan<P>(prefix: P, prefixSerializer: { serialize(topic: string, data: P | null): Buffer | null }): KeyValueIterator<K, V> {
    this.metrics.ranges++
    if (prefix === null || prefix === undefined) throw new StoreArgumentError('prefix cannot be null', { storeName: this.name })
    const bytes = prefixSerializer.serialize(this.serdes.topic, prefix)
    if (bytes === null) throw new StoreArgumentError('prefix serialized to null', { storeName: this.name })
    return this.typed(this.wrapped.prefixScan(bytes))
  }

  approximateNumEntries(): number {
    return this.wrapped.approximateNumEntries()
  }

  override flush(): void {
    this.metrics.flushes++
    this.wrapped.flush()
  }

  /**
   * Registers the listener with the caching layer below. Returns false when caching is off
   * (then the caller forwards updates itself).
   */
  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): boolean {
    const target = this.wrapped.setFlushListener
    if (typeof target !== 'function') return false
    const serdes = this.serdes
    return target.call(
      this.wrapped,
      (key, newValue, oldValue, rc) => {
        listener(new Record(serdes.key(key), { newValue: serdes.value(newValue), oldValue: serdes.value(oldValue) }, rc.timestamp, rc.headers))
      },
      sendOldValues,
    )
  }

  private boundBytes(bound: K | null): Buffer | null {
    return bound === null || bound === undefined ? null : this.serdes.keyBytes(bound)
  }

  private typed(it: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<K, V> {
    const serdes = this.serdes
    return new MappedKeyValueIterator(it, (e) => ({ key: serdes.key(e.key), value: serdes.value(e.value) as V }))
  }
}
