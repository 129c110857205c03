import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'

/**
 * The part of a topology one task runs (Kafka's `ProcessorTopology`): one sub-topology in the
 * runtime, or all of them in the TopologyTestDriver (which, like Kafka's, runs a single task).
 */
export interface ProcessorTopology {
  /** Node names, sub-topology by sub-topology, sources first (the model's order). */
  readonly nodeNames: readonly string[]
  /** Store names in the order the task initialises (and flushes) them: first use by a node. */
  readonly storeNames: readonly string[]
  readonly sourceTopics: readonly string[]
  readonly sourcePatterns: readonly RegExp[]
  /** Static sink topics (not those chosen by topic-name extractors). */
  readonly sinkTopics: readonly string[]
}

/**
 * Selects the sub-topologies `subtopologyIds` (default: all) of `model`.
 * @throws RangeError when an id is not a sub-topology of the model.
 */
export function processorTopologyOf(model: TopologyModel, subtopologyIds?: readonly number[]): ProcessorTopology {
  const selected =
    subtopologyIds === undefined
      ? model.subtopologies
      : subtopologyIds.map((id) => {
          const s = model.subtopologies.find((x) => x.id === id)
          if (s === undefined) throw new RangeError(`No sub-topology ${id} in the topology`)
          return s
        })
  const nodeNames: string[] = []
  const storeNames: string[] = []
  const sourceTopics: string[] = []
  const sourcePatterns: RegExp[] = []
  const sinkTopics: string[] = []
  const addUnique = <T>(list: T[], v: T): void => {
    if (!list.includes(v)) list.push(v)
  }
  for (const sub of selected) {
    for (const name of sub.nodes) {
      nodeNames.push(name)
      const node = model.nodes.get(name)
      if (node?.kind === 'processor') for (const s of node.stores) addUnique(storeNames, s)
    }
    for (const s of sub.stores) addUnique(storeNames, s)
    for (const t of sub.sourceTopics) addUnique(sourceTopics, t)
    for (const p of sub.sourcePatterns) addUnique(sourcePatterns, p)
    for (const t of sub.sinkTopics) addUnique(sinkTopics, t)
  }
  return { nodeNames, storeNames, sourceTopics, sourcePatterns, sinkTopics }
}
