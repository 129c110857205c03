import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { TimestampedWindowStore, WindowStore, WindowStoreIterator } from '../../../state-stores/window-store.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { mapIteratorValues } from './map-iterator.js'

/**
 * Kafka's driver `WindowStoreFacade`: a timestamped window store seen as a plain one (values
 * without timestamps; puts store timestamp -1).
 */
export class WindowStoreFacade<K, V> implements WindowStore<K, V> {
  constructor(private readonly inner: TimestampedWindowStore<K, V>) {}

  get name(): string {
    return this.inner.name
  }
  get persistent(): boolean {
    return this.inner.persistent
  }
  get isOpen(): boolean {
    return this.inner.isOpen
  }
  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs
  }
  get windowSizeMs(): number {
    return this.inner.windowSizeMs
  }
  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.inner.init(context, root)
  }
  flush(): void {
    this.inner.flush()
  }
  persist(changelogOffset: number | null): Promise<void> {
    return this.inner.persist(changelogOffset)
  }
  committedOffset(): number | null {
    return this.inner.committedOffset()
  }
  close(): void | Promise<void> {
    return this.inner.close()
  }
  put(key: K, value: V | null, windowStartMs: number): void {
    this.inner.put(key, value === null ? null : ValueAndTimestamp.make(value, -1), windowStartMs)
  }
  fetch(key: K, windowStartMs: number): V | null
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  fetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  fetch(key: K | null, a: K | number | null, b?: number, c?: number): V | null | WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.fetchRange(key, a as K | null, b!, c)
    if (b === undefined) return ValueAndTimestamp.getValueOrNull(this.inner.fetch(key as K, a as number))
    return mapIteratorValues(this.inner.fetch(key as K, a as number, b), unwrap)
  }
  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  backwardFetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  backwardFetch(key: K | null, a: K | number | null, b: number, c?: number): WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.backwardFetchRange(key, a as K | null, b, c)
    return mapIteratorValues(this.inner.backwardFetch(key as K, a as number, b), unwrap)
  }
  fetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.fetchRange(keyFrom, keyTo, timeFrom, timeTo), unwrap)
  }
  backwardFetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.backwardFetchRange(keyFrom, keyTo, timeFrom, timeTo), unwrap)
  }
  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.fetchAll(timeFrom, timeTo), unwrap)
  }
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.backwardFetchAll(timeFrom, timeTo), unwrap)
  }
  all(): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.all(), unwrap)
  }
  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    return mapIteratorValues(this.inner.backwardAll(), unwrap)
  }
}

/** Iterated entries always hold a value (deleted keys are not iterated). */
function unwrap<V>(vt: ValueAndTimestamp<V>): V {
  return vt.value
}
