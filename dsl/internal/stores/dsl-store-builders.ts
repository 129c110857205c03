import type { Serde } from '../../../processor-api/serde/serde.js'
import type { LogConfig, StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import type { KeyValueBytesStoreSupplier } from '../../../state-stores/bytes/key-value-bytes-store.js'
import type { SessionBytesStoreSupplier } from '../../../state-stores/bytes/session-bytes-store.js'
import type { WindowBytesStoreSupplier } from '../../../state-stores/bytes/window-bytes-store.js'
import { KeyValueStoreBuilder, TimestampedKeyValueStoreBuilder } from '../../../state-stores/builders/key-value-store-builder.js'
import { SessionStoreBuilder } from '../../../state-stores/builders/session-store-builder.js'
import { TimestampedWindowStoreBuilder, WindowStoreBuilder } from '../../../state-stores/builders/window-store-builder.js'
import { InMemoryKeyValueBytesStoreSupplier } from '../../../state-stores/in-memory/in-memory-key-value-store.js'
import { InMemorySessionBytesStoreSupplier } from '../../../state-stores/in-memory/in-memory-session-store.js'
import { InMemoryWindowBytesStoreSupplier } from '../../../state-stores/in-memory/in-memory-window-store.js'
import { LevelDbKeyValueBytesStoreSupplier } from '../../../state-stores/leveldb/leveldb-key-value-store.js'
import { LevelDbSessionBytesStoreSupplier } from '../../../state-stores/leveldb/leveldb-session-store.js'
import { LevelDbWindowBytesStoreSupplier } from '../../../state-stores/leveldb/leveldb-window-store.js'
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

/** Kafka's default segment interval for window and session stores: max(retention / 2, 60 s). */
function segmentInterval(retentionMs: number): number {
  return Math.max(Math.floor(retentionMs / 2), 60_000)
}

function kvSupplier<K, V>(spec: DslStoreSpec<K, V>): KeyValueBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as KeyValueBytesStoreSupplier
  return spec.storeType === 'in_memory' ? new InMemoryKeyValueBytesStoreSupplier(spec.name) : new LevelDbKeyValueBytesStoreSupplier(spec.name)
}

function windowSupplier<K, V>(spec: DslStoreSpec<K, V>): WindowBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as WindowBytesStoreSupplier
  const retention = spec.retentionMs ?? 0
  const args = [spec.name, retention, spec.windowSizeMs ?? 0, segmentInterval(retention), spec.retainDuplicates ?? false] as const
  return spec.storeType === 'in_memory' ? new InMemoryWindowBytesStoreSupplier(...args) : new LevelDbWindowBytesStoreSupplier(...args)
}

function sessionSupplier<K, V>(spec: DslStoreSpec<K, V>): SessionBytesStoreSupplier {
  if (spec.storeSupplier !== undefined) return spec.storeSupplier as unknown as SessionBytesStoreSupplier
  const retention = spec.retentionMs ?? 0
  return spec.storeType === 'in_memory'
    ? new InMemorySessionBytesStoreSupplier(spec.name, retention, segmentInterval(retention))
    : new LevelDbSessionBytesStoreSupplier(spec.name, retention, segmentInterval(retention))
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
      builder = new TimestampedKeyValueStoreBuilder<K, V>(kvSupplier(spec), k, v)
      break
    case 'keyValue':
      builder = new KeyValueStoreBuilder<K, V>(kvSupplier(spec), k, v)
      break
    case 'timestampedWindow':
      builder = new TimestampedWindowStoreBuilder<K, V>(windowSupplier(spec), k, v)
      break
    case 'window':
      builder = new WindowStoreBuilder<K, V>(windowSupplier(spec), k, v)
      break
    case 'session':
      builder = new SessionStoreBuilder<K, V>(sessionSupplier(spec), k, v)
      break
  }
  if (spec.loggingEnabled) builder.withLoggingEnabled(spec.logConfig)
  else builder.withLoggingDisabled()
  if (spec.cachingEnabled) builder.withCachingEnabled()
  else builder.withCachingDisabled()
  return builder
}
