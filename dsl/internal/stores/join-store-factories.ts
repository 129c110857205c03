import type { Serde } from '../../../processor-api/serde/serde.js'
import type { StreamJoined } from '../../options/stream-joined.js'
import type { MaterializedStoreSupplier } from '../../options/materialized.js'
import type { JoinWindows } from '../../windows/join-windows.js'
import { StoreFactory } from '../store-factory.js'
import { createDslStoreBuilder } from './dsl-store-builders.js'

/**
 * One side's window store of a stream-stream join (Kafka's `StreamJoinedStoreFactory`): keeps
 * duplicates, retains window size + grace, changelog with `cleanup.policy=delete`.
 */
export function joinWindowStoreFactory<K, V>(
  name: string,
  windows: JoinWindows,
  joined: StreamJoined<K, unknown, unknown>,
  valueSerde: Serde<V> | undefined,
  storeSupplier?: MaterializedStoreSupplier,
): StoreFactory {
  return new StoreFactory(name, () =>
    createDslStoreBuilder<K, V>({
      name,
      kind: 'window',
      storeType: joined.storeType,
      storeSupplier,
      keySerde: joined.keySerde,
      valueSerde,
      cachingEnabled: false,
      loggingEnabled: joined.loggingEnabled,
      logConfig: { ...joined.topicConfig, 'cleanup.policy': 'delete' },
      retentionMs: windows.size() + windows.gracePeriodMs(),
      windowSizeMs: windows.size(),
      retainDuplicates: true,
    }),
  )
}

/**
 * The store left/outer stream-stream joins keep non-joined records in until their window closes
 * (Kafka's `OuterStreamJoinStoreFactory`): a key-value store ordered by timestamp.
 */
export function outerJoinStoreFactory<K, V>(
  name: string,
  joined: StreamJoined<unknown, unknown, unknown>,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
): StoreFactory {
  return new StoreFactory(name, () =>
    createDslStoreBuilder<K, V>({
      name,
      kind: 'keyValue',
      storeType: joined.storeType,
      storeSupplier: undefined,
      keySerde,
      valueSerde,
      cachingEnabled: false,
      loggingEnabled: joined.loggingEnabled,
      logConfig: joined.topicConfig,
    }),
  )
}
