import type { Serde } from '../../processor-api/serde/serde.js'
import type { LogConfig } from '../../processor-api/state-store.js'
import type { Materialized, MaterializedStoreSupplier, StoreType } from '../options/materialized.js'
import type { NameProvider } from './name-provider.js'

/**
 * A `Materialized` resolved for one operation (Kafka's `MaterializedInternal`): the store gets a
 * generated name (`<prefix>STATE-STORE-0000000003`) when the user gave none, and the table is
 * queryable only when the user named the store.
 */
export class MaterializedInternal<K, V> {
  readonly storeName: string
  readonly queryable: boolean
  readonly storeSupplier: MaterializedStoreSupplier | undefined
  readonly storeType: StoreType | undefined
  keySerde: Serde<K> | undefined
  valueSerde: Serde<V> | undefined
  loggingEnabled: boolean
  readonly logConfig: LogConfig
  readonly cachingEnabled: boolean
  readonly retentionMs: number | undefined

  constructor(materialized: Materialized<K, V>, nameProvider: NameProvider | null, generatedStorePrefix: string) {
    const userName = materialized.storeSupplier?.name ?? materialized.storeName
    this.queryable = userName !== undefined
    this.storeName = userName ?? (nameProvider !== null ? nameProvider.newStoreName(generatedStorePrefix) : '')
    this.storeSupplier = materialized.storeSupplier
    this.storeType = materialized.storeType
    this.keySerde = materialized.keySerde
    this.valueSerde = materialized.valueSerde
    this.loggingEnabled = materialized.loggingEnabled
    this.logConfig = materialized.topicConfig
    this.cachingEnabled = materialized.cachingEnabled
    this.retentionMs = materialized.retentionMs
  }

  /** The store name when the user chose it (the table is queryable), else null. */
  queryableStoreName(): string | null {
    return this.queryable ? this.storeName : null
  }

  /** Fills serdes the user left unset (Kafka: `Materialized.with(keySerde, valueSerde)` defaults). */
  withDefaultSerdes(keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined): this {
    if (this.keySerde === undefined) this.keySerde = keySerde
    if (this.valueSerde === undefined) this.valueSerde = valueSerde
    return this
  }
}
