import type { WindowBytesStore, WindowBytesStoreSupplier } from '../bytes/window-bytes-store.js'
import { CachingWindowStore } from '../layers/caching/caching-window-store.js'
import { ChangeLoggingWindowStore } from '../layers/change-logging/change-logging-window-store.js'
import { MeteredWindowStore } from '../layers/metered/metered-window-store.js'
import type { ValueAndTimestamp } from '../value-and-timestamp.js'
import { SuppliedStoreBuilder } from './supplied-store-builder.js'

/**
 * Builds window stores (Kafka's `WindowStoreBuilder`). Caching is ignored for stores that
 * retain duplicates, as in Kafka.
 */
export class WindowStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredWindowStore<K, V>, WindowBytesStoreSupplier, K, V> {
  build(): MeteredWindowStore<K, V> {
    return new MeteredWindowStore(stackWindow(this.supplier, this.cachingEnabled, this.loggingEnabled, false), {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
    })
  }
}

/** Builds timestamped window stores (Kafka's `TimestampedWindowStoreBuilder`): values are `ValueAndTimestamp<V>`. */
export class TimestampedWindowStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredWindowStore<K, ValueAndTimestamp<V>>, WindowBytesStoreSupplier, K, V> {
  build(): MeteredWindowStore<K, ValueAndTimestamp<V>> {
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
