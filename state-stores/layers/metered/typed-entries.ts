/**
 * How the metered layers hand the bytes coming up from below to the user: iterator entries and
 * flushed cache entries deserialized with the store's serdes. Windowed entries keep their window.
 */
import type { Windowed } from '../../../processor-api/windowed.js'
import { Record } from '../../../processor-api/record.js'
import type { BytesFlushListener } from '../../bytes/bytes-flush-listener.js'
import type { CacheFlushListener } from '../../cached-state-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { MappedKeyValueIterator } from '../../internal/key-value-iterators.js'
import type { StoreSerdes } from './store-serdes.js'

/** The entries of `it` with typed keys and values. */
export function typedEntries<K, V>(serdes: StoreSerdes<K, V>, it: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<K, V> {
  return new MappedKeyValueIterator(it, (e) => ({ key: serdes.key(e.key), value: serdes.value(e.value) as V }))
}

/** The entries of `it` with typed windowed keys and values. */
export function typedWindowedEntries<K, V>(serdes: StoreSerdes<K, V>, it: KeyValueIterator<Windowed<Buffer>, Buffer>): KeyValueIterator<Windowed<K>, V> {
  return new MappedKeyValueIterator(it, (e) => ({ key: { key: serdes.key(e.key.key), window: e.key.window }, value: serdes.value(e.value) as V }))
}

/** A listener for the caching layer below that calls `listener` with a typed `Record<K, Change<V>>`. */
export function typedFlushListener<K, V>(serdes: StoreSerdes<K, V>, listener: CacheFlushListener<K, V>): BytesFlushListener<Buffer> {
  return (key, newValue, oldValue, rc) => {
    listener(new Record(serdes.key(key), { newValue: serdes.value(newValue), oldValue: serdes.value(oldValue) }, rc.timestamp, rc.headers))
  }
}

/** The same for windowed keys. */
export function typedWindowedFlushListener<K, V>(serdes: StoreSerdes<K, V>, listener: CacheFlushListener<Windowed<K>, V>): BytesFlushListener<Windowed<Buffer>> {
  return (key, newValue, oldValue, rc) => {
    const windowed: Windowed<K> = { key: serdes.key(key.key), window: key.window }
    listener(new Record(windowed, { newValue: serdes.value(newValue), oldValue: serdes.value(oldValue) }, rc.timestamp, rc.headers))
  }
}
