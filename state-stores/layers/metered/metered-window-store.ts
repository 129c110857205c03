import { Record } from '../../../processor-api/record.js'
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { WindowBytesStore } from '../../bytes/window-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import type { WindowStore, WindowStoreIterator } from '../../window-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import { WrappedStore } from '../wrapped-store.js'
import { StoreMetrics } from './store-metrics.js'
import { restoreContextFor, type MeteredStoreOptions } from './metered-store-options.js'
import { StoreSerdes, type SerdeSpec } from './store-serdes.js'

/** The typed outer layer of a window store (Kafka's `MeteredWindowStore`). */
export class MeteredWindowStore<K, V> extends WrappedStore<WindowBytesStore> implements WindowStore<K, V>, CachedStateStore<Windowed<K>, V> {
  /** Operation counters. */
  readonly metrics = new StoreMetrics()
  private readonly serdes: StoreSerdes<K, V>

  constructor(wrapped: WindowBytesStore, serdes: SerdeSpec<K, V>, options: MeteredStoreOptions = {}) {
    super(wrapped, options.timestamped === true ? { timestamped: true } : {})
    this.serdes = new StoreSerdes(wrapped.name, serdes)
  }

  get retentionPeriodMs(): number {
    return this.wrapped.retentionPeriodMs
  }

  get windowSizeMs(): number {
    return this.wrapped.windowSizeMs
  }

  /** @throws InvalidStateStoreError when no serde is available. */
  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.serdes.init(context)
    return this.wrapped.init(restoreContextFor(this.capabilities, context), root)
  }

  /** @throws StoreArgumentError when `key` is null. */
  put(key: K, value: V | null, windowStartMs: number): void {
    this.metrics.puts++
    this.wrapped.put(this.serdes.keyBytes(key), this.serdes.valueBytes(value), windowStartMs)
  }

  fetch(key: K, windowStartMs: number): V | null
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  /** @throws StoreArgumentError when `key` is null. */
  fetch(key: K, timeFrom: number, timeTo?: number): V | null | WindowStoreIterator<V> {
    const keyBytes = this.serdes.keyBytes(key)
    if (timeTo === undefined) {
      this.metrics.gets++
      return this.serdes.value(this.wrapped.get(keyBytes, timeFrom))
    }
    this.metrics.ranges++
    return this.typedTimes(this.wrapped.fetch(keyBytes, timeFrom, timeTo))
  }

  /** @throws StoreArgumentError when `key` is null. */
  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V> {
    this.metrics.ranges++
    return this.typedTimes(this.wrapped.backwardFetch(this.serdes.keyBytes(key), timeFrom, timeTo))
  }

  fetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.fetchKeyRange(this.bound(keyFrom), this.bound(keyTo), timeFrom, timeTo))
  }

  backwardFetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.backwardFetchKeyRange(this.bound(keyFrom), this.bound(keyTo), timeFrom, timeTo))
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.fetchAll(timeFrom, timeTo))
  }

  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.backwardFetchAll(timeFrom, timeTo))
  }

  all(): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.all())
  }

  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return this.typedWindows(this.wrapped.backwardAll())
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

  private bound(key: K | null): Buffer | null {
    return key === null || key === undefined ? null : this.serdes.keyBytes(key)
  }

  private typedTimes(it: KeyValueIterator<number, Buffer>): WindowStoreIterator<V> {
    const serdes = this.serdes
    return new MappedKeyValueIterator(it, (e) => ({ key: e.key, value: serdes.value(e.value) as V }))
  }

  private typedWindows(it: KeyValueIterator<Windowed<Buffer>, Buffer>): KeyValueIterator<Windowed<K>, V> {
    const serdes = this.serdes
    return new MappedKeyValueIterator(it, (e) => ({ key: { key: serdes.key(e.key.key), window: e.key.window }, value: serdes.value(e.value) as V }))
  }
}

