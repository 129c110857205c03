import type { Serde } from '../../processor-api/serde/serde.js'
import { Named } from './named.js'

/**
 * Chooses the partition of an output record (Kafka's `StreamPartitioner`); null/undefined uses the
 * default partitioner. Declared as a method so a partitioner for `V` is accepted where the
 * stream's values are `V | null` (tables turned into streams).
 */
export type StreamPartitioner<K, V> = {
  partition(topic: string, key: K, value: V, numPartitions: number): number | null | undefined
}['partition']

/** How records are written to a topic: serdes, partitioner, sink processor name. */
export interface ProducedOptions<K, V> {
  readonly keySerde?: Serde<K> | undefined
  readonly valueSerde?: Serde<V> | undefined
  readonly partitioner?: StreamPartitioner<K, V> | undefined
  /** The sink processor name. */
  readonly name?: string | undefined
}

/**
 * Options for `KStream.to` (Kafka's `Produced`). Immutable: each `with*` returns a copy.
 *
 * @example
 * counts.toStream().to('order-counts', Produced.with(Serdes.String(), Serdes.Long()))
 */
export class Produced<K, V> implements ProducedOptions<K, V> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly partitioner: StreamPartitioner<K, V> | undefined
  readonly name: string | undefined

  private constructor(o: ProducedOptions<K, V>) {
    if (o.name !== undefined) Named.validate(o.name)
    this.keySerde = o.keySerde
    this.valueSerde = o.valueSerde
    this.partitioner = o.partitioner
    this.name = o.name
  }

  /** Copies any options object into a `Produced`. */
  static from<K, V>(options: ProducedOptions<K, V> = {}): Produced<K, V> {
    return options instanceof Produced ? (options as Produced<K, V>) : new Produced(options)
  }

  /** Writes with these serdes (null/undefined: the stream's serde, else the default). */
  static with<K, V>(keySerde?: Serde<K> | null, valueSerde?: Serde<V> | null, partitioner?: StreamPartitioner<K, V>): Produced<K, V> {
    return new Produced({ keySerde: keySerde ?? undefined, valueSerde: valueSerde ?? undefined, partitioner })
  }

  /** Writes with this partitioner. */
  static streamPartitioner<K, V>(partitioner: StreamPartitioner<K, V>): Produced<K, V> {
    return new Produced({ partitioner })
  }

  /** Names the sink processor. */
  static as<K, V>(processorName: string): Produced<K, V> {
    return new Produced({ name: processorName })
  }

  withKeySerde(keySerde: Serde<K>): Produced<K, V> {
    return new Produced({ ...this, keySerde })
  }

  withValueSerde(valueSerde: Serde<V>): Produced<K, V> {
    return new Produced({ ...this, valueSerde })
  }

  withStreamPartitioner(partitioner: StreamPartitioner<K, V>): Produced<K, V> {
    return new Produced({ ...this, partitioner })
  }

  withName(name: string): Produced<K, V> {
    return new Produced({ ...this, name })
  }
}
