import type { Serde } from '../../processor-api/serde/serde.js'
import type { WindowBytesStore, WindowBytesStoreSupplier } from '../bytes/window-bytes-store.js'
import { CachingWindowStore } from '../layers/caching/caching-window-store.js'
import { ChangeLoggingWindowStore } from '../layers/change-logging/change-logging-window-store.js'
import { MeteredWindowStore } from '../layers/metered/metered-window-store.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { SuppliedStoreBuilder } from './supplied-store-builder.js'

/**
 * Builds window stores (Kafka's `WindowStoreBuilder`). For a store that retains duplicates, as
 * in Kafka: the changelog defaults to `cleanup.policy=delete` (compaction would drop duplicates),
 * and `build()` turns caching off (`isCachingEnabled` is false afterwards).
 */
export class WindowStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredWindowStore<K, V>, WindowBytesStoreSupplier, K, V> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(supplier: WindowBytesStoreSupplier, keySerde: Serde<K> | null, valueSerde: Serde<V> | null) {
    super(supplier, keySerde, valueSerde)
    if (supplier.retainDuplicates) this.withLoggingEnabled({ 'cleanup.policy': 'delete' })
  }

  build(): MeteredWindowStore<K, V> {
    if (this.supplier.retainDuplicates) this.cachingEnabled = false
    return new MeteredWindowStore(stackWindow(this.supplier, this.cachingEnabled, this.loggingEnabled, false), {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
    })
  }
}

/** Builds timestamped window stores (Kafka's `TimestampedWindowStoreBuilder`): values are `ValueAndTimestamp<V>`. */
export class TimestampedWindowStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredWindowStore<K, ValueAndTimestamp<V>>, WindowBytesStoreSupplier, K, V> {
  build(): MeteredWindowStore<K, ValueAndTimestamp<V>> {
    if (this.supplier.retainDuplicates) this.cachingEnabled = false
    const store = stackWindow(this.supplier, this.cachingEnabled, this.loggingEnabled, true)
    return new MeteredWindowStore<K, ValueAndTimestamp<V>>(store, this.timestampedSerdes(), { timestamped: true })
  }
}

function stackWindow(supplier: WindowBytesStoreSupplier, caching: boolean, logging: boolean, timestamped: boolean): WindowBytesStore {
  let store: WindowBytesStore = supplier.get()
  if (logging) store = new ChangeLoggingWindowStore(store, { timestamped })
  if (caching && !supplier.retainDuplicates) store = new CachingWindowStore(store)
  return store
}
