import type { Serde } from '../../processor-api/serde/serde.js'
import type { LogConfig } from '../../processor-api/state-store.js'
import { DslArgumentError } from '../errors.js'
import { Named } from './named.js'

/** Where a DSL store keeps its data: LevelDB (`persistent`, the default) or memory. */
export type StoreType = 'persistent' | 'in_memory'

/**
 * A store supplier from the `Stores` factory (e.g. `Stores.inMemoryKeyValueStore('counts')`),
 * used instead of the DSL's default store. Only its name and kind matter to the DSL; the store
 * builder wraps it.
 */
export interface MaterializedStoreSupplier {
  readonly name: string
}

/** How a DSL state store is materialized. */
export interface MaterializedOptions<K, V> {
  /** The store name; makes the table queryable. Default: a generated internal name. */
  readonly storeName?: string | undefined
  readonly storeSupplier?: MaterializedStoreSupplier | undefined
  readonly storeType?: StoreType | undefined
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  /** Default true: changes are logged to `<application.id>-<store>-changelog`. */
  readonly loggingEnabled?: boolean | undefined
  /** Changelog topic configs when logging is enabled. */
  readonly topicConfig?: LogConfig | undefined
  /** Default true, as in Kafka's DSL: updates are deduplicated per key until the next commit. */
  readonly cachingEnabled?: boolean | undefined
  /** Retention (ms) of window and session stores; ignored by key-value stores. */
  readonly retentionMs?: number | undefined
}

/**
 * How a DSL operation materializes its state store (Kafka's `Materialized`). Immutable: every
 * `with*` returns a copy.
 *
 * @example
 * grouped.count(Materialized.as<string, number>('counts').withValueSerde(Serdes.Long()))
 * table.filter(pred, { materialized: Materialized.with(Serdes.String(), Serdes.Long()).withCachingDisabled() })
 */
export class Materialized<K, V> implements MaterializedOptions<K, V> {
  readonly storeName: string | undefined
  readonly storeSupplier: MaterializedStoreSupplier | undefined
  readonly storeType: StoreType | undefined
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly loggingEnabled: boolean
  readonly topicConfig: LogConfig
  readonly cachingEnabled: boolean
  readonly retentionMs: number | undefined

  private constructor(o: MaterializedOptions<K, V>) {
    if (o.storeName !== undefined) Named.validate(o.storeName)
    if (o.retentionMs !== undefined && !(o.retentionMs >= 0)) {
      throw new DslArgumentError('retentionMs', `Retention must not be negative, got ${o.retentionMs}`)
    }
    this.storeName = o.storeName
    this.storeSupplier = o.storeSupplier
    this.storeType = o.storeType
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.loggingEnabled = o.loggingEnabled ?? true
    this.topicConfig = o.topicConfig ?? {}
    this.cachingEnabled = o.cachingEnabled ?? true
    this.retentionMs = o.retentionMs
  }

  /** A store name, an options object or a `Materialized`, as a `Materialized`. */
  static from<K, V>(options: string | MaterializedOptions<K, V> | undefined): Materialized<K, V> {
    if (options === undefined) return new Materialized({})
    if (typeof options === 'string') return new Materialized({ storeName: options })
    return options instanceof Materialized ? (options as Materialized<K, V>) : new Materialized(options)
  }

  /** Materializes in a store with this name (queryable), or with this store supplier. */
  static as<K, V>(storeNameOrSupplier: string | MaterializedStoreSupplier): Materialized<K, V> {
    return typeof storeNameOrSupplier === 'string'
      ? new Materialized({ storeName: storeNameOrSupplier })
      : new Materialized({ storeSupplier: storeNameOrSupplier })
  }

  /** Materializes with these serdes (null/undefined: inherited or the default). */
  static with<K, V>(keySerde?: Serde<K> | null, valueSerde?: Serde<V> | null): Materialized<K, V> {
    return new Materialized({ keySerde: keySerde ?? undefined, valueSerde: valueSerde ?? undefined })
  }

  withKeySerde(keySerde: Serde<K>): Materialized<K, V> {
    return new Materialized({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Materialized<K, V> {
    return new Materialized({ ...this, valueSerde })
  }

  /** Logs changes to the changelog topic, with these topic configs. */
  withLoggingEnabled(topicConfig: LogConfig = {}): Materialized<K, V> {
    return new Materialized({ ...this, loggingEnabled: true, topicConfig })
  }

  withLoggingDisabled(): Materialized<K, V> {
    return new Materialized({ ...this, loggingEnabled: false, topicConfig: {} })
  }

  withCachingEnabled(): Materialized<K, V> {
    return new Materialized({ ...this, cachingEnabled: true })
  }

  withCachingDisabled(): Materialized<K, V> {
    return new Materialized({ ...this, cachingEnabled: false })
  }

  /** Retention (ms) of a window or session store; at least window size + grace. */
  withRetention(retentionMs: number): Materialized<K, V> {
    return new Materialized({ ...this, retentionMs })
  }

  withStoreType(storeType: StoreType): Materialized<K, V> {
    return new Materialized({ ...this, storeType })
  }
}
