import type { Serde } from '../../processor-api/serde/serde.js'
import { DslArgumentError } from '../errors.js'
import { Named } from './named.js'
import type { StreamPartitioner } from './produced.js'

/** How `KStream.repartition` writes its repartition topic. */
export interface RepartitionedOptions<K, V> {
  /** Topic `<application.id>-<name>-repartition`; also names the sink/source processors. */
  readonly name?: string | undefined
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  /** Fixed partition count of the repartition topic (default: the upstream topics' count). */
  readonly numberOfPartitions?: number | undefined
  readonly partitioner?: StreamPartitioner<K, V> | undefined
}

/**
 * Options for `KStream.repartition` (Kafka's `Repartitioned`). Immutable.
 *
 * @example
 * stream.repartition(Repartitioned.as<string, string>('by-user').withNumberOfPartitions(4))
 */
export class Repartitioned<K, V> implements RepartitionedOptions<K, V> {
  readonly name: string | undefined
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly numberOfPartitions: number | undefined
  readonly partitioner: StreamPartitioner<K, V> | undefined

  private constructor(o: RepartitionedOptions<K, V>) {
    if (o.name !== undefined) Named.validate(o.name)
    if (o.numberOfPartitions !== undefined && !(Number.isInteger(o.numberOfPartitions) && o.numberOfPartitions > 0)) {
      throw new DslArgumentError('numberOfPartitions', `Number of partitions must be a positive integer, got ${o.numberOfPartitions}`)
    }
    this.name = o.name
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.numberOfPartitions = o.numberOfPartitions
    this.partitioner = o.partitioner
  }

  static from<K, V>(options: RepartitionedOptions<K, V> = {}): Repartitioned<K, V> {
    return options instanceof Repartitioned ? (options as Repartitioned<K, V>) : new Repartitioned(options)
  }

  static as<K, V>(name: string): Repartitioned<K, V> {
    return new Repartitioned({ name })
  }

  static with<K, V>(keySerde?: Serde<K> | null, valueSerde?: Serde<V> | null): Repartitioned<K, V> {
    return new Repartitioned({ keySerde: keySerde ?? undefined, valueSerde: valueSerde ?? undefined })
  }

  static numberOfPartitions<K, V>(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned({ numberOfPartitions })
  }

  static streamPartitioner<K, V>(partitioner: StreamPartitioner<K, V>): Repartitioned<K, V> {
    return new Repartitioned({ partitioner })
  }

  withName(name: string): Repartitioned<K, V> {
    return new Repartitioned({ ...this, name })
  }

  withKeySerde(keySerde: Serde<K>): Repartitioned<K, V> {
    return new Repartitioned({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Repartitioned<K, V> {
    return new Repartitioned({ ...this, valueSerde })
  }

  withNumberOfPartitions(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned({ ...this, numberOfPartitions })
  }

  withStreamPartitioner(partitioner: StreamPartitioner<K, V>): Repartitioned<K, V> {
    return new Repartitioned({ ...this, partitioner })
  }
}
