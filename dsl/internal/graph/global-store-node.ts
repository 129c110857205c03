import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import type { ProcessorSupplier } from '../../../processor-api/processor.js'
import type { Consumed } from '../../options/consumed.js'
import { GraphNode } from './graph-node.js'

/** A global store the user added with `StreamsBuilder.addGlobalStore` (Kafka's `GlobalStoreNode`). */
export class GlobalStoreNode extends GraphNode {
  constructor(
    readonly storeBuilder: StoreBuilder<StateStore>,
    readonly sourceName: string,
    readonly topic: string,
    readonly consumed: Consumed<unknown, unknown>,
    readonly processorName: string,
    readonly stateUpdateSupplier: ProcessorSupplier<unknown, unknown, never, never>,
  ) {
    super(storeBuilder.name)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    this.storeBuilder.withLoggingDisabled()
    builder.addGlobalStore(
      this.storeBuilder,
      this.sourceName,
      this.topic,
      { keySerde: this.consumed.keySerde, valueSerde: this.consumed.valueSerde, timestampExtractor: this.consumed.timestampExtractor },
      this.processorName,
      this.stateUpdateSupplier as ProcessorSupplier<unknown, unknown, unknown, unknown>,
    )
  }
}
