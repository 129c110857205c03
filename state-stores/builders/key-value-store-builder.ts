import type { Serde } from '../../processor-api/serde/serde.js'
import type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from '../bytes/key-value-bytes-store.js'
import { StoreArgumentError } from '../errors.js'
import { CachingKeyValueStore } from '../layers/caching/caching-key-value-store.js'
import { ChangeLoggingKeyValueStore } from '../layers/change-logging/change-logging-key-value-store.js'
import { MeteredKeyValueStore } from '../layers/metered/metered-key-value-store.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { ValueAndTimestampSerde } from '../value-and-timestamp-serde.js'
import { AbstractStoreBuilder } from './abstract-store-builder.js'

/**
 * Builds key-value stores from a supplier (Kafka's `KeyValueStoreBuilder`). Null serdes fall
 * back to the application's default serdes at `init`.
 */
export class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<MeteredKeyValueStore<K, V>> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: KeyValueBytesStoreSupplier,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

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
export class TimestampedKeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<MeteredKeyValueStore<K, ValueAndTimestamp<V>>> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: KeyValueBytesStoreSupplier,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

  build(): MeteredKeyValueStore<K, ValueAndTimestamp<V>> {
    const serdes = {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde === null ? null : new ValueAndTimestampSerde(this.valueSerde),
      wrapDefaultValueSerde: (inner: Serde<unknown>) => new ValueAndTimestampSerde(inner as Serde<V>),
    }
    return new MeteredKeyValueStore<K, ValueAndTimestamp<V>>(stackKeyValue(this.supplier.get(), this.cachingEnabled, this.loggingEnabled, true), serdes, { timestamped: true })
  }
}

function stackKeyValue(engine: KeyValueBytesStore, caching: boolean, logging: boolean, timestamped: boolean): KeyValueBytesStore {
  let store: KeyValueBytesStore = engine
  if (logging) store = new ChangeLoggingKeyValueStore(store, { timestamped })
  if (caching) store = new CachingKeyValueStore(store)
  return store
}
