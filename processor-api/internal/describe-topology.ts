/**
 * Builds a `TopologyDescription` the way Kafka's `InternalTopologyBuilder.describe()` does, so
 * that its text matches Kafka's byte for byte: the same node groups, nodes linked in Java
 * hash-map order, sub-tree sizes accumulated as Kafka accumulates them, and predecessor/successor
 * sets ordered by a tree set whose comparator sees sizes at insertion time.
 */
import {
  GlobalStoreDescription,
  ProcessorNodeDescription,
  SinkNodeDescription,
  SourceNodeDescription,
  SubtopologyDescription,
  TopologyDescription,
  type TopologyNodeDescription,
} from '../topology-description.js'
import type { InternalTopologyBuilder } from './internal-topology-builder.js'
import { copiedCapacity, growingCapacity, javaHashOrder } from './java-hash-order.js'
import { JavaTreeSet } from './java-tree-set.js'
import type { NodeDefinition } from './node-definitions.js'

interface WorkNode {
  readonly def: NodeDefinition
  readonly name: string
  /** Kafka's `AbstractNode.size`: 1 plus what `updateSize` added. */
  size: number
  readonly predecessors: JavaTreeSet<WorkNode>
  readonly successors: JavaTreeSet<WorkNode>
}

/** Kafka's `NodeComparator`: larger sub-tree first, then by name. */
function compareNodes(a: WorkNode, b: WorkNode): number {
  if (a === b) return 0
  if (a.size !== b.size) return b.size - a.size
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

function updateSize(node: WorkNode, delta: number): void {
  node.size += delta
  for (const predecessor of node.predecessors.toArray()) updateSize(predecessor, delta)
}

/** The description of everything `builder` holds. */
export function describeTopology(builder: InternalTopologyBuilder): TopologyDescription {
  const subtopologies: SubtopologyDescription[] = []
  const globalStores: GlobalStoreDescription[] = []
  for (const [id, group] of builder.nodeGroups()) {
    const globalSource = group.find((n) => builder.isGlobalSource(n))
    if (globalSource !== undefined) globalStores.push(describeGlobalStore(builder, id, globalSource, group))
    else subtopologies.push(describeSubtopology(builder, id, group))
  }
  return new TopologyDescription(subtopologies, globalStores)
}

function describeGlobalStore(builder: InternalTopologyBuilder, id: number, sourceName: string, group: readonly string[]): GlobalStoreDescription {
  const source = builder.nodes.get(sourceName)!
  const processorName = group.find((n) => n !== sourceName)!
  const processor = builder.nodes.get(processorName)!
  const storeName = processor.kind === 'processor' ? ([...processor.stores][0] ?? '') : ''
  const topic = source.kind === 'source' ? (source.topics[0] ?? '') : ''
  const successors: TopologyNodeDescription[] = []
  const predecessors: TopologyNodeDescription[] = []
  const sourceDescription = new SourceNodeDescription(sourceName, [topic], null, [], successors)
  const processorDescription = new ProcessorNodeDescription(processorName, [storeName], predecessors, [])
  successors.push(processorDescription)
  predecessors.push(sourceDescription)
  return new GlobalStoreDescription(id, sourceDescription, processorDescription)
}

function describeSubtopology(builder: InternalTopologyBuilder, id: number, group: readonly string[]): SubtopologyDescription {
  // Kafka fills a HashMap<String, AbstractNode> from the group's HashSet, then links nodes while
  // iterating it; both tables have the same capacity, so one hash order describes both.
  const order = javaHashOrder(group, growingCapacity(group.length))
  const work = new Map<string, WorkNode>()
  for (const name of order) {
    work.set(name, {
      def: builder.nodes.get(name)!,
      name,
      size: 1,
      predecessors: new JavaTreeSet(compareNodes),
      successors: new JavaTreeSet(compareNodes),
    })
  }
  for (const node of work.values()) {
    if (node.def.kind === 'source') continue
    for (const predecessorName of node.def.predecessors) {
      const predecessor = work.get(predecessorName)!
      node.predecessors.add(predecessor)
      predecessor.successors.add(node)
      updateSize(predecessor, node.size)
    }
  }

  const links = new Map<string, { predecessors: TopologyNodeDescription[]; successors: TopologyNodeDescription[] }>()
  const described = new Map<string, TopologyNodeDescription>()
  for (const node of work.values()) {
    const predecessors: TopologyNodeDescription[] = []
    const successors: TopologyNodeDescription[] = []
    links.set(node.name, { predecessors, successors })
    described.set(node.name, describeNode(node.def, predecessors, successors))
  }
  for (const node of work.values()) {
    const l = links.get(node.name)!
    for (const p of node.predecessors.toArray()) l.predecessors.push(described.get(p.name)!)
    for (const s of node.successors.toArray()) l.successors.push(described.get(s.name)!)
  }
  const sorted = [...work.values()].sort(compareNodes).map((n) => described.get(n.name)!)
  return new SubtopologyDescription(id, sorted)
}

function describeNode(
  def: NodeDefinition,
  predecessors: TopologyNodeDescription[],
  successors: TopologyNodeDescription[],
): TopologyNodeDescription {
  switch (def.kind) {
    case 'source': {
      const topics = def.pattern === null ? javaHashOrder(def.topics, copiedCapacity(def.topics.length)) : null
      return new SourceNodeDescription(def.name, topics, def.pattern, predecessors, successors)
    }
    case 'processor': {
      const stores = [...def.stores]
      return new ProcessorNodeDescription(def.name, javaHashOrder(stores, copiedCapacity(stores.length)), predecessors, successors)
    }
    case 'sink':
      return typeof def.topic === 'string'
        ? new SinkNodeDescription(def.name, def.topic, null, predecessors, successors)
        : new SinkNodeDescription(def.name, null, def.topic, predecessors, successors)
  }
}
