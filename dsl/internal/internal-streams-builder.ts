import type { InternalTopologyBuilder } from '../../processor-api/internal/internal-topology-builder.js'
import type { ProcessorSupplier } from '../../processor-api/processor.js'
import type { Serde } from '../../processor-api/serde/serde.js'
import type { StateStore, StoreBuilder } from '../../processor-api/state-store.js'
import type { Consumed } from '../options/consumed.js'
import type { GraphNode } from './graph/graph-node.js'
import { GlobalStoreNode } from './graph/global-store-node.js'
import { ProcessorParameters } from './graph/processor-parameters.js'
import { RootNode } from './graph/root-node.js'
import { StateStoreNode } from './graph/state-store-node.js'
import { StreamSourceNode } from './graph/stream-source-node.js'
import { TableSourceNode } from './graph/table-source-node.js'
import { RepartitionNode } from './graph/repartition-node.js'
import type { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix, padIndex, suffixWithOrElseGenerate, type NameProvider } from './name-provider.js'
import { findParentNodeMatching } from './passes/find-parent-node-matching.js'
import { mergeDuplicateSourceNodes } from './passes/merge-duplicate-source-nodes.js'
import { optimizeGraph, type OptimizationConfig } from './passes/optimize-graph.js'
import { writeTopology } from './passes/write-topology.js'
import { KTableSource } from './processors/ktable-source.js'
import { keyValueStoreFactory } from './stores/materializers.js'
import type { DslFactories } from './dsl-factories.js'
import type { KStreamImpl } from './kstream-impl.js'
import type { KTableImpl } from './ktable-impl.js'
import type { GlobalKTableImpl } from './global-ktable-impl.js'

/** Kafka's processor-name prefixes shared by several operations. */
export const SOURCE_NAME = 'KSTREAM-SOURCE-'
export const SINK_NAME = 'KSTREAM-SINK-'
export const TABLE_SOURCE_NAME = 'KTABLE-SOURCE-'
export const STATE_STORE_NAME = 'STATE-STORE-'
export const REPARTITION_TOPIC_SUFFIX = '-repartition'
const TABLE_SOURCE_SUFFIX = '-source'

/**
 * The DSL's graph under construction (Kafka's `InternalStreamsBuilder`): the name counter, the
 * root of the graph, and the bookkeeping optimisation passes need. `build` runs the passes and
 * writes the topology. Mutable builder.
 */
export class InternalStreamsBuilder implements NameProvider {
  readonly root: GraphNode = new RootNode()
  /** Creates the DSL objects (kept apart to avoid import cycles between implementations). */
  readonly create: DslFactories
  private index = 0
  private buildPriorityIndex = 0
  /** Key-changing nodes and the optimizable repartition nodes below them. */
  readonly keyChangingOperationsToOptimizableRepartitionNodes = new Map<GraphNode, Set<RepartitionNode>>()
  readonly mergeNodes = new Set<GraphNode>()
  readonly tableSourceNodes = new Set<TableSourceNode>()

  constructor(
    readonly internalTopologyBuilder: InternalTopologyBuilder,
    factories: DslFactories,
  ) {
    this.create = factories
    this.root.buildPriority = this.buildPriorityIndex++
  }

  newProcessorName(prefix: string): string {
    return prefix + padIndex(this.index++)
  }

  newStoreName(prefix: string): string {
    return prefix + STATE_STORE_NAME + padIndex(this.index++)
  }

  stream<K, V>(topics: readonly string[] | RegExp, consumed: Consumed<K, V>): KStreamImpl<K, V> {
    const name = orElseGenerateWithPrefix(consumed.name, this, SOURCE_NAME)
    const node = new StreamSourceNode(name, topics, consumed as Consumed<unknown, unknown>)
    this.addGraphNode(this.root, node)
    return this.create.kstream<K, V>(name, consumed.keySerde, consumed.valueSerde, new Set([name]), false, node, this)
  }

  table<K, V>(topic: string, consumed: Consumed<K, V>, materialized: MaterializedInternal<K, V>): KTableImpl<K, V, V> {
    const sourceName = suffixWithOrElseGenerate(consumed.name, TABLE_SOURCE_SUFFIX, this, SOURCE_NAME)
    const tableSourceName = orElseGenerateWithPrefix(consumed.name, this, TABLE_SOURCE_NAME)
    const tableSource = new KTableSource<K, V>(materialized.storeName, materialized.queryableStoreName())
    const parameters = new ProcessorParameters(tableSource, tableSourceName)
    const node = new TableSourceNode(
      tableSourceName,
      sourceName,
      topic,
      consumed as Consumed<unknown, unknown>,
      keyValueStoreFactory(materialized),
      parameters as ProcessorParameters,
      false,
      () => tableSource.materialized(),
    )
    this.addGraphNode(this.root, node)
    return this.create.ktable<K, V, V>(
      tableSourceName,
      consumed.keySerde,
      consumed.valueSerde,
      new Set([sourceName]),
      materialized.queryableStoreName(),
      tableSource,
      node,
      this,
    )
  }

