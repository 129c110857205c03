import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { KTableValueGetter, KTableValueGetterSupplier } from '../ktable-value-getter.js'

/** Reads a materialized table's timestamped store (Kafka's `KTableMaterializedValueGetterSupplier`). */
export class KTableMaterializedValueGetterSupplier<K, V> implements KTableValueGetterSupplier<K, V> {
  constructor(private readonly storeName: string) {}

  get(): KTableValueGetter<K, V> {
    const storeName = this.storeName
    let store: TimestampedKeyValueStore<K, V> | null = null
    return {
      init(context: ProcessorContext<unknown, unknown>) {
        store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName)
      },
      get(key: K): ValueAndTimestamp<V> | null {
        return store!.get(key)
      },
      close() {},
    }
  }

  storeNames(): string[] {
    return [this.storeName]
  }
}
