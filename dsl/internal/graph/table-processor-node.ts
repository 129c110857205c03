import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StoreFactory } from '../store-factory.js'
import { ProcessorGraphNode } from './processor-graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/**
 * A KTable operation's processor (Kafka's `TableProcessorNode`, also `StreamToTableNode`,
 * `TableFilterNode`): connected to the stores its value getters read, and owning its own store
 * when the table is materialized. Whether it is materialized is only decided once the whole
 * graph is known (a downstream join may force it), hence `isMaterialized` is a callback.
 */
export class TableProcessorNode extends ProcessorGraphNode {
  constructor(
    nodeName: string,
    processorParameters: ProcessorParameters,
    private readonly storeFactory: StoreFactory | null,
    private readonly storeNames: () => readonly string[] = () => [],
    private readonly isMaterialized: () => boolean = () => true,
  ) {
    super(nodeName, processorParameters)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const name = this.processorParameters.processorName
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames())
    const storeNames = this.storeNames()
    if (storeNames.length > 0) builder.connectProcessorAndStateStores(name, storeNames)
    if (this.storeFactory !== null && this.isMaterialized()) builder.addStateStore(this.storeFactory.builder(), [name])
  }
}
