/**
 * Resolves a Topology into the model the task engine runs: sub-topologies grouped exactly as
 * Kafka's `InternalTopologyBuilder.makeNodeGroups`, internal topic names decorated with the
 * application id, changelog topics named, co-partition groups closed transitively. Pure and
 * re-runnable: it reads the topology and never changes it or calls a supplier.
 */
import { TopologyError } from '../errors.js'
import type { LogConfig } from '../state-store.js'
import type { Topology } from '../topology.js'
import type { InternalTopologyBuilder } from './internal-topology-builder.js'
import type { StoreDefinition } from './node-definitions.js'
import type {
  GlobalStoreModel,
  InternalTopicModel,
  NodeModel,
  StoreModel,
  SubtopologyModel,
  TopologyModel,
} from './topology-model.js'

/** `<applicationId>-<name>`: the final name of an internal topic. */
export function decorateTopic(applicationId: string, name: string): string {
  return `${applicationId}-${name}`
}

/** `<applicationId>-<storeName>-changelog`: Kafka's changelog topic of a logged store. */
export function storeChangelogTopic(applicationId: string, storeName: string): string {
  return `${applicationId}-${storeName}-changelog`
}

/**
 * Builds the engine's model of `topology` for `applicationId`.
 * @throws TopologyError when `applicationId` is empty, the graph has a cycle, or co-partitioned
 * internal topics were given different fixed partition counts.
 */
export function buildTopologyModel(topology: Topology | InternalTopologyBuilder, applicationId: string): TopologyModel {
  if (typeof applicationId !== 'string' || applicationId.length === 0) {
    throw new TopologyError('applicationId must be a non-empty string')
  }
  const b = 'internalTopologyBuilder' in topology ? topology.internalTopologyBuilder : topology
  const finalName = (topic: string): string => (b.isInternalTopic(topic) ? decorateTopic(applicationId, topic) : topic)

  checkAcyclic(b)
  const nodes = buildNodes(b, finalName)

  const stores = new Map<string, StoreModel>()
  const storeModel = (name: string, def: StoreDefinition): StoreModel => {
    const sourceTopic = b.sourceStoreChangelogTopics.get(name)
    const changelogConfig: LogConfig = { ...def.builder.logConfig, ...(def.changelogConfig ?? {}) }
    return {
      name,
      builder: def.builder,
      changelogTopic: sourceTopic === undefined && def.builder.loggingEnabled ? storeChangelogTopic(applicationId, name) : null,
      sourceChangelogTopic: sourceTopic === undefined ? null : finalName(sourceTopic),
      changelogConfig,
    }
  }

  const subtopologies: SubtopologyModel[] = []
  for (const [id, group] of b.nodeGroups()) {
    if (group.some((n) => b.isGlobalSource(n))) continue
    const sources: string[] = []
    const others: string[] = []
    const sourceTopics: string[] = []
    const sourcePatterns: RegExp[] = []
    const groupStores: string[] = []
    const sinkTopics: string[] = []
    for (const name of group) {
      const node = b.nodes.get(name)!
      if (node.kind === 'source') {
        sources.push(name)
        for (const t of node.topics) pushUnique(sourceTopics, finalName(t))
        if (node.pattern) sourcePatterns.push(node.pattern)
      } else {
        others.push(name)
        if (node.kind === 'processor') {
          for (const s of node.stores) {
            pushUnique(groupStores, s)
            if (!stores.has(s)) stores.set(s, storeModel(s, b.stores.get(s)!))
          }
        } else if (typeof node.topic === 'string') {
          pushUnique(sinkTopics, finalName(node.topic))
        }
      }
    }
    subtopologies.push({ id, nodes: [...sources, ...others], sourceTopics, sourcePatterns, stores: groupStores, sinkTopics })
  }

  const globalStores: GlobalStoreModel[] = []
  for (const [name, g] of b.globalStores) {
    globalStores.push({
      store: {
        name,
        builder: g.builder,
        changelogTopic: null,
        sourceChangelogTopic: g.topic,
        changelogConfig: { ...g.builder.logConfig },
      },
      sourceName: g.sourceName,
      topic: g.topic,
      processorName: g.processorName,
    })
  }

  const internalTopics: InternalTopicModel[] = []
  for (const [name, props] of b.internalTopics) {
    internalTopics.push({ name: decorateTopic(applicationId, name), kind: 'repartition', partitions: props.partitions, config: props.config })
  }

  return {
    applicationId,
    nodes,
    subtopologies,
    stores,
    globalStores,
    internalTopics,
    copartitionGroups: copartitionGroups(b, finalName),
  }
}

