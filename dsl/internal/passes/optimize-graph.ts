import { StreamsError } from '../../../processor-api/errors.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { GraphNode } from '../graph/graph-node.js'
import { ProcessorParameters } from '../graph/processor-parameters.js'
import { RepartitionNode } from '../graph/repartition-node.js'
import type { TableSourceNode } from '../graph/table-source-node.js'
import { createRepartitionedSource } from '../create-repartitioned-source.js'
import type { NameProvider } from '../name-provider.js'
import { KStreamFilter } from '../processors/kstream-filter.js'
import { findParentNodeMatching } from './find-parent-node-matching.js'

/** Kafka's `topology.optimization` values: which graph rewrites to apply. */
export type OptimizationConfig = 'none' | 'all' | readonly ('reuse.ktable.source.topics' | 'merge.repartition.topics')[]

/** What the optimizer needs from the graph builder. */
export interface OptimizableGraph extends NameProvider {
  readonly root: GraphNode
  readonly internalTopologyBuilder: InternalTopologyBuilder
  readonly keyChangingOperationsToOptimizableRepartitionNodes: Map<GraphNode, Set<RepartitionNode>>
  readonly mergeNodes: Set<GraphNode>
  readonly tableSourceNodes: Set<TableSourceNode>
}

/**
 * Applies Kafka's graph rewrites: source-topic reuse for KTable changelogs and merging of the
 * repartition topics below one key-changing operation (both only when enabled), then always
 * makes repartition filters drop null keys unless a null-key-tolerant join is downstream.
 */
export function optimizeGraph(graph: OptimizableGraph, config: OptimizationConfig): void {
  const enabled = new Set<string>(
    config === 'all' ? ['reuse.ktable.source.topics', 'merge.repartition.topics'] : config === 'none' ? [] : config,
  )
  if (enabled.has('reuse.ktable.source.topics')) {
    for (const node of graph.tableSourceNodes) node.reuseSourceTopicForChangelog = true
  }
  if (enabled.has('merge.repartition.topics')) mergeRepartitionTopics(graph)
  rewriteRepartitionNodes(graph.root)
}

/** Repartition filters drop null keys unless a left/outer join that accepts them is below. */
function rewriteRepartitionNodes(root: GraphNode): void {
  const visited = new Set<GraphNode>()
  const nonOptimizable = new Set<GraphNode>()
  const traverse = (node: GraphNode): void => {
    if (visited.has(node)) return
    for (const child of node.childNodes) {
      traverse(child)
      if (child.labels.has('NULL_KEY_RELAXED_JOIN') || nonOptimizable.has(child)) nonOptimizable.add(node)
    }
    visited.add(node)
  }
  traverse(root)
  for (const node of visited) {
    if (!(node instanceof RepartitionNode) || nonOptimizable.has(node) || node.processorParameters === null) continue
    node.processorParameters = new ProcessorParameters(
      new KStreamFilter<unknown, unknown>((k) => k !== null && k !== undefined, false),
      node.processorParameters.processorName,
    )
  }
}

function mergeRepartitionTopics(graph: OptimizableGraph): void {
  const map = graph.keyChangingOperationsToOptimizableRepartitionNodes
  updateKeyChangingRepartitionNodeMap(graph)
  for (const [keyChangingNode, repartitionNodes] of [...map.entries()]) {
    if (repartitionNodes.size === 0) continue
    const nodes = [...repartitionNodes]
    let keySerde: Serde<unknown> | undefined
    let valueSerde: Serde<unknown> | undefined
    for (const n of nodes) {
      keySerde ??= n.keySerde
      valueSerde ??= n.valueSerde
    }
    const topicName = nodes[0]!.repartitionTopic
    const created = createRepartitionedSource(graph, 'optimizable', topicName, keySerde, valueSerde, undefined)
    const merged = new RepartitionNode(
      'optimizable',
      created.sourceName,
      created.sinkName,
      topicName,
      created.processorParameters,
      keySerde,
      valueSerde,
      undefined,
    )
    merged.buildPriority = keyChangingNode.buildPriority
    for (const toReplace of nodes) {
      const keyChangingChild = findParentNodeMatching(toReplace, (gn) => gn.parentNodes.has(keyChangingNode))
      if (keyChangingChild === null) throw new StreamsError('KS_ERR_TOPOLOGY_INVALID', `Found a null keyChangingChild node for ${toReplace}`)
      merged.addChild(keyChangingChild)
      keyChangingNode.removeChild(keyChangingChild)
      const children = toReplace.children()
      const parents = [...toReplace.parentNodes]
      for (const child of children) for (const parent of parents) parent.addChild(child)
      for (const parent of parents) parent.removeChild(toReplace)
      toReplace.clearChildren()
      graph.internalTopologyBuilder.maybeUpdateCopartitionSourceGroups(toReplace.nodeName, merged.nodeName)
    }
    keyChangingNode.addChild(merged)
    map.delete(keyChangingNode)
  }
}

function updateKeyChangingRepartitionNodeMap(graph: OptimizableGraph): void {
  const map = graph.keyChangingOperationsToOptimizableRepartitionNodes
  const mergeToKeyChangers = new Map<GraphNode, Set<GraphNode>>()
  const toRemove = new Set<GraphNode>()
  for (const mergeNode of graph.mergeNodes) {
    const keyChangers = new Set<GraphNode>()
    mergeToKeyChangers.set(mergeNode, keyChangers)
    for (const [keyChanger, repartitions] of map) {
      const allBelowMerge = [...repartitions].every(
        (n) => findParentNodeMatching(n, (gn) => gn.parentNodes.has(mergeNode)) !== null,
      )
      if (allBelowMerge && findParentNodeMatching(mergeNode, (n) => n.parentNodes.has(keyChanger)) !== null) {
        keyChangers.add(keyChanger)
      }
    }
  }
  for (const [mergeNode, keyChangers] of mergeToKeyChangers) {
    const repartitions = new Set<RepartitionNode>()
    for (const keyChanger of keyChangers) {
      for (const r of map.get(keyChanger) ?? []) repartitions.add(r)
      toRemove.add(keyChanger)
    }
    map.set(mergeNode, repartitions)
  }
  for (const n of toRemove) map.delete(n)
}
