import { TopologyError } from '../../../processor-api/errors.js'
import type { GraphNode } from '../graph/graph-node.js'
import { StreamSourceNode } from '../graph/stream-source-node.js'

/**
 * Merges `builder.stream(...)` sources reading the same topics (or the same pattern) into the
 * first one, as Kafka does, so `stream('a')` twice yields one source node. Sources subscribed to
 * overlapping but different topic lists are an error.
 */
export function mergeDuplicateSourceNodes(root: GraphNode): void {
  const byTopic = new Map<string, StreamSourceNode>()
  const byPattern = new Map<string, StreamSourceNode>()
  for (const node of root.children()) {
    if (!(node instanceof StreamSourceNode)) continue
    if (node.topicPattern !== null) {
      const key = `${node.topicPattern.source}/${node.topicPattern.flags}`
      const main = byPattern.get(key)
      if (main === undefined) byPattern.set(key, node)
      else {
        main.merge(node)
        root.removeChild(node)
      }
      continue
    }
    for (const topic of node.topicNames ?? []) {
      const main = byTopic.get(topic)
      if (main === undefined) {
        byTopic.set(topic, node)
        continue
      }
      if (!sameTopics(main.topicNames ?? [], node.topicNames ?? [])) {
        throw new TopologyError('Two source nodes are subscribed to overlapping but not equal input topics', { nodeName: node.nodeName })
      }
      main.merge(node)
      root.removeChild(node)
      break
    }
  }
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((t) => set.has(t))
}
