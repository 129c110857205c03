import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { StreamPartitioner } from '../../../processor-api/topology-options.js'
import { failOnInvalidTimestamp } from '../fail-on-invalid-timestamp.js'
import { GraphNode } from './graph-node.js'
import type { ProcessorParameters } from './processor-parameters.js'

/** Partition count and topic configs of a repartition topic (Kafka's `InternalTopicProperties`). */
export interface InternalTopicProperties {
  readonly partitions?: number | undefined
  readonly config?: { readonly [key: string]: string } | undefined
}

/**
 * The kinds of repartitioning: `optimizable` (inserted before a stateful operation; may be merged
 * by the optimizer), `unoptimizable` (`KStream.repartition`), `groupedTable` (KTable groupBy:
 * no filter processor, values are `Change`s).
 */
export type RepartitionKind = 'optimizable' | 'unoptimizable' | 'groupedTable'

/**
 * A repartition through an internal topic (Kafka's `BaseRepartitionNode` family): a filter
 * processor, a sink to `<name>-repartition`, and a source reading it back. The node's name is
 * the source's name, so downstream nodes attach to the source.
 */
export class RepartitionNode extends GraphNode {
  constructor(
    readonly kind: RepartitionKind,
    readonly sourceName: string,
    readonly sinkName: string,
    readonly repartitionTopic: string,
    public processorParameters: ProcessorParameters | null,
    readonly keySerde: Serde<unknown> | undefined,
    readonly valueSerde: Serde<unknown> | undefined,
    readonly partitioner: StreamPartitioner<unknown, unknown> | undefined,
    readonly topicProperties: InternalTopicProperties = {},
  ) {
    super(sourceName)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    builder.addInternalTopic(this.repartitionTopic, {
      ...(this.topicProperties.partitions !== undefined ? { partitions: this.topicProperties.partitions } : {}),
      ...(this.topicProperties.config !== undefined ? { config: this.topicProperties.config } : {}),
    })
    let sinkParents = this.parentNodeNames()
    if (this.processorParameters !== null) {
      this.processorParameters.addProcessorTo(builder, sinkParents)
      sinkParents = [this.processorParameters.processorName]
    }
    builder.addSink(
      this.sinkName,
      this.repartitionTopic,
      { keySerde: this.keySerde, valueSerde: this.valueSerde, partitioner: this.partitioner },
      sinkParents,
    )
    builder.addSource(this.sourceName, this.repartitionTopic, {
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
      timestampExtractor: failOnInvalidTimestamp,
    })
  }
}
