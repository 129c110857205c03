import type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from '../bytes/key-value-bytes-store.js'
import { CachingKeyValueStore } from '../layers/caching/caching-key-value-store.js'
import { ChangeLoggingKeyValueStore } from '../layers/change-logging/change-logging-key-value-store.js'
import { MeteredKeyValueStore } from '../layers/metered/metered-key-value-store.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { SuppliedStoreBuilder } from './supplied-store-builder.js'

/**
 * Builds key-value stores from a supplier (Kafka's `KeyValueStoreBuilder`). Null serdes fall
 * back to the application's default serdes at `init`.
 */
export class KeyValueStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredKeyValueStore<K, V>, KeyValueBytesStoreSupplier, K, V> {
  build(): MeteredKeyValueStore<K, V> {
    return new MeteredKeyValueStore(stackKeyValue(this.supplier.get(), this.cachingEnabled, this.loggingEnabled, false), {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
    })
  }
}

/**
 * Builds timestamped key-value stores (Kafka's `TimestampedKeyValueStoreBuilder`): values are
 * `ValueAndTimestamp<V>`, stored as `timestamp | value`; the changelog holds the plain value
 * with the timestamp as record timestamp.
 */
export class TimestampedKeyValueStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredKeyValueStore<K, ValueAndTimestamp<V>>, KeyValueBytesStoreSupplier, K, V> {
  build(): MeteredKeyValueStore<K, ValueAndTimestamp<V>> {
    const store = stackKeyValue(this.supplier.get(), this.cachingEnabled, this.loggingEnabled, true)
    return new MeteredKeyValueStore<K, ValueAndTimestamp<V>>(store, this.timestampedSerdes(), { timestamped: true })
  }
}

function stackKeyValue(engine: KeyValueBytesStore, caching: boolean, logging: boolean, timestamped: boolean): KeyValueBytesStore {
  let store: KeyValueBytesStore = engine
  if (logging) store = new ChangeLoggingKeyValueStore(store, { timestamped })
  if (caching) store = new CachingKeyValueStore(store)
  return store
}
