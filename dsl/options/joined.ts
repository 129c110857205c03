import type { Serde } from '../../processor-api/serde/serde.js'
import { Named } from './named.js'

/** Serdes and name for a stream-table join. */
export interface JoinedOptions<K, V, VO> {
  readonly keySerde?: Serde<K> | undefined
  /** Serde of this stream's values (used when the stream must be repartitioned). */
  readonly valueSerde?: Serde<V> | undefined
  /** Serde of the table's values. */
  readonly otherValueSerde?: Serde<VO> | undefined
  /** Names the join processor and the repartition topic (`<name>-repartition`). */
  readonly name?: string | undefined
}

/**
 * Options for `KStream.join/leftJoin(table, ...)` (Kafka's `Joined`). Immutable.
 *
 * @example
 * views.leftJoin(regions, (view, region) => ({ ...view, region }), Joined.with(Serdes.String(), viewSerde, Serdes.String()))
 */
export class Joined<K, V, VO> implements JoinedOptions<K, V, VO> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly otherValueSerde: Serde<VO> | undefined
  readonly name: string | undefined

  private constructor(o: JoinedOptions<K, V, VO>) {
    if (o.name !== undefined) Named.validate(o.name)
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.otherValueSerde = o.otherValueSerde
    this.name = o.name
  }

  static from<K, V, VO>(options: JoinedOptions<K, V, VO> = {}): Joined<K, V, VO> {
    return options instanceof Joined ? (options as Joined<K, V, VO>) : new Joined(options)
  }

  static with<K, V, VO>(
    keySerde?: Serde<K> | null,
    valueSerde?: Serde<V> | null,
    otherValueSerde?: Serde<VO> | null,
    name?: string,
  ): Joined<K, V, VO> {
    return new Joined({
      keySerde: keySerde ?? undefined,
      valueSerde: valueSerde ?? undefined,
      otherValueSerde: otherValueSerde ?? undefined,
      name,
    })
  }

  static keySerde<K, V, VO>(keySerde: Serde<K>): Joined<K, V, VO> {
    return new Joined({ keySerde })
  }

  static valueSerde<K, V, VO>(valueSerde: Serde<V>): Joined<K, V, VO> {
    return new Joined({ valueSerde })
  }

  static otherValueSerde<K, V, VO>(otherValueSerde: Serde<VO>): Joined<K, V, VO> {
    return new Joined({ otherValueSerde })
  }

  static as<K, V, VO>(name: string): Joined<K, V, VO> {
    return new Joined({ name })
  }

  withKeySerde(keySerde: Serde<K>): Joined<K, V, VO> {
    return new Joined({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Joined<K, V, VO> {
    return new Joined({ ...this, valueSerde })
  }

  withOtherValueSerde(otherValueSerde: Serde<VO>): Joined<K, V, VO> {
    return new Joined({ ...this, otherValueSerde })
  }

  withName(name: string): Joined<K, V, VO> {
    return new Joined({ ...this, name })
  }
}
