import type { MaterializedInternal } from '../materialized-internal.js'
import { StoreFactory } from '../store-factory.js'
import { createDslStoreBuilder } from './dsl-store-builders.js'

/**
 * The store of a table or aggregation (Kafka's `KeyValueStoreMaterializer`): a timestamped
 * key-value store, persistent by default, with caching and logging as materialized.
 */
export function keyValueStoreFactory<K, V>(m: MaterializedInternal<K, V>): StoreFactory {
  return new StoreFactory(m.storeName, () =>
    createDslStoreBuilder<K, V>({
      name: m.storeName,
      kind: 'timestampedKeyValue',
      storeType: m.storeType,
      storeSupplier: m.storeSupplier,
      keySerde: m.keySerde,
      valueSerde: m.valueSerde,
      cachingEnabled: m.cachingEnabled,
      loggingEnabled: m.loggingEnabled,
      logConfig: m.logConfig,
    }),
  )
}
