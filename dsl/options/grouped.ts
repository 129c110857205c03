import type { Serde } from '../../processor-api/serde/serde.js'
import { Named } from './named.js'

/** How a stream or table is grouped: serdes of the (repartition) records and its name. */
export interface GroupedOptions<K, V> {
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  /**
   * Names the repartition topic (`<name>-repartition`) and, for `groupBy`, the key-selecting
   * processor.
   */
  readonly name?: string | undefined
}

/**
 * Options for `groupBy`/`groupByKey` (Kafka's `Grouped`). Immutable.
 *
 * @example
 * orders.groupBy((k, o) => o.customer, Grouped.with(Serdes.String(), orderSerde))
 */
export class Grouped<K, V> implements GroupedOptions<K, V> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly name: string | undefined

  private constructor(o: GroupedOptions<K, V>) {
    if (o.name !== undefined) Named.validate(o.name)
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.name = o.name
  }

  /** Copies any options object into a `Grouped`. */
  static from<K, V>(options: GroupedOptions<K, V> = {}): Grouped<K, V> {
    return options instanceof Grouped ? (options as Grouped<K, V>) : new Grouped(options)
  }

  /** Groups with these serdes (null/undefined: inherited or the default). */
  static with<K, V>(keySerde?: Serde<K> | null, valueSerde?: Serde<V> | null): Grouped<K, V> {
    return new Grouped({ keySerde: keySerde ?? undefined, valueSerde: valueSerde ?? undefined })
  }

  /** Groups under this name (repartition topic `<name>-repartition`). */
  static as<K, V>(name: string): Grouped<K, V> {
    return new Grouped({ name })
  }

  static keySerde<K, V>(keySerde: Serde<K>): Grouped<K, V> {
    return new Grouped({ keySerde })
  }

  static valueSerde<K, V>(valueSerde: Serde<V>): Grouped<K, V> {
    return new Grouped({ valueSerde })
  }

  withKeySerde(keySerde: Serde<K>): Grouped<K, V> {
    return new Grouped({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Grouped<K, V> {
    return new Grouped({ ...this, valueSerde })
  }

  withName(name: string): Grouped<K, V> {
    return new Grouped({ ...this, name })
  }
}
