import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import { ProcessorGraphNode } from './processor-graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/**
 * A stream-table join processor (Kafka's `StreamTableJoinNode`): connected to the table's stores
 * (none for a global table, whose store any processor may read).
 */
export class StreamTableJoinNode extends ProcessorGraphNode {
  constructor(
    nodeName: string,
    processorParameters: ProcessorParameters,
    private readonly storeNames: () => readonly string[],
    private readonly otherJoinSideNodeName: string | null,
  ) {
    super(nodeName, processorParameters)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const name = this.processorParameters.processorName
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames())
    if (this.otherJoinSideNodeName !== null) builder.connectProcessorAndStateStores(name, this.storeNames())
  }
}
