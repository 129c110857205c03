import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { GraphNode } from '../graph/graph-node.js'

/**
 * Writes the graph into the topology: nodes are visited from the root in build-priority order
 * (the order DSL operations added them) and each is written once all its parents are
 * (Kafka's `InternalStreamsBuilder.buildAndOptimizeTopology` loop).
 */
export function writeTopology(root: GraphNode, builder: InternalTopologyBuilder): void {
  const queue = new PriorityQueue()
  queue.push(root)
  while (queue.size > 0) {
    const node = queue.pop()
    if (node.allParentsWrittenToTopology() && !node.hasWrittenToTopology) {
      node.writeToTopology(builder)
      node.hasWrittenToTopology = true
    }
    for (const child of node.childNodes) queue.push(child)
  }
}

/** A binary min-heap of graph nodes by build priority (ties: insertion order). */
class PriorityQueue {
  private readonly heap: { node: GraphNode; seq: number }[] = []
  private seq = 0

  get size(): number {
    return this.heap.length
  }

  push(node: GraphNode): void {
    const h = this.heap
    h.push({ node, seq: this.seq++ })
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!less(h[i]!, h[p]!)) break
      ;[h[i], h[p]] = [h[p]!, h[i]!]
      i = p
    }
  }

  pop(): GraphNode {
    const h = this.heap
    const top = h[0]!
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && less(h[l]!, h[m]!)) m = l
        if (r < h.length && less(h[r]!, h[m]!)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m]!, h[i]!]
        i = m
      }
    }
    return top.node
  }
}

function less(a: { node: GraphNode; seq: number }, b: { node: GraphNode; seq: number }): boolean {
  return a.node.buildPriority !== b.node.buildPriority ? a.node.buildPriority < b.node.buildPriority : a.seq < b.seq
}
