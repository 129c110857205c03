import type { Serde } from '../../processor-api/serde/serde.js'
import type { WindowBytesStore, WindowBytesStoreSupplier } from '../bytes/window-bytes-store.js'
import { StoreArgumentError } from '../errors.js'
import { CachingWindowStore } from '../layers/caching/caching-window-store.js'
import { ChangeLoggingWindowStore } from '../layers/change-logging/change-logging-window-store.js'
import { MeteredWindowStore } from '../layers/metered/metered-window-store.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { ValueAndTimestampSerde } from '../value-and-timestamp-serde.js'
import { AbstractStoreBuilder } from './abstract-store-builder.js'

/**
 * Builds window stores (Kafka's `WindowStoreBuilder`). Caching is ignored for stores that
 * retain duplicates, as in Kafka.
 */
export class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<MeteredWindowStore<K, V>> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: WindowBytesStoreSupplier,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

  build(): MeteredWindowStore<K, V> {
    return new MeteredWindowStore(stackWindow(this.supplier, this.cachingEnabled, this.loggingEnabled, false), {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
    })
  }
}

/** Builds timestamped window stores (Kafka's `TimestampedWindowStoreBuilder`): values are `ValueAndTimestamp<V>`. */
export class TimestampedWindowStoreBuilder<K, V> extends AbstractStoreBuilder<MeteredWindowStore<K, ValueAndTimestamp<V>>> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: WindowBytesStoreSupplier,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

  build(): MeteredWindowStore<K, ValueAndTimestamp<V>> {
    const serdes = {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde === null ? null : new ValueAndTimestampSerde(this.valueSerde),
      wrapDefaultValueSerde: (inner: Serde<unknown>) => new ValueAndTimestampSerde(inner as Serde<V>),
    }
    return new MeteredWindowStore<K, ValueAndTimestamp<V>>(stackWindow(this.supplier, this.cachingEnabled, this.loggingEnabled, true), serdes, { timestamped: true })
  }
}

function stackWindow(supplier: WindowBytesStoreSupplier, caching: boolean, logging: boolean, timestamped: boolean): WindowBytesStore {
  let store: WindowBytesStore = supplier.get()
  if (logging) store = new ChangeLoggingWindowStore(store, { timestamped })
  if (caching && !supplier.retainDuplicates) store = new CachingWindowStore(store)
  return store
}
