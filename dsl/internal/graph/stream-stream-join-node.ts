import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StoreFactory } from '../store-factory.js'
import { GraphNode } from './graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/**
 * A stream-stream join (Kafka's `StreamStreamJoinNode`): the this/other join processors below the
 * two windowed processors, the merge processor, and the stores: each side's window store is
 * written by its windowed processor and read by the other side's join processor; the outer-join
 * store is shared by both join processors.
 */
export class StreamStreamJoinNode extends GraphNode {
  constructor(
    nodeName: string,
    readonly joinThis: ProcessorParameters,
    readonly joinOther: ProcessorParameters,
    readonly joinMerge: ProcessorParameters,
    readonly thisWindowedName: string,
    readonly otherWindowedName: string,
    readonly thisWindowStore: StoreFactory,
    readonly otherWindowStore: StoreFactory,
    readonly outerJoinStore: StoreFactory | null,
  ) {
    super(nodeName)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const thisName = this.joinThis.processorName
    const otherName = this.joinOther.processorName
    this.joinThis.addProcessorTo(builder, [this.thisWindowedName])
    this.joinOther.addProcessorTo(builder, [this.otherWindowedName])
    this.joinMerge.addProcessorTo(builder, [thisName, otherName])
    builder.addStateStore(this.thisWindowStore.builder(), [this.thisWindowedName, otherName])
    builder.addStateStore(this.otherWindowStore.builder(), [this.otherWindowedName, thisName])
    if (this.outerJoinStore !== null) builder.addStateStore(this.outerJoinStore.builder(), [thisName, otherName])
  }
}
