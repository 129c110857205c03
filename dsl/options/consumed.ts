import type { Serde } from '../../processor-api/serde/serde.js'
import type { OffsetReset, TimestampExtractor } from '../../processor-api/topology-options.js'
import { Named } from './named.js'

/** How a source topic is read: serdes, timestamp extractor, reset policy, processor name. */
export interface ConsumedOptions<K, V> {
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  readonly timestampExtractor?: TimestampExtractor | undefined
  /** Where to start without a committed offset (default: the `auto.offset.reset` config). */
  readonly offsetResetPolicy?: OffsetReset | undefined
  /** The source processor name (Kafka's `Consumed.as`/`withName`). */
  readonly name?: string | undefined
}

/**
 * Options for `StreamsBuilder.stream/table/globalTable` (Kafka's `Consumed`). Immutable: each
 * `with*` returns a copy.
 *
 * @example
 * builder.stream('orders', Consumed.with(Serdes.String(), Serdes.JSON<Order>()))
 */
export class Consumed<K, V> implements ConsumedOptions<K, V> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly timestampExtractor: TimestampExtractor | undefined
  readonly offsetResetPolicy: OffsetReset | undefined
  readonly name: string | undefined

  private constructor(o: ConsumedOptions<K, V>) {
    if (o.name !== undefined) Named.validate(o.name)
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.timestampExtractor = o.timestampExtractor
    this.offsetResetPolicy = o.offsetResetPolicy
    this.name = o.name
  }

  /** Copies any options object into a `Consumed`. */
  static from<K, V>(options: ConsumedOptions<K, V> = {}): Consumed<K, V> {
    return options instanceof Consumed ? (options as Consumed<K, V>) : new Consumed(options)
  }

  /** Reads with these serdes (null/undefined: the configured default serde). */
  static with<K, V>(keySerde?: Serde<K> | null, valueSerde?: Serde<V> | null): Consumed<K, V> {
    return new Consumed({ keySerde: keySerde ?? undefined, valueSerde: valueSerde ?? undefined })
  }

  /** Reads with this timestamp extractor. */
  static withTimestampExtractor<K, V>(extractor: TimestampExtractor): Consumed<K, V> {
    return new Consumed({ timestampExtractor: extractor })
  }

  /** Reads with this offset reset policy. */
  static withOffsetResetPolicy<K, V>(policy: OffsetReset): Consumed<K, V> {
    return new Consumed({ offsetResetPolicy: policy })
  }

  /** Names the source processor. */
  static as<K, V>(processorName: string): Consumed<K, V> {
    return new Consumed({ name: processorName })
  }

  withKeySerde(keySerde: Serde<K>): Consumed<K, V> {
    return new Consumed({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Consumed<K, V> {
    return new Consumed({ ...this, valueSerde })
  }

  withTimestampExtractor(timestampExtractor: TimestampExtractor): Consumed<K, V> {
    return new Consumed({ ...this, timestampExtractor })
  }

  withOffsetResetPolicy(offsetResetPolicy: OffsetReset): Consumed<K, V> {
    return new Consumed({ ...this, offsetResetPolicy })
  }

  withName(name: string): Consumed<K, V> {
    return new Consumed({ ...this, name })
  }
}
