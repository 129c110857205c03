import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import { GraphNode } from './graph-node.js'

/** A store the user added with `StreamsBuilder.addStateStore` (Kafka's `StateStoreNode`). */
export class StateStoreNode extends GraphNode {
  constructor(readonly storeBuilder: StoreBuilder<StateStore>) {
    super(storeBuilder.name)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    builder.addStateStore(this.storeBuilder, [])
  }
}
