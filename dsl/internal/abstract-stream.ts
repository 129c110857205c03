import type { Serde } from '../../processor-api/serde/serde.js'
import type { GraphNode } from './graph/graph-node.js'
import type { InternalStreamsBuilder } from './internal-streams-builder.js'

/** What every KStream/KTable/grouped implementation carries (Kafka's `AbstractStream`). */
export interface StreamState<K, V> {
  /** The name of the processor (or source) whose output this object represents. */
  readonly name: string
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  /** The source nodes of this sub-topology (for co-partitioning). */
  readonly subTopologySourceNodes: ReadonlySet<string>
  readonly graphNode: GraphNode
  readonly builder: InternalStreamsBuilder
}

/** Base of the DSL implementations: the shared state plus co-partitioning. */
export abstract class AbstractStream<K, V> implements StreamState<K, V> {
  readonly name: string
  readonly keySerde: Serde<K> | undefined
  readonly valueSerde: Serde<V> | undefined
  readonly subTopologySourceNodes: ReadonlySet<string>
  readonly graphNode: GraphNode
  readonly builder: InternalStreamsBuilder

  constructor(state: StreamState<K, V>) {
    this.name = state.name
    this.keySerde = state.keySerde
    this.valueSerde = state.valueSerde
    this.subTopologySourceNodes = state.subTopologySourceNodes
    this.graphNode = state.graphNode
    this.builder = state.builder
  }

  /** Records that this and the other streams' sources must be co-partitioned; returns all sources. */
  ensureCopartitionWith(others: readonly StreamState<K, unknown>[]): Set<string> {
    const all = new Set(this.subTopologySourceNodes)
    for (const other of others) for (const s of other.subTopologySourceNodes) all.add(s)
    this.builder.internalTopologyBuilder.copartitionSources([...all])
    return all
  }
}
