import { GraphNode } from './graph-node.js'

/** The graph's root: every source hangs off it. Writes nothing. */
export class RootNode extends GraphNode {
  constructor() {
    super('root')
  }

  override writeToTopology(): void {}
}
