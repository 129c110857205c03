import type { Serde } from '../../../processor-api/serde/serde.js'
import type { LogConfig, StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import type { KeyValueBytesStoreSupplier } from '../../../state-stores/bytes/key-value-bytes-store.js'
import type { SessionBytesStoreSupplier } from '../../../state-stores/bytes/session-bytes-store.js'
import type { WindowBytesStoreSupplier } from '../../../state-stores/bytes/window-bytes-store.js'
import { Stores } from '../../../state-stores/stores.js'
import type { MaterializedStoreSupplier, StoreType } from '../../options/materialized.js'

/** What the DSL asks for when it materializes a store. */
export interface DslStoreSpec<K, V> {
  readonly name: string
  readonly kind: 'timestampedKeyValue' | 'keyValue' | 'timestampedWindow' | 'session' | 'window'
  readonly storeType: StoreType | undefined
  readonly storeSupplier: MaterializedStoreSupplier | undefined
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly cachingEnabled: boolean
  readonly loggingEnabled: boolean
  readonly logConfig: LogConfig
  /** Window/session stores. */
  readonly retentionMs?: number
  readonly windowSizeMs?: number
  readonly retainDuplicates?: boolean
}

function kvSupplier<K, V>(spec: DslStoreSpec<K, V>): KeyValueBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as KeyValueBytesStoreSupplier
  if (spec.storeType === 'in_memory') return Stores.inMemoryKeyValueStore(spec.name)
  return spec.kind === 'timestampedKeyValue' ? Stores.persistentTimestampedKeyValueStore(spec.name) : Stores.persistentKeyValueStore(spec.name)
}

function windowSupplier<K, V>(spec: DslStoreSpec<K, V>): WindowBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as WindowBytesStoreSupplier
  const retention = spec.retentionMs ?? 0
  const size = spec.windowSizeMs ?? 0
  const dups = spec.retainDuplicates ?? false
  if (spec.storeType === 'in_memory') return Stores.inMemoryWindowStore(spec.name, retention, size, dups)
  return spec.kind === 'timestampedWindow'
    ? Stores.persistentTimestampedWindowStore(spec.name, retention, size, dups)
    : Stores.persistentWindowStore(spec.name, retention, size, dups)
}

function sessionSupplier<K, V>(spec: DslStoreSpec<K, V>): SessionBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as SessionBytesStoreSupplier
  const retention = spec.retentionMs ?? 0
  return spec.storeType === 'in_memory' ? Stores.inMemorySessionStore(spec.name, retention) : Stores.persistentSessionStore(spec.name, retention)
}

/**
 * Creates the store builder of a DSL store (Kafka's store materializers): the engine (LevelDB by
 * default, in memory with `storeType: 'in_memory'`, or the user's supplier), wrapped by the state
 * stores' builders with caching and logging as asked. Undefined serdes fall back to the
 * application's default serdes when the store is initialised.
 */
export function createDslStoreBuilder<K, V>(spec: DslStoreSpec<K, V>): StoreBuilder<StateStore> {
  const k = spec.keySerde ?? null
  const v = spec.valueSerde ?? null
  let builder: StoreBuilder<StateStore>
  switch (spec.kind) {
    case 'timestampedKeyValue':
      builder = Stores.timestampedKeyValueStoreBuilder<K, V>(kvSupplier(spec), k, v)
      break
    case 'keyValue':
      builder = Stores.keyValueStoreBuilder<K, V>(kvSupplier(spec), k, v)
      break
    case 'timestampedWindow':
      builder = Stores.timestampedWindowStoreBuilder<K, V>(windowSupplier(spec), k, v)
      break
    case 'window':
      builder = Stores.windowStoreBuilder<K, V>(windowSupplier(spec), k, v)
      break
    case 'session':
      builder = Stores.sessionStoreBuilder<K, V>(sessionSupplier(spec), k, v)
      break
  }
  if (spec.loggingEnabled) builder.withLoggingEnabled(spec.logConfig)
  else builder.withLoggingDisabled()
  if (spec.cachingEnabled) builder.withCachingEnabled()
  else builder.withCachingDisabled()
  return builder
}
