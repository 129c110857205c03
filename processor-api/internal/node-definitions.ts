/**
 * What the internal topology builder records for each node and store (Kafka's node and store
 * factories). Read by the model builder and the describer; never exposed publicly.
 */
import type { Deserializer, Serializer } from '../serde/serde.js'
import type { ProcessorSupplier } from '../processor.js'
import type { LogConfig, StateStore, StoreBuilder } from '../state-store.js'
import type { OffsetReset, StreamPartitioner, TimestampExtractor, TopicNameExtractor } from '../topology-options.js'

/** A source node: reads named topics or every topic matching a pattern. */
export interface SourceNodeDefinition {
  readonly kind: 'source'
  readonly name: string
  /** Raw (undecorated) topic names; empty when `pattern` is set. */
  readonly topics: readonly string[]
  readonly pattern: RegExp | null
  readonly keyDeserializer: Deserializer<unknown> | null
  readonly valueDeserializer: Deserializer<unknown> | null
  readonly timestampExtractor: TimestampExtractor | null
  readonly offsetReset: OffsetReset | null
}

/** A processor node and the stores connected to it (in connection order). */
export interface ProcessorNodeDefinition {
  readonly kind: 'processor'
  readonly name: string
  readonly predecessors: readonly string[]
  readonly supplier: ProcessorSupplier<unknown, unknown, unknown, unknown>
  readonly stores: Set<string>
}

/** A sink node writing to a raw topic name or to the topic an extractor picks per record. */
export interface SinkNodeDefinition {
  readonly kind: 'sink'
  readonly name: string
  readonly predecessors: readonly string[]
  readonly topic: string | TopicNameExtractor<unknown, unknown>
  readonly keySerializer: Serializer<unknown> | null
  readonly valueSerializer: Serializer<unknown> | null
  readonly partitioner: StreamPartitioner<unknown, unknown> | null
}

/** Any node definition. */
export type NodeDefinition = SourceNodeDefinition | ProcessorNodeDefinition | SinkNodeDefinition

/** A (non-global) store: its builder and the processors connected to it, in connection order. */
export interface StoreDefinition {
  readonly builder: StoreBuilder<StateStore>
  readonly users: string[]
  /** Changelog topic settings set through the builder API, merged over `builder.logConfig`. */
  changelogConfig: LogConfig | null
}

/** A global store and the source/processor pair that keeps it up to date. */
export interface GlobalStoreDefinition {
  readonly builder: StoreBuilder<StateStore>
  readonly sourceName: string
  readonly processorName: string
  /** Raw topic name. */
  readonly topic: string
}

/** A topic the application owns (repartition topics), named without the application-id prefix. */
export interface InternalTopicProperties {
  readonly partitions: number | null
  readonly config: { readonly [key: string]: string }
}
