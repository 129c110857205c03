/**
 * The resolved form of a Topology that the task engine runs (runtime and test driver alike).
 * Produced by `buildTopologyModel(topology, applicationId)` in ./build-topology-model.ts.
 * Topic names here are final: internal topics are already prefixed with the application id.
 */
import type { Deserializer, Serializer } from '../serde/serde.js'
import type { ProcessorSupplier } from '../processor.js'
import type { LogConfig, StoreBuilder, StateStore } from '../state-store.js'
import type { TimestampExtractor, TopicNameExtractor, StreamPartitioner, OffsetReset } from '../topology-options.js'

export interface SourceNodeModel {
  readonly kind: 'source'
  readonly name: string
  /** Final topic names (internal ones prefixed), or empty when `pattern` is set. */
  readonly topics: readonly string[]
  readonly pattern: RegExp | null
  /** Null: use the configured default serde. */
  readonly keyDeserializer: Deserializer<unknown> | null
  readonly valueDeserializer: Deserializer<unknown> | null
  readonly timestampExtractor: TimestampExtractor | null
  readonly offsetReset: OffsetReset | null
  readonly children: readonly string[]
}

export interface ProcessorNodeModel {
  readonly kind: 'processor'
  readonly name: string
  readonly supplier: ProcessorSupplier<unknown, unknown, unknown, unknown>
  readonly parents: readonly string[]
  readonly children: readonly string[]
  /** Names of the stores this processor may access. */
  readonly stores: readonly string[]
}

export interface SinkNodeModel {
  readonly kind: 'sink'
  readonly name: string
  /** A final topic name, or an extractor choosing one per record. */
  readonly topic: string | TopicNameExtractor<unknown, unknown>
  readonly keySerializer: Serializer<unknown> | null
  readonly valueSerializer: Serializer<unknown> | null
  readonly partitioner: StreamPartitioner<unknown, unknown> | null
  readonly parents: readonly string[]
}

export type NodeModel = SourceNodeModel | ProcessorNodeModel | SinkNodeModel

export interface StoreModel {
  readonly name: string
  readonly builder: StoreBuilder<StateStore>
  /** Final changelog topic (`<applicationId>-<store>-changelog`) or null when logging is off. */
  readonly changelogTopic: string | null
  /**
   * For a source KTable that reuses its input topic as changelog (Kafka's source-topic
   * optimisation), this is that topic; otherwise null.
   */
  readonly sourceChangelogTopic: string | null
  /** Changelog topic settings: the builder's `logConfig` overlaid with any set through the builder API. */
  readonly changelogConfig: LogConfig
}

export interface SubtopologyModel {
  readonly id: number
  /** Node names of this sub-topology, sources first, in the order they were added. */
  readonly nodes: readonly string[]
  /** Final topic names this sub-topology consumes (empty when it uses a pattern). */
  readonly sourceTopics: readonly string[]
  readonly sourcePatterns: readonly RegExp[]
  readonly stores: readonly string[]
  /** Final names of the topics sinks in this sub-topology write to (static topics only). */
  readonly sinkTopics: readonly string[]
}

export interface GlobalStoreModel {
  readonly store: StoreModel
  readonly sourceName: string
  readonly topic: string
  readonly processorName: string
}

/** An internal topic the runtime must create (repartition topics; changelogs are derived from stores). */
export interface InternalTopicModel {
  /** Final name, prefixed with the application id. */
  readonly name: string
  readonly kind: 'repartition'
  /** Fixed partition count (from `Repartitioned.withNumberOfPartitions`), or null to derive from sources. */
  readonly partitions: number | null
  readonly config: { readonly [key: string]: string }
}

export interface TopologyModel {
  readonly applicationId: string
  readonly nodes: ReadonlyMap<string, NodeModel>
  readonly subtopologies: readonly SubtopologyModel[]
  readonly stores: ReadonlyMap<string, StoreModel>
  readonly globalStores: readonly GlobalStoreModel[]
  readonly internalTopics: readonly InternalTopicModel[]
  /** Groups of final topic names that must have the same partition count (joins). */
  readonly copartitionGroups: readonly (readonly string[])[]
}
