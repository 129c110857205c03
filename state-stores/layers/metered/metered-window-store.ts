import type { Windowed } from '../../../processor-api/windowed.js'
import type { WindowBytesStore } from '../../bytes/window-bytes-store.js'
import type { CacheFlushListener, CachedStateStore } from '../../cached-state-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import type { WindowStore, WindowStoreIterator } from '../../window-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import { TimeOrderedIterator } from '../../internal/time-ordered-iterator.js'
import { MeteredStore } from './metered-store.js'
import { typedWindowedEntries, typedWindowedFlushListener } from './typed-entries.js'

/** The typed outer layer of a window store (Kafka's `MeteredWindowStore`). */
export class MeteredWindowStore<K, V> extends MeteredStore<WindowBytesStore, K, V> implements WindowStore<K, V>, CachedStateStore<Windowed<K>, V> {
  get retentionPeriodMs(): number {
    return this.wrapped.retentionPeriodMs
  }

  get windowSizeMs(): number {
    return this.wrapped.windowSizeMs
  }

  /** @throws StoreArgumentError when `key` is null. */
  put(key: K, value: V | null, windowStartMs: number): void {
    this.metrics.puts++
    this.wrapped.put(this.serdes.keyBytes(key), this.serdes.valueBytes(value), windowStartMs)
  }

  fetch(key: K, windowStartMs: number): V | null
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  /** Kafka's key-range overload: the same as `fetchRange` (null bounds are open). */
  fetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  /** @throws StoreArgumentError when `key` is null. */
  fetch(key: K | null, a: K | number | null, b?: number, c?: number): V | null | WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.fetchRange(key, a as K | null, b!, c)
    const keyBytes = this.serdes.keyBytes(key as K)
    if (b === undefined) {
      this.metrics.gets++
      return this.serdes.value(this.wrapped.get(keyBytes, a as number))
    }
    this.metrics.ranges++
    return this.typedTimes(this.wrapped.fetch(keyBytes, a as number, b))
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  /** Kafka's key-range overload: the same as `backwardFetchRange`. */
  backwardFetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  /** @throws StoreArgumentError when `key` is null. */
  backwardFetch(key: K | null, a: K | number | null, b: number, c?: number): WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.backwardFetchRange(key, a as K | null, b, c)
    this.metrics.ranges++
    return this.typedTimes(this.wrapped.backwardFetch(this.serdes.keyBytes(key as K), a as number, b))
  }

  fetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.fetchKeyRange(this.serdes.boundBytes(keyFrom), this.serdes.boundBytes(keyTo), timeFrom, timeTo), false))
  }

  backwardFetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.backwardFetchKeyRange(this.serdes.boundBytes(keyFrom), this.serdes.boundBytes(keyTo), timeFrom, timeTo), true))
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.fetchAll(timeFrom, timeTo), false))
  }

  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.backwardFetchAll(timeFrom, timeTo), true))
  }

  all(): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.all(), false))
  }

  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    this.metrics.ranges++
    return typedWindowedEntries(this.serdes, this.ordered(this.wrapped.backwardAll(), true))
  }

  /** Registers the listener with the caching layer below; false when caching is off. */
  setFlushListener(listener: CacheFlushListener<Windowed<K>, V>, sendOldValues: boolean): boolean {
    return this.wrapped.setFlushListener?.(typedWindowedFlushListener(this.serdes, listener), sendOldValues) ?? false
  }

  /**
   * Key-range scans of an in-memory store in Kafka's `InMemoryWindowStore` order (window start,
   * then key); persistent stores keep RocksDB's (per segment, key then window start).
   */
  private ordered(it: KeyValueIterator<Windowed<Buffer>, Buffer>, reverse: boolean): KeyValueIterator<Windowed<Buffer>, Buffer> {
    return this.wrapped.persistent ? it : new TimeOrderedIterator(it, 'start', this.wrapped.segmentIntervalMs, reverse)
  }

  private typedTimes(it: KeyValueIterator<number, Buffer>): WindowStoreIterator<V> {
    const serdes = this.serdes
    return new MappedKeyValueIterator(it, (e) => ({ key: e.key, value: serdes.value(e.value) as V }))
  }
}

