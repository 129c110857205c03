import type { Serde } from '../../processor-api/serde/serde.js'
import type { LogConfig } from '../../processor-api/state-store.js'
import { Named } from './named.js'
import type { MaterializedStoreSupplier, StoreType } from './materialized.js'

/** Serdes, names and stores of a stream-stream join. */
export interface StreamJoinedOptions<K, V, VO> {
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  readonly otherValueSerde?: Serde<VO> | undefined
  /** Base name of the join processors and repartition topics (`<name>-left/-right-repartition`). */
  readonly name?: string | undefined
  /** Base name of the two window stores (`<storeName>-this-join-store`, `-other-join-store`). */
  readonly storeName?: string | undefined
  readonly thisStoreSupplier?: MaterializedStoreSupplier | undefined
  readonly otherStoreSupplier?: MaterializedStoreSupplier | undefined
  readonly storeType?: StoreType | undefined
  /** Default true. */
  readonly loggingEnabled?: boolean | undefined
  readonly topicConfig?: LogConfig | undefined
}

/**
 * Options for `KStream.join/leftJoin/outerJoin(stream, ...)` (Kafka's `StreamJoined`). Immutable.
 *
 * @example
 * left.join(right, (l, r) => l + r, JoinWindows.ofTimeDifferenceWithNoGrace(100), StreamJoined.with(s, s, s))
 */
export class StreamJoined<K, V, VO> implements StreamJoinedOptions<K, V, VO> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly otherValueSerde: Serde<VO> | undefined
  readonly name: string | undefined
  readonly storeName: string | undefined
  readonly thisStoreSupplier: MaterializedStoreSupplier | undefined
  readonly otherStoreSupplier: MaterializedStoreSupplier | undefined
  readonly storeType: StoreType | undefined
  readonly loggingEnabled: boolean
  readonly topicConfig: LogConfig

  private constructor(o: StreamJoinedOptions<K, V, VO>) {
    if (o.name !== undefined) Named.validate(o.name)
    if (o.storeName !== undefined) Named.validate(o.storeName)
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.otherValueSerde = o.otherValueSerde
    this.name = o.name
    this.storeName = o.storeName
    this.thisStoreSupplier = o.thisStoreSupplier
    this.otherStoreSupplier = o.otherStoreSupplier
    this.storeType = o.storeType
    this.loggingEnabled = o.loggingEnabled ?? true
    this.topicConfig = o.topicConfig ?? {}
  }

  static from<K, V, VO>(options: StreamJoinedOptions<K, V, VO> = {}): StreamJoined<K, V, VO> {
    return options instanceof StreamJoined ? (options as StreamJoined<K, V, VO>) : new StreamJoined(options)
  }

  static with<K, V, VO>(
    keySerde?: Serde<K> | null,
    valueSerde?: Serde<V> | null,
    otherValueSerde?: Serde<VO> | null,
  ): StreamJoined<K, V, VO> {
    return new StreamJoined({
      keySerde: keySerde ?? undefined,
      valueSerde: valueSerde ?? undefined,
      otherValueSerde: otherValueSerde ?? undefined,
    })
  }

  /** Uses these two window store suppliers for the join's this/other stores. */
  static withStores<K, V, VO>(thisStoreSupplier: MaterializedStoreSupplier, otherStoreSupplier: MaterializedStoreSupplier): StreamJoined<K, V, VO> {
    return new StreamJoined({ thisStoreSupplier, otherStoreSupplier })
  }

  static as<K, V, VO>(storeName: string): StreamJoined<K, V, VO> {
    return new StreamJoined({ storeName })
  }

  withName(name: string): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, name })
  }

  withStoreName(storeName: string): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, storeName })
  }

  withKeySerde(keySerde: Serde<K>): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, valueSerde })
  }

  withOtherValueSerde(otherValueSerde: Serde<VO>): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, otherValueSerde })
  }

  withThisStoreSupplier(thisStoreSupplier: MaterializedStoreSupplier): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, thisStoreSupplier })
  }

  withOtherStoreSupplier(otherStoreSupplier: MaterializedStoreSupplier): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, otherStoreSupplier })
  }

  withStoreType(storeType: StoreType): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, storeType })
  }

  withLoggingEnabled(topicConfig: LogConfig = {}): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, loggingEnabled: true, topicConfig })
  }

  withLoggingDisabled(): StreamJoined<K, V, VO> {
    return new StreamJoined({ ...this, loggingEnabled: false, topicConfig: {} })
  }
}
