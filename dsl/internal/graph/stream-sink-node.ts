import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import type { StreamPartitioner, TopicNameExtractor } from '../../../processor-api/topology-options.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { windowedPartitionerFor } from '../serdes/windowed-stream-partitioner.js'
import { GraphNode } from './graph-node.js'

/** A `KStream.to(...)` sink (Kafka's `StreamSinkNode`). */
export class StreamSinkNode extends GraphNode {
  constructor(
    nodeName: string,
    readonly topic: string | TopicNameExtractor<unknown, unknown>,
    readonly keySerde: Serde<unknown> | undefined,
    readonly valueSerde: Serde<unknown> | undefined,
    readonly partitioner: StreamPartitioner<unknown, unknown> | undefined,
  ) {
    super(nodeName)
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    // A windowed key is partitioned by its inner key (Kafka's WindowedStreamPartitioner).
    const partitioner = this.partitioner ?? windowedPartitionerFor(this.keySerde)
    builder.addSink(
      this.nodeName,
      this.topic,
      { keySerde: this.keySerde, valueSerde: this.valueSerde, partitioner },
      this.parentNodeNames(),
    )
  }
}
