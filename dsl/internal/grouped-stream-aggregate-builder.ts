import type { Serde } from '../../processor-api/serde/serde.js'
import type { Grouped } from '../options/grouped.js'
import { createRepartitionedSource } from './create-repartitioned-source.js'
import type { GraphNode } from './graph/graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import type { RepartitionNode } from './graph/repartition-node.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import type { InternalStreamsBuilder } from './internal-streams-builder.js'
import type { KTableViewProvider } from './ktable-value-getter.js'
import type { KTableImpl } from './ktable-impl.js'
import type { StoreFactory } from './store-factory.js'

/**
 * Adds an aggregation below a grouped stream (Kafka's `GroupedStreamAggregateBuilder`): first a
 * repartition through `<Grouped name or store name>-repartition` when the key changed, then the
 * aggregating processor with its store. A named repartition is reused by later aggregations.
 */
export class GroupedStreamAggregateBuilder<K, V> {
  private repartitionNode: RepartitionNode | null = null

  constructor(
    private readonly builder: InternalStreamsBuilder,
    private readonly grouped: Grouped<K, V>,
    private readonly repartitionRequired: boolean,
    private readonly subTopologySourceNodes: ReadonlySet<string>,
    private readonly name: string,
    private readonly graphNode: GraphNode,
  ) {}

  build<KR, VR>(
    functionName: string,
    storeFactory: StoreFactory,
    aggregateSupplier: DslProcessorSupplier & KTableViewProvider<KR, VR>,
    queryableStoreName: string | null,
    keySerde: Serde<KR> | undefined,
    valueSerde: Serde<VR> | undefined,
  ): KTableImpl<KR, V, VR> {
    let sourceName = this.name
    let parent = this.graphNode
    if (this.repartitionRequired) {
      const prefix = this.grouped.name ?? storeFactory.name
      const created = createRepartitionedSource(
        this.builder,
        'optimizable',
        prefix,
        this.grouped.keySerde as Serde<unknown> | undefined,
        this.grouped.valueSerde as Serde<unknown> | undefined,
        undefined,
      )
      sourceName = created.sourceName
      if (this.repartitionNode === null || this.grouped.name === undefined) this.repartitionNode = created
      this.builder.addGraphNode(parent, this.repartitionNode)
      parent = this.repartitionNode
    }
    const node = new StatefulProcessorNode(functionName, new ProcessorParameters(aggregateSupplier, functionName), { storeFactory })
    this.builder.addGraphNode(parent, node)
    return this.builder.create.ktable<KR, V, VR>(
      functionName,
      keySerde,
      valueSerde,
      sourceName === this.name ? this.subTopologySourceNodes : new Set([sourceName]),
      queryableStoreName,
      aggregateSupplier,
      node,
      this.builder,
    )
  }
}
