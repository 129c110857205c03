import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StoreFactory } from '../store-factory.js'
import { ProcessorGraphNode } from './processor-graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/**
 * A processor with state (Kafka's `StatefulProcessorNode`): connected to existing stores by name
 * (`storeNames`, which may be computed lazily: a KTable's value getter store is only known once
 * the graph is complete), and/or owning a store it adds.
 */
export class StatefulProcessorNode extends ProcessorGraphNode {
  private readonly storeNames: () => readonly string[]
  private readonly storeFactory: StoreFactory | null

  constructor(
    nodeName: string,
    processorParameters: ProcessorParameters,
    options: { storeNames?: readonly string[] | (() => readonly string[]); storeFactory?: StoreFactory | null },
  ) {
    super(nodeName, processorParameters)
    const names = options.storeNames ?? []
    this.storeNames = typeof names === 'function' ? names : () => names
    this.storeFactory = options.storeFactory ?? null
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const name = this.processorParameters.processorName
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames())
    const storeNames = this.storeNames()
    if (storeNames.length > 0) builder.connectProcessorAndStateStores(name, storeNames)
    if (this.storeFactory !== null) addStoreFromFactory(builder, this.storeFactory, [name])
  }
}

/** Adds a factory's store (and its changelog config) for these processors. */
export function addStoreFromFactory(builder: InternalTopologyBuilder, factory: StoreFactory, processorNames: readonly string[]): void {
  builder.addStateStore(factory.builder(), processorNames)
}
