import type { TopologyDescription, TopologyNodeDescription } from '../../../../processor-api/topology-description.js'

/** A mermaid label in double quotes (`"` becomes mermaid's `#quot;`). */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`
}

/**
 * Renders a topology description as a mermaid `flowchart`: one subgraph per sub-topology (and
 * per global store) holding its nodes, topics as parallelograms outside the subgraphs (so a
 * repartition topic links the sub-topology that writes it to the one that reads it), state
 * stores as cylinders linked to their processors with dotted lines, and edges
 * topic → source → processors → sink → topic.
 */
export function topologyToMermaid(description: TopologyDescription): string {
  const lines: string[] = ['flowchart LR']
  const nodeIds = new Map<string, string>()
  const topicIds = new Map<string, string>()
  const storeIds = new Map<string, string>()
  const edges: string[] = []
  const nodeId = (name: string): string => {
    let id = nodeIds.get(name)
    if (id === undefined) nodeIds.set(name, (id = `n${nodeIds.size}`))
    return id
  }
  const topicId = (topic: string): string => {
    let id = topicIds.get(topic)
    if (id === undefined) topicIds.set(topic, (id = `t${topicIds.size}`))
    return id
  }
  const storeId = (store: string): string => {
    let id = storeIds.get(store)
    if (id === undefined) storeIds.set(store, (id = `s${storeIds.size}`))
    return id
  }
  const addNode = (node: TopologyNodeDescription): void => {
    const id = nodeId(node.name)
    lines.push(`    ${id}[${label(node.name)}]`)
    if (node.type === 'source') {
      const topics = node.topicSet ?? [`/${node.topicPattern?.source ?? ''}/`]
      for (const t of topics) edges.push(`  ${topicId(t)} --> ${id}`)
    } else if (node.type === 'sink') {
      edges.push(`  ${id} --> ${topicId(node.topic ?? '(topic chosen per record)')}`)
    } else {
      for (const s of node.stores) edges.push(`  ${id} -.- ${storeId(s)}`)
    }
    for (const child of node.successors) edges.push(`  ${id} --> ${nodeId(child.name)}`)
  }
  for (const sub of description.subtopologies) {
    lines.push(`  subgraph sub${sub.id}[${label(`Sub-topology: ${sub.id}`)}]`)
    for (const node of sub.nodes) addNode(node)
    lines.push('  end')
  }
  for (const g of description.globalStores) {
    lines.push(`  subgraph global${g.id}[${label(`Sub-topology: ${g.id} for global store`)}]`)
    addNode(g.source)
    addNode(g.processor)
    lines.push('  end')
  }
  for (const [topic, id] of topicIds) lines.push(`  ${id}[/${label(topic)}/]`)
  for (const [store, id] of storeIds) lines.push(`  ${id}[(${label(store)})]`)
  lines.push(...edges)
  return lines.join('\n')
}
