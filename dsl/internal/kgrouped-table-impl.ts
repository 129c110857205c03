import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Serde } from '../../processor-api/serde/serde.js'
import { requireArgument } from '../errors.js'
import type { Aggregator, Initializer, Reducer } from '../functions.js'
import type { AggregateOptions } from '../kgrouped-stream.js'
import type { KGroupedTable } from '../kgrouped-table.js'
import type { KTable } from '../ktable.js'
import type { Grouped } from '../options/grouped.js'
import { Materialized } from '../options/materialized.js'
import { AbstractStream } from './abstract-stream.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { RepartitionNode } from './graph/repartition-node.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import { REPARTITION_TOPIC_SUFFIX, SINK_NAME, SOURCE_NAME, type InternalStreamsBuilder } from './internal-streams-builder.js'
import type { KTableViewProvider } from './ktable-value-getter.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix, suffixWithOrElseGenerate } from './name-provider.js'
import { KTableAggregate } from './processors/ktable-aggregate.js'
import { KTableReduce } from './processors/ktable-reduce.js'
import { KTableRepartitionMap } from './processors/ktable-repartition-map.js'
import { ChangedSerde } from './serdes/changed-serde.js'
import type { DefaultSerdeBinding } from './serdes/default-serde-binding.js'
import { keyValueStoreFactory } from './stores/materializers.js'

const AGGREGATE_NAME = 'KTABLE-AGGREGATE-'
const REDUCE_NAME = 'KTABLE-REDUCE-'

/**
 * The KGroupedTable implementation (Kafka's `KGroupedTableImpl`): each aggregation writes the
 * `Change`s of the grouping through `<Grouped name or store name>-repartition` and aggregates
 * them with adder and subtractor.
 */
export class KGroupedTableImpl<K, V> extends AbstractStream<K, V> implements KGroupedTable<K, V> {
  private readonly userProvidedRepartitionTopicName: string | undefined
  private repartitionGraphNode: RepartitionNode | null = null
  private readonly changedSerde: ChangedSerde<V>

  constructor(name: string, subTopologySourceNodes: ReadonlySet<string>, grouped: Grouped<K, V>, graphNode: GraphNode, builder: InternalStreamsBuilder) {
    super({ name, keySerde: grouped.keySerde, valueSerde: grouped.valueSerde, subTopologySourceNodes, graphNode, builder })
    this.userProvidedRepartitionTopicName = grouped.name
    this.changedSerde = new ChangedSerde<V>(grouped.valueSerde)
    if (graphNode instanceof ProcessorGraphNode && graphNode.processorParameters.supplier instanceof KTableRepartitionMap) {
      graphNode.processorParameters.supplier.bindings.push(this.changedSerde)
    }
  }

  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<K, number> {
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, number>(materialized ?? Materialized.with(this.keySerde, Serdes.Long()), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.keySerde, Serdes.Long())
    const supplier = new KTableAggregate<K, V, number>(m.storeName, () => 0, (_k, _v, agg) => agg + 1, (_k, _v, agg) => agg - 1, [this.changedSerde])
    return this.doAggregate(supplier, name, AGGREGATE_NAME, m)
  }

  reduce(adder: Reducer<V>, subtractor: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<K, V> {
    requireArgument(adder, 'adder')
    requireArgument(subtractor, 'subtractor')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, V>(materialized ?? Materialized.with(this.keySerde, this.valueSerde), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.keySerde, this.valueSerde)
    const supplier = new KTableReduce<K, V>(m.storeName, adder, subtractor, [this.changedSerde])
    return this.doAggregate(supplier, name, REDUCE_NAME, m)
  }

  aggregate<VA>(
    initializer: Initializer<VA>,
    adder: Aggregator<K, V, VA>,
    subtractor: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<K, VA> {
    requireArgument(initializer, 'initializer')
    requireArgument(adder, 'adder')
    requireArgument(subtractor, 'subtractor')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, VA>(materialized ?? Materialized.with<K, VA>(this.keySerde, undefined), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.keySerde, undefined)
    const supplier = new KTableAggregate<K, V, VA>(m.storeName, initializer, adder, subtractor, [this.changedSerde])
    return this.doAggregate(supplier, name, AGGREGATE_NAME, m)
  }

  private doAggregate<VA>(
    supplier: DslProcessorSupplier & KTableViewProvider<K, VA>,
    userName: string | undefined,
    functionPrefix: string,
    m: MaterializedInternal<K, VA>,
  ): KTable<K, VA> {
    const sinkName = suffixWithOrElseGenerate(userName, '-sink', this.builder, SINK_NAME)
    const sourceName = suffixWithOrElseGenerate(userName, '-source', this.builder, SOURCE_NAME)
    const funcName = orElseGenerateWithPrefix(userName, this.builder, functionPrefix)
    const topic = (this.userProvidedRepartitionTopicName ?? m.storeName) + REPARTITION_TOPIC_SUFFIX
    if (this.repartitionGraphNode === null || this.userProvidedRepartitionTopicName === undefined) {
      this.repartitionGraphNode = new RepartitionNode(
        'groupedTable',
        sourceName,
        sinkName,
        topic,
        null,
        this.keySerde as Serde<unknown> | undefined,
        this.changedSerde as Serde<unknown>,
        undefined,
      )
    }
    this.builder.addGraphNode(this.graphNode, this.repartitionGraphNode)
    const node = new StatefulProcessorNode(funcName, new ProcessorParameters(supplier, funcName), { storeFactory: keyValueStoreFactory(m) })
    this.builder.addGraphNode(this.repartitionGraphNode, node)
    return this.builder.create.ktable<K, V, VA>(funcName, m.keySerde, m.valueSerde, new Set([sourceName]), m.queryableStoreName(), supplier, node, this.builder)
  }

  /** Serde wrappers that need the application defaults (for tests). */
  get serdeBindings(): readonly DefaultSerdeBinding[] {
    return [this.changedSerde]
  }
}
