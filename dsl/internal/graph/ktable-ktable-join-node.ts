import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StoreFactory } from '../store-factory.js'
import { GraphNode } from './graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/**
 * A table-table join (Kafka's `KTableKTableJoinNode`): a join processor below each table, each
 * connected to the other table's stores, and a merge processor owning the result's store.
 */
export class KTableKTableJoinNode extends GraphNode {
  constructor(
    nodeName: string,
    readonly joinThis: ProcessorParameters,
    readonly joinOther: ProcessorParameters,
    readonly joinMerge: ProcessorParameters,
    readonly thisJoinSideNodeName: string,
    readonly otherJoinSideNodeName: string,
    private readonly joinThisStoreNames: () => readonly string[],
    private readonly joinOtherStoreNames: () => readonly string[],
    readonly storeFactory: StoreFactory | null,
  ) {
    super(nodeName)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const thisName = this.joinThis.processorName
    const otherName = this.joinOther.processorName
    const mergeName = this.joinMerge.processorName
    this.joinThis.addProcessorTo(builder, [this.thisJoinSideNodeName])
    this.joinOther.addProcessorTo(builder, [this.otherJoinSideNodeName])
    this.joinMerge.addProcessorTo(builder, [thisName, otherName])
    builder.connectProcessorAndStateStores(thisName, this.joinOtherStoreNames())
    builder.connectProcessorAndStateStores(otherName, this.joinThisStoreNames())
    if (this.storeFactory !== null) builder.addStateStore(this.storeFactory.builder(), [mergeName])
  }
}
