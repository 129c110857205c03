import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import { GraphNode } from './graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/** A stateless processor node (Kafka's `ProcessorGraphNode`). */
export class ProcessorGraphNode extends GraphNode {
  processorParameters: ProcessorParameters

  constructor(nodeName: string, processorParameters: ProcessorParameters) {
    super(nodeName)
    this.processorParameters = processorParameters
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames())
  }
}