function buildNodes(b: InternalTopologyBuilder, finalName: (t: string) => string): Map<string, NodeModel> {
  const children = new Map<string, string[]>()
  for (const name of b.nodes.keys()) children.set(name, [])
  for (const node of b.nodes.values()) {
    if (node.kind !== 'source') for (const p of node.predecessors) children.get(p)!.push(node.name)
  }
  const nodes = new Map<string, NodeModel>()
  for (const node of b.nodes.values()) {
    switch (node.kind) {
      case 'source':
        nodes.set(node.name, {
          kind: 'source',
          name: node.name,
          topics: node.topics.map(finalName),
          pattern: node.pattern,
          keyDeserializer: node.keyDeserializer,
          valueDeserializer: node.valueDeserializer,
          timestampExtractor: node.timestampExtractor,
          offsetReset: node.offsetReset,
          children: children.get(node.name)!,
        })
        break
      case 'processor':
        nodes.set(node.name, {
          kind: 'processor',
          name: node.name,
          supplier: node.supplier,
          parents: [...node.predecessors],
          children: children.get(node.name)!,
          stores: [...node.stores],
        })
        break
      case 'sink':
        nodes.set(node.name, {
          kind: 'sink',
          name: node.name,
          topic: typeof node.topic === 'string' ? finalName(node.topic) : node.topic,
          keySerializer: node.keySerializer,
          valueSerializer: node.valueSerializer,
          partitioner: node.partitioner,
          parents: [...node.predecessors],
        })
        break
    }
  }
  return nodes
}

/** Kafka's `copartitionGroups()`: groups sharing a topic merge; topics are final names. */
function copartitionGroups(b: InternalTopologyBuilder, finalName: (t: string) => string): string[][] {
  const topicToGroup = new Map<string, Set<string>>()
  const ordered: Set<string>[] = []
  for (const sourceGroup of b.copartitionGroups) {
    const topics: string[] = []
    for (const source of sourceGroup) {
      const node = b.nodes.get(source)
      if (node?.kind === 'source') for (const t of node.topics) topics.push(finalName(t))
    }
    let group: Set<string> | undefined
    for (const t of topics) {
      group = topicToGroup.get(t)
      if (group) break
    }
    if (!group) {
      group = new Set()
      ordered.push(group)
    }
    for (const t of topics) {
      const previous = topicToGroup.get(t)
      if (previous && previous !== group) {
        for (const x of previous) {
          group.add(x)
          topicToGroup.set(x, group)
        }
        ordered.splice(ordered.indexOf(previous), 1)
      }
      group.add(t)
      topicToGroup.set(t, group)
    }
  }
  const result = ordered.filter((g) => g.size > 0).map((g) => [...g])
  validateCopartition(b, result, finalName)
  return result
}

/** Kafka's `validateCopartition`: fixed partition counts of co-partitioned internal topics must agree. */
function validateCopartition(b: InternalTopologyBuilder, groups: string[][], finalName: (t: string) => string): void {
  const fixed = new Map<string, number>()
  for (const [raw, props] of b.internalTopics) if (props.partitions !== null) fixed.set(finalName(raw), props.partitions)
  for (const group of groups) {
    const counts = group.filter((t) => fixed.has(t)).map((t) => [t, fixed.get(t)!] as const)
    if (counts.length === group.length && counts.length > 0 && counts.some(([, n]) => n !== counts[0]![1])) {
      const listed = counts
        .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
        .map(([t, n]) => `${t}=${n}`)
        .join(', ')
      throw new TopologyError(`Following topics do not have the same number of partitions: [{${listed}}]`)
    }
  }
}

/** Parents must be added before children, so a cycle cannot be built; checked anyway. */
function checkAcyclic(b: InternalTopologyBuilder): void {
  const state = new Map<string, 1 | 2>()
  const visit = (name: string, path: string[]): void => {
    const s = state.get(name)
    if (s === 2) return
    if (s === 1) throw new TopologyError(`Topology has a cycle: ${[...path, name].join(' -> ')}`, { nodeName: name })
    state.set(name, 1)
    const node = b.nodes.get(name)
    if (node && node.kind !== 'source') for (const p of node.predecessors) visit(p, [...path, name])
    state.set(name, 2)
  }
  for (const name of b.nodes.keys()) visit(name, [])
}

function pushUnique(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item)
}