  globalTable<K, V>(topic: string, consumed: Consumed<K, V>, materialized: MaterializedInternal<K, V>): GlobalKTableImpl<K, V> {
    materialized.loggingEnabled = false
    const sourceName = suffixWithOrElseGenerate(consumed.name, TABLE_SOURCE_SUFFIX, this, SOURCE_NAME)
    const processorName = orElseGenerateWithPrefix(consumed.name, this, TABLE_SOURCE_NAME)
    const storeName = materialized.storeName
    const tableSource = new KTableSource<K, V>(storeName, storeName)
    const parameters = new ProcessorParameters(tableSource, processorName)
    const node = new TableSourceNode(
      processorName,
      sourceName,
      topic,
      consumed as Consumed<unknown, unknown>,
      keyValueStoreFactory(materialized),
      parameters as ProcessorParameters,
      true,
      () => true,
    )
    this.addGraphNode(this.root, node)
    return this.create.globalKTable<K, V>(storeName, materialized.queryableStoreName())
  }

  addStateStore(builder: StoreBuilder<StateStore>): void {
    this.addGraphNode(this.root, new StateStoreNode(builder))
  }

  addGlobalStore<K, V>(
    storeBuilder: StoreBuilder<StateStore>,
    topic: string,
    consumed: Consumed<K, V>,
    stateUpdateSupplier: ProcessorSupplier<K, V, never, never>,
  ): void {
    storeBuilder.withLoggingDisabled()
    const sourceName = suffixWithOrElseGenerate(consumed.name, TABLE_SOURCE_SUFFIX, this, SOURCE_NAME)
    const processorName = orElseGenerateWithPrefix(consumed.name, this, TABLE_SOURCE_NAME)
    this.addGraphNode(
      this.root,
      new GlobalStoreNode(
        storeBuilder,
        sourceName,
        topic,
        consumed as Consumed<unknown, unknown>,
        processorName,
        stateUpdateSupplier as ProcessorSupplier<unknown, unknown, never, never>,
      ),
    )
  }

  /** Adds `child` below each parent, numbering it for the writer and recording what passes need. */
  addGraphNode(parents: GraphNode | readonly GraphNode[], child: GraphNode): void {
    const list = Array.isArray(parents) ? parents : [parents as GraphNode]
    for (const parent of list) {
      parent.addChild(child)
      this.maybeAddNodeForOptimizationMetadata(child)
    }
  }

  private maybeAddNodeForOptimizationMetadata(node: GraphNode): void {
    node.buildPriority = this.buildPriorityIndex++
    if (node.keyChangingOperation) {
      this.keyChangingOperationsToOptimizableRepartitionNodes.set(node, new Set())
    } else if (node instanceof RepartitionNode && node.kind === 'optimizable') {
      const parent = this.keyChangingParentNode(node)
      if (parent !== null) this.keyChangingOperationsToOptimizableRepartitionNodes.get(parent)?.add(node)
    } else if (node.mergeNode) {
      this.mergeNodes.add(node)
    } else if (node instanceof TableSourceNode) {
      this.tableSourceNodes.add(node)
    }
  }

  /** The key-changing ancestor a repartition belongs to (Kafka's `getKeyChangingParentNode`). */
  private keyChangingParentNode(node: GraphNode): GraphNode | null {
    const shouldBe = findParentNodeMatching(node, (n) => n.keyChangingOperation || n.valueChangingOperation)
    const keyChanging = findParentNodeMatching(node, (n) => n.keyChangingOperation)
    return shouldBe !== null && shouldBe === keyChanging ? keyChanging : null
  }

  /** Runs the graph passes and writes the topology (Kafka's `buildAndOptimizeTopology`). */
  buildAndOptimizeTopology(optimization: OptimizationConfig): void {
    mergeDuplicateSourceNodes(this.root)
    optimizeGraph(this, optimization)
    writeTopology(this.root, this.internalTopologyBuilder)
  }
}

/** Serdes a DSL object carries (undefined: the configured default). */
export interface SerdePair<K, V> {
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
}
