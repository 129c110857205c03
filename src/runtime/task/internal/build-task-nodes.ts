import { TopologyError } from '../../../../processor-api/errors.js'
import type { TopologyModel } from '../../../../processor-api/internal/topology-model.js'
import type { ChildNode } from './processor-context-impl.js'
import type { ProcessingState } from './processing-state.js'
import { ProcessorNode } from './processor-node.js'
import { SinkNode } from './sink-node.js'
import { SourceNode } from './source-node.js'

/** The runtime nodes of one task, wired parent → children. */
export interface TaskNodes {
  readonly sources: SourceNode[]
  /** Processor nodes in topology order (init and close order). */
  readonly processors: ProcessorNode[]
  readonly sinks: SinkNode[]
}

/**
 * Creates the runtime nodes for `nodeNames` of `model` and links each to its children.
 * @throws TopologyError when a node or child is missing from the selection.
 * @throws MissingSerdeError when a source or sink has no serde and no default is configured.
 */
export function buildTaskNodes(model: TopologyModel, nodeNames: readonly string[], state: ProcessingState): TaskNodes {
  const sources: SourceNode[] = []
  const processors: ProcessorNode[] = []
  const sinks: SinkNode[] = []
  const byName = new Map<string, SourceNode | ProcessorNode | SinkNode>()
  for (const name of nodeNames) {
    const m = model.nodes.get(name)
    if (m === undefined) throw new TopologyError(`Node ${name} is not defined in the topology`, { nodeName: name })
    if (m.kind === 'source') {
      const n = new SourceNode(m, state)
      sources.push(n)
      byName.set(name, n)
    } else if (m.kind === 'processor') {
      const n = new ProcessorNode(m, state)
      processors.push(n)
      byName.set(name, n)
    } else {
      const n = new SinkNode(m, state)
      sinks.push(n)
      byName.set(name, n)
    }
  }
  for (const node of byName.values()) {
    if (node instanceof SinkNode) continue
    for (const childName of node.model.children) {
      const child = byName.get(childName)
      if (child === undefined || child instanceof SourceNode) {
        throw new TopologyError(`Node ${node.name} has child ${childName}, which is not a processor or sink of this task`, {
          nodeName: node.name,
        })
      }
      node.addChild(child as ChildNode)
    }
  }
  return { sources, processors, sinks }
}
