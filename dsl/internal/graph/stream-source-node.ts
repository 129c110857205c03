import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { Consumed } from '../../options/consumed.js'
import { GraphNode } from './graph-node.js'

/** A `builder.stream(...)` source (Kafka's `StreamSourceNode`): topics or a pattern. */
export class StreamSourceNode extends GraphNode {
  readonly topicNames: readonly string[] | null
  readonly topicPattern: RegExp | null
  readonly consumed: Consumed<unknown, unknown>

  constructor(nodeName: string, topics: readonly string[] | RegExp, consumed: Consumed<unknown, unknown>) {
    super(nodeName)
    this.topicNames = topics instanceof RegExp ? null : topics
    this.topicPattern = topics instanceof RegExp ? topics : null
    this.consumed = consumed
  }

  /** Takes over the children of a source reading the same topics (Kafka merges duplicate sources). */
  merge(other: StreamSourceNode): void {
    const reset = this.consumed.offsetResetPolicy
    const otherReset = other.consumed.offsetResetPolicy
    if (reset !== otherReset) {
      throw new TopologyError("Can't configure different offset reset policies on the same input topic(s)", { nodeName: other.nodeName })
    }
    for (const child of other.children()) {
      other.removeChild(child)
      this.addChild(child)
    }
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    builder.addSource(this.nodeName, this.topicPattern ?? this.topicNames ?? [], {
      keySerde: this.consumed.keySerde,
      valueSerde: this.consumed.valueSerde,
      timestampExtractor: this.consumed.timestampExtractor,
      offsetReset: this.consumed.offsetResetPolicy,
    })
  }
}
