import type { ProcessorSupplier } from '../processor-api/processor.js'
import type { StateStore, StoreBuilder } from '../processor-api/state-store.js'
import { Topology } from '../processor-api/topology.js'
import { DslArgumentError, requireArgument } from './errors.js'
import type { GlobalKTable } from './global-ktable.js'
import type { KStream } from './kstream.js'
import type { KTable } from './ktable.js'
import { Consumed, type ConsumedOptions } from './options/consumed.js'
import { Materialized, type MaterializedOptions } from './options/materialized.js'
import { createDslFactories } from './internal/create-dsl-factories.js'
import { InternalStreamsBuilder } from './internal/internal-streams-builder.js'
import { MaterializedInternal } from './internal/materialized-internal.js'
import type { OptimizationConfig } from './internal/passes/optimize-graph.js'

/** Kafka's `TopologyConfig` subset the DSL reads: which graph optimisations `build()` applies. */
export interface StreamsBuilderConfig {
  /**
   * Kafka's `topology.optimization`: `'none'` (default), `'all'`, or a list of
   * `'reuse.ktable.source.topics'` and `'merge.repartition.topics'`.
   */
  readonly optimization?: OptimizationConfig
}

/**
 * The entry point of the DSL (Kafka's `StreamsBuilder`): declare sources with `stream`, `table`
 * and `globalTable`, chain operations, then call `build()` for the `Topology` to run with
 * `KafkaStreams` or `TopologyTestDriver`. Mutable builder; `build()` may be called once.
 *
 * @example
 * const builder = new StreamsBuilder()
 * builder.stream<string, string>('input', Consumed.with(Serdes.String(), Serdes.String()))
 *   .mapValues((v) => v.toUpperCase())
 *   .to('output')
 * const topology = builder.build()
 */
export class StreamsBuilder {
  private readonly topology = new Topology()
  private readonly internal: InternalStreamsBuilder
  private readonly config: StreamsBuilderConfig
  private built = false

  constructor(config: StreamsBuilderConfig = {}) {
    this.config = config
    this.internal = new InternalStreamsBuilder(this.topology.internalTopologyBuilder, createDslFactories())
  }

  /**
   * A stream of the records of `topics` (one topic, a list, or every topic whose name fully
   * matches a RegExp). Source processor `KSTREAM-SOURCE-n`.
   */
  stream<K = unknown, V = unknown>(topics: string | readonly string[] | RegExp, consumed?: ConsumedOptions<K, V>): KStream<K, V> {
    const list = typeof topics === 'string' ? [topics] : topics
    if (!(list instanceof RegExp)) {
      if (list.length === 0) throw new DslArgumentError('topics', 'topics must not be empty')
      for (const t of list) if (typeof t !== 'string' || t.length === 0) throw new DslArgumentError('topics', 'topic names must be non-empty strings')
    }
    return this.internal.stream<K, V>(list, Consumed.from(consumed))
  }

  /**
   * A table of the latest value per key of `topic` (Kafka's `builder.table`): source
   * `KSTREAM-SOURCE-n` plus `KTABLE-SOURCE-n`. Materialized (queryable) when a store name is
   * given; otherwise only when an operation needs it. Also accepts `table(topic, Materialized)`.
   */
  table<K = unknown, V = unknown>(
    topic: string,
    consumed?: ConsumedOptions<K, V> | Materialized<K, V>,
    materialized?: string | MaterializedOptions<K, V>,
  ): KTable<K, V> {
    checkTopic(topic)
    let c: Consumed<K, V>
    let m: Materialized<K, V>
    if (consumed instanceof Materialized) {
      m = consumed
      c = Consumed.with(m.keySerde, m.valueSerde)
    } else {
      c = Consumed.from(consumed)
      m = Materialized.from(materialized)
    }
    const mi = new MaterializedInternal<K, V>(m, this.internal, `${topic}-`)
    if (c.keySerde !== undefined) mi.keySerde = c.keySerde
    if (c.valueSerde !== undefined) mi.valueSerde = c.valueSerde
    if (c.keySerde === undefined && mi.keySerde !== undefined) c = c.withKeySerde(mi.keySerde)
    if (c.valueSerde === undefined && mi.valueSerde !== undefined) c = c.withValueSerde(mi.valueSerde)
    return this.internal.table(topic, c, mi)
  }

  /**
   * A table replicated in full on every instance (Kafka's `builder.globalTable`), for
   * `KStream.join(globalTable, keySelector, joiner)`. Its store is always materialized and
   * restores from the topic itself (no changelog).
   */
  globalTable<K = unknown, V = unknown>(
    topic: string,
    consumed?: ConsumedOptions<K, V> | Materialized<K, V>,
    materialized?: string | MaterializedOptions<K, V>,
  ): GlobalKTable<K, V> {
    checkTopic(topic)
    let c: Consumed<K, V>
    let m: Materialized<K, V>
    if (consumed instanceof Materialized) {
      m = consumed
      c = Consumed.with(m.keySerde, m.valueSerde)
    } else {
      c = Consumed.from(consumed)
      m = Materialized.from(materialized)
    }
    const mi = new MaterializedInternal<K, V>(m, this.internal, `${topic}-`)
    if (c.keySerde !== undefined) mi.keySerde = c.keySerde
    if (c.valueSerde !== undefined) mi.valueSerde = c.valueSerde
    return this.internal.globalTable(topic, c, mi)
  }

  /** Adds a store that `KStream.process(supplier, storeName)` processors can use. */
  addStateStore(builder: StoreBuilder<StateStore>): this {
    this.internal.addStateStore(requireArgument(builder, 'builder'))
    return this
  }

  /**
   * Adds a global store kept up to date by `stateUpdateSupplier`'s processor from every partition
   * of `topic` (Kafka's `addGlobalStore`); logging is disabled on the builder.
   */
  addGlobalStore<K, V>(
    storeBuilder: StoreBuilder<StateStore>,
    topic: string,
    consumed: ConsumedOptions<K, V>,
    stateUpdateSupplier: ProcessorSupplier<K, V, never, never>,
  ): this {
    checkTopic(topic)
    this.internal.addGlobalStore(requireArgument(storeBuilder, 'storeBuilder'), topic, Consumed.from(consumed), stateUpdateSupplier)
    return this
  }

  /**
   * Writes the graph into a Topology (after the configured optimisations) and returns it.
   * Calling it again returns the same topology.
   */
  build(config: StreamsBuilderConfig = this.config): Topology {
    if (!this.built) {
      this.built = true
      this.internal.buildAndOptimizeTopology(config.optimization ?? 'none')
    }
    return this.topology
  }
}

function checkTopic(topic: string): void {
  if (typeof topic !== 'string' || topic.length === 0) throw new DslArgumentError('topic', 'topic must be a non-empty string')
}
