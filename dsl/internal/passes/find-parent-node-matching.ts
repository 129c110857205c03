import type { GraphNode } from '../graph/graph-node.js'

/**
 * Searches `start` and its ancestors for a node matching `predicate`, exactly as Kafka's
 * `findParentNodeMatching` does (depth first; a direct parent that matches wins, otherwise the
 * result of the last parent's search is kept).
 */
export function findParentNodeMatching(start: GraphNode, predicate: (node: GraphNode) => boolean): GraphNode | null {
  if (predicate(start)) return start
  let found: GraphNode | null = null
  for (const parent of start.parentNodes) {
    if (predicate(parent)) return parent
    found = findParentNodeMatching(parent, predicate)
  }
  return found
}
