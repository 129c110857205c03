import type { Serde } from '../../../processor-api/serde/serde.js'
import type { LogConfig, StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import { StreamsError } from '../../../processor-api/errors.js'
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

/**
 * Creates the store builder for a DSL store from the `Stores` factory (placeholder until the
 * state-stores area lands: a builder that can be described but not built).
 */
export function createDslStoreBuilder<K, V>(spec: DslStoreSpec<K, V>): StoreBuilder<StateStore> {
  return new PendingStoreBuilder(spec.name, spec.loggingEnabled, spec.logConfig)
}

class PendingStoreBuilder implements StoreBuilder<StateStore> {
  constructor(
    readonly name: string,
    public loggingEnabled: boolean,
    public logConfig: LogConfig,
  ) {}
  withCachingEnabled(): this {
    return this
  }
  withCachingDisabled(): this {
    return this
  }
  withLoggingEnabled(config: LogConfig = {}): this {
    this.loggingEnabled = true
    this.logConfig = config
    return this
  }
  withLoggingDisabled(): this {
    this.loggingEnabled = false
    return this
  }
  build(): StateStore {
    throw new StreamsError('KS_ERR_NOT_IMPLEMENTED', `store ${this.name}: state stores are not available yet`)
  }
}
