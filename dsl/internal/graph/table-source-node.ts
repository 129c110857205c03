import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { Consumed } from '../../options/consumed.js'
import type { StoreFactory } from '../store-factory.js'
import { toTopologySupplier, type ProcessorParameters } from './processor-parameters.js'
import { GraphNode } from './graph-node.js'

/**
 * The source of `builder.table(...)` or `globalTable(...)` (Kafka's `TableSourceNode`): a source
 * node plus the KTABLE-SOURCE processor and, when materialized, its store. Global tables become a
 * global store instead.
 */
export class TableSourceNode extends GraphNode {
  /** Set by the source-topic optimisation: restore from the input topic, no changelog. */
  reuseSourceTopicForChangelog = false

  constructor(
    nodeName: string,
    readonly sourceName: string,
    readonly topic: string,
    readonly consumed: Consumed<unknown, unknown>,
    readonly storeFactory: StoreFactory,
    readonly processorParameters: ProcessorParameters,
    readonly isGlobalKTable: boolean,
    private readonly isMaterialized: () => boolean,
  ) {
    super(nodeName)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const sourceOptions = {
      keySerde: this.consumed.keySerde,
      valueSerde: this.consumed.valueSerde,
      timestampExtractor: this.consumed.timestampExtractor,
    }
    const processorName = this.processorParameters.processorName
    if (this.isGlobalKTable) {
      builder.addGlobalStore(
        this.storeFactory.builder(),
        this.sourceName,
        this.topic,
        sourceOptions,
        processorName,
        toTopologySupplier(this.processorParameters.supplier),
      )
      return
    }
    builder.addSource(this.sourceName, this.topic, { ...sourceOptions, offsetReset: this.consumed.offsetResetPolicy })
    this.processorParameters.addProcessorTo(builder, [this.sourceName])
    if (this.isMaterialized()) {
      if (this.reuseSourceTopicForChangelog) this.storeFactory.withLoggingDisabled()
      builder.addStateStore(this.storeFactory.builder(), [this.nodeName])
      if (this.reuseSourceTopicForChangelog) builder.connectSourceStoreAndTopic(this.storeFactory.name, this.topic)
    }
  }
}
