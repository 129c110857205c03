import type { Serde } from '../../processor-api/serde/serde.js'
import type { CogroupedKStream } from '../cogrouped-kstream.js'
import { requireArgument } from '../errors.js'
import type { Aggregator, Initializer } from '../functions.js'
import type { AggregateOptions, KGroupedStream } from '../kgrouped-stream.js'
import type { KTable } from '../ktable.js'
import { Materialized } from '../options/materialized.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import { createRepartitionedSource } from './create-repartitioned-source.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import type { InternalStreamsBuilder } from './internal-streams-builder.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { suffixWithOrElseGenerate } from './name-provider.js'
import { KStreamAggregate } from './processors/kstream-aggregate.js'
import { KTablePassThrough } from './processors/ktable-pass-through.js'
import { keyValueStoreFactory } from './stores/materializers.js'

const AGGREGATE_NAME = 'COGROUPKSTREAM-AGGREGATE-'
const MERGE_NAME = 'COGROUPKSTREAM-MERGE-'

/**
 * Co-grouped streams (Kafka's `CogroupedKStreamImpl` + `CogroupedStreamAggregateBuilder`): one
 * `COGROUPKSTREAM-AGGREGATE-n` processor per grouped stream, all writing one store, and a
 * `COGROUPKSTREAM-MERGE-n` pass-through forwarding their updates. Grouped streams whose key
 * changed are repartitioned first; all inputs are co-partitioned.
 */
export class CogroupedKStreamImpl<K, VA> implements CogroupedKStream<K, VA> {
  private readonly groupPatterns = new Map<KGroupedStreamImpl<K, unknown>, Aggregator<K, unknown, VA>>()
  private readonly parentNodes = new Map<KGroupedStreamImpl<K, unknown>, GraphNode>()

  constructor(
    private readonly name: string,
    readonly subTopologySourceNodes: ReadonlySet<string>,
    readonly graphNode: GraphNode,
    private readonly builder: InternalStreamsBuilder,
  ) {
    void this.name
  }

  cogroup<V>(groupedStream: KGroupedStream<K, V>, aggregator: Aggregator<K, V, VA>): CogroupedKStream<K, VA> {
    requireArgument(groupedStream, 'groupedStream')
    requireArgument(aggregator, 'aggregator')
    this.groupPatterns.set(groupedStream as unknown as KGroupedStreamImpl<K, unknown>, aggregator as Aggregator<K, unknown, VA>)
    return this
  }

  aggregate(initializer: Initializer<VA>, options?: AggregateOptions<K, VA> | Materialized<K, VA>): KTable<K, VA> {
    requireArgument(initializer, 'initializer')
    const { name, materialized } = resolveAggregateOptions(options)
    const first = [...this.groupPatterns.keys()][0]!
    const m = new MaterializedInternal<K, VA>(materialized ?? Materialized.with<K, VA>(first.keySerde, undefined), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(first.keySerde, undefined)
    const storeFactory = keyValueStoreFactory(m)
    this.processRepartitions(storeFactory.name)
    const processors: GraphNode[] = []
    const parents: KStreamAggregate<K, unknown, VA>[] = []
    let counter = 0
    for (const [grouped, aggregator] of this.groupPatterns) {
      const supplier = new KStreamAggregate<K, unknown, VA>(storeFactory.name, initializer, aggregator)
      parents.push(supplier)
      const processorName = suffixWithOrElseGenerate(name, `-cogroup-agg-${counter++}`, this.builder, AGGREGATE_NAME)
      const params = new ProcessorParameters(supplier as DslProcessorSupplier, processorName)
      const node =
        processors.length === 0
          ? new StatefulProcessorNode(processorName, params, { storeFactory })
          : new StatefulProcessorNode(processorName, params, { storeNames: [storeFactory.name] })
      processors.push(node)
      this.builder.addGraphNode(this.parentNodes.get(grouped)!, node)
    }
    const mergeName = suffixWithOrElseGenerate(name, '-cogroup-merge', this.builder, MERGE_NAME)
    const passThrough = new KTablePassThrough<K, VA>(parents, storeFactory.name)
    const mergeNode = new ProcessorGraphNode(mergeName, new ProcessorParameters(passThrough as unknown as DslProcessorSupplier, mergeName))
    this.builder.addGraphNode(processors, mergeNode)
    return this.builder.create.ktable<K, VA, VA>(mergeName, m.keySerde, m.valueSerde, new Set([mergeName]), m.queryableStoreName(), passThrough, mergeNode, this.builder)
  }

  private processRepartitions(storeName: string): void {
    for (const grouped of this.groupPatterns.keys()) {
      if (grouped.repartitionRequired) {
        const created = createRepartitionedSource(
          this.builder,
          'optimizable',
          grouped.userProvidedRepartitionTopicName ?? storeName,
          grouped.keySerde as Serde<unknown> | undefined,
          grouped.valueSerde as Serde<unknown> | undefined,
          undefined,
        )
        if (!this.parentNodes.has(grouped)) {
          this.builder.addGraphNode(grouped.graphNode, created)
          this.parentNodes.set(grouped, created)
        }
      } else {
        this.parentNodes.set(grouped, grouped.graphNode)
      }
    }
    const [first, ...rest] = [...this.parentNodes.keys()]
    first!.ensureCopartitionWith(rest)
  }
}
