import type { TopologyDescription, TopologyNodeDescription } from '../../../../processor-api/topology-description.js'

/**
 * The topics a topology reads that it does not write itself: its input topics, which must exist
 * before it starts (repartition topics, written by a sink of the same topology, are created by
 * the application). Pattern sources are left out.
 */
export function externalSourceTopics(description: TopologyDescription): string[] {
  const nodes: TopologyNodeDescription[] = []
  for (const sub of description.subtopologies) nodes.push(...sub.nodes)
  for (const g of description.globalStores) nodes.push(g.source, g.processor)
  const written = new Set<string>()
  for (const n of nodes) if (n.type === 'sink' && n.topic !== null) written.add(n.topic)
  const read = new Set<string>()
  for (const n of nodes) if (n.type === 'source' && n.topicSet !== null) for (const t of n.topicSet) if (!written.has(t)) read.add(t)
  return [...read].sort()
}
