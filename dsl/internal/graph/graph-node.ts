import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'

/** Labels graph passes look for (Kafka's `GraphNode.Label`). */
export type GraphNodeLabel = 'NULL_KEY_RELAXED_JOIN'

/**
 * A node of the DSL's logical graph (Kafka's `GraphNode`). DSL operations add nodes; the writer
 * pass visits them in build-priority order and each writes its sources, processors, sinks and
 * stores into the topology. Mutable while the graph is built and optimised, then written once.
 */
export abstract class GraphNode {
  readonly nodeName: string
  /** Children in the order they were added (an ordered set). */
  readonly childNodes = new Set<GraphNode>()
  readonly parentNodes = new Set<GraphNode>()
  readonly labels = new Set<GraphNodeLabel>()
  keyChangingOperation = false
  valueChangingOperation = false
  mergeNode = false
  /** The order the node was added in; nodes are written in this order. */
  buildPriority = -1
  hasWrittenToTopology = false
  /** Whether this node's output is a versioned table (undefined: unknown). */
  outputVersioned: boolean | undefined = undefined

  constructor(nodeName: string) {
    this.nodeName = nodeName
  }

  /** The parents' node names (the processor names this node's processor reads from). */
  parentNodeNames(): string[] {
    const names: string[] = []
    for (const p of this.parentNodes) names.push(p.nodeName)
    return names
  }

  allParentsWrittenToTopology(): boolean {
    for (const p of this.parentNodes) if (!p.hasWrittenToTopology) return false
    return true
  }

  children(): GraphNode[] {
    return [...this.childNodes]
  }

  addChild(child: GraphNode): void {
    this.childNodes.add(child)
    child.parentNodes.add(this)
  }

  removeChild(child: GraphNode): boolean {
    const removed = this.childNodes.delete(child)
    if (removed) child.parentNodes.delete(this)
    return removed
  }

  clearChildren(): void {
    for (const child of this.childNodes) child.parentNodes.delete(this)
    this.childNodes.clear()
  }

  /** Writes this node into the topology; called once, after all parents were written. */
  abstract writeToTopology(builder: InternalTopologyBuilder): void

  toString(): string {
    return `${this.constructor.name}{nodeName='${this.nodeName}', buildPriority=${this.buildPriority}, parents=[${this.parentNodeNames().join(', ')}]}`
  }
}
