import type { KeyValue } from '../../../processor-api/key-value.js'
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { KeyValueIterator, KeyValueStore, TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { mapIteratorValues } from './map-iterator.js'

/**
 * Kafka's driver `KeyValueStoreFacade`: a timestamped key-value store seen as a plain one (values
 * without timestamps; puts store timestamp -1, Kafka's NO_TIMESTAMP).
 */
export class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
  constructor(private readonly inner: TimestampedKeyValueStore<K, V>) {}

  get name(): string {
    return this.inner.name
  }
  get persistent(): boolean {
    return this.inner.persistent
  }
  get isOpen(): boolean {
    return this.inner.isOpen
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
  get(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.get(key))
  }
  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return mapIteratorValues(this.inner.range(from, to), unwrap)
  }
  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return mapIteratorValues(this.inner.reverseRange(from, to), unwrap)
  }
  all(): KeyValueIterator<K, V> {
    return mapIteratorValues(this.inner.all(), unwrap)
  }
  reverseAll(): KeyValueIterator<K, V> {
    return mapIteratorValues(this.inner.reverseAll(), unwrap)
  }
  prefixScan<P>(prefix: P, prefixSerializer: { serialize(topic: string, data: P | null): Buffer | null }): KeyValueIterator<K, V> {
    return mapIteratorValues(this.inner.prefixScan(prefix, prefixSerializer), unwrap)
  }
  approximateNumEntries(): number {
    return this.inner.approximateNumEntries()
  }
  put(key: K, value: V | null): void {
    this.inner.put(key, value === null ? null : ValueAndTimestamp.make(value, -1))
  }
  putIfAbsent(key: K, value: V): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.putIfAbsent(key, ValueAndTimestamp.make(value, -1)))
  }
  putAll(entries: ReadonlyArray<KeyValue<K, V | null>>): void {
    for (const e of entries) this.put(e.key, e.value)
  }
  delete(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.delete(key))
  }
}

/** Iterated entries always hold a value (deleted keys are not iterated). */
function unwrap<V>(vt: ValueAndTimestamp<V>): V {
  return vt.value
}
