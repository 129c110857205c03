import type { ProcessorSupplier } from './processor.js'
import type { StateStore, StoreBuilder } from './state-store.js'
import type { SinkOptions, SourceOptions, TopicNameExtractor } from './topology-options.js'
import type { TopologyDescription } from './topology-description.js'
import { InternalTopologyBuilder } from './internal/internal-topology-builder.js'
import { describeTopology } from './internal/describe-topology.js'

type AnySupplier = ProcessorSupplier<unknown, unknown, unknown, unknown>

/**
 * A processor graph: sources read topics, processors transform records, sinks write topics,
 * and state stores hold processor state (Kafka's `Topology`). Build one by hand with the
 * Processor API, or get one from `StreamsBuilder.build()`; run it with `KafkaStreams` or
 * `TopologyTestDriver`.
 *
 * Mutable builder: every `add*` method validates its arguments against what was added before,
 * changes this topology and returns `this`. Node names are unique across sources, processors
 * and sinks; a parent must be added before its children.
 *
 * @example
 * const topology = new Topology()
 *   .addSource('Source', 'input', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
 *   .addProcessor('Dedup', dedupSupplier, 'Source')
 *   .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('seen'), Serdes.String(), Serdes.Long()), 'Dedup')
 *   .addSink('Sink', 'output', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'Dedup')
 */
export class Topology {
  /**
   * The graph this topology writes to. Internal: the DSL and the runtime use it; applications
   * should not.
   * @internal
   */
  readonly internalTopologyBuilder: InternalTopologyBuilder = new InternalTopologyBuilder()

  /**
   * Adds a source node reading `topics` (one name, a list, or every topic whose whole name
   * matches a RegExp). Options carry the key/value deserializers (a serde's deserializer is used
   * when only a serde is given; null falls back to the configured default), the timestamp
   * extractor and the offset reset policy.
   * @throws TopologyError when the name is taken, no topic (or an empty name) is given, or a topic
   * is already read by another source (or matched by another source's pattern).
   */
  addSource<K = unknown, V = unknown>(name: string, topics: string | readonly string[] | RegExp, options?: SourceOptions<K, V>): this {
    this.internalTopologyBuilder.addSource(name, topics, (options ?? {}) as SourceOptions)
    return this
  }

  /**
   * Adds a processor node receiving the records of `parentNames` (sources or processors).
   * `supplier()` is called once per task to create a new processor; stores listed by
   * `supplier.stores()` are added and connected to this processor.
   * @throws TopologyError when the name is taken, there is no parent, a parent is unknown, a sink,
   * listed twice or the node itself, or the supplier returns the same instance twice.
   */
  addProcessor<KIn, VIn, KOut, VOut>(name: string, supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>, ...parentNames: string[]): this {
    this.internalTopologyBuilder.addProcessor(name, supplier as unknown as AnySupplier, parentNames)
    return this
  }

  /**
   * Adds a sink node writing the records of `parentNames` to `topic`, or to the topic a
   * `TopicNameExtractor` picks per record. `options` may be omitted: a string in its place is
   * the first parent name, as in `addSink('sink', 'out', 'parent')`.
   * @throws TopologyError when the name is taken, the topic is empty, there is no parent, or a
   * parent is unknown, a sink, listed twice or the node itself.
   */
  addSink<K = unknown, V = unknown>(
    name: string,
    topic: string | TopicNameExtractor<K, V>,
    options?: SinkOptions<K, V> | string,
    ...parentNames: string[]
  ): this {
    const parents = typeof options === 'string' ? [options, ...parentNames] : parentNames
    const opts = (typeof options === 'string' || options === undefined ? {} : options) as SinkOptions
    this.internalTopologyBuilder.addSink(name, topic as string | TopicNameExtractor<unknown, unknown>, opts, parents)
    return this
  }

  /**
   * Adds a state store, connected to `processorNames` (more can be connected later with
   * `connectProcessorAndStateStores`). Adding the same builder again only connects more
   * processors. A store connected to no processor is kept but never built (as in Kafka).
   * @throws TopologyError when a different builder already uses the store name, a processor is
   * unknown or is a source/sink, or the name belongs to a global store.
   */
  addStateStore(storeBuilder: StoreBuilder<StateStore>, ...processorNames: string[]): this {
    this.internalTopologyBuilder.addStateStore(storeBuilder, processorNames)
    return this
  }

  /**
   * Adds a read-only store that restores from `topic` itself instead of a changelog (the topic
   * should be compacted). Adds the source `sourceName` (offset reset `earliest`) and the
   * processor `processorName` that keeps the store up to date; logging is disabled on the
   * builder.
   * @throws TopologyError as `addSource`, `addProcessor` and `addStateStore`.
   */
  addReadOnlyStateStore<KIn, VIn>(
    storeBuilder: StoreBuilder<StateStore>,
    sourceName: string,
    topic: string,
    options: SourceOptions<KIn, VIn>,
    processorName: string,
    stateUpdateSupplier: ProcessorSupplier<KIn, VIn, never, never>,
  ): this {
    storeBuilder.withLoggingDisabled()
    const b = this.internalTopologyBuilder
    b.addSource(sourceName, topic, { ...(options as SourceOptions), offsetReset: 'earliest' })
    b.addProcessor(processorName, stateUpdateSupplier as unknown as AnySupplier, [sourceName])
    b.addStateStore(storeBuilder, [processorName])
    b.connectSourceStoreAndTopic(storeBuilder.name, topic)
    return this
  }

  /**
   * Adds a global store: every instance reads all partitions of `topic` through the source
   * `sourceName` and the processor `processorName`, which keeps the store up to date. Any
   * processor may read a global store without being connected to it. As in Kafka, the builder
   * must have logging disabled (the topic is the changelog).
   * @throws TopologyError when a name is taken, source and processor names are equal, logging
   * is enabled, the store name is used, or the topic is already read by another source.
   */
  addGlobalStore<KIn, VIn>(
    storeBuilder: StoreBuilder<StateStore>,
    sourceName: string,
    topic: string,
    options: SourceOptions<KIn, VIn>,
    processorName: string,
    stateUpdateSupplier: ProcessorSupplier<KIn, VIn, never, never>,
  ): this {
    this.internalTopologyBuilder.addGlobalStore(
      storeBuilder,
      sourceName,
      topic,
      (options ?? {}) as SourceOptions,
      processorName,
      stateUpdateSupplier as unknown as AnySupplier,
    )
    return this
  }

  /**
   * Connects already-added stores to an already-added processor.
   * @throws TopologyError when no store name is given, or the processor or a store is unknown.
   */
  connectProcessorAndStateStores(processorName: string, ...storeNames: string[]): this {
    this.internalTopologyBuilder.connectProcessorAndStateStores(processorName, storeNames)
    return this
  }

  /**
   * A snapshot of the topology's structure: sub-topologies, their nodes and global stores.
   * `toString()` prints Kafka's text format. Later changes to this topology do not change it.
   */
  describe(): TopologyDescription {
    return describeTopology(this.internalTopologyBuilder)
  }
}
