import type { TopicConfigOverrides } from '../log/topic-config.js'
import type { PartitionLookup } from './partition-lookup.js'

/** A topic as the admin and metadata handlers see it. */
export interface TopicInfo {
  readonly name: string
  readonly partitionCount: number
  /** Broker-internal topics (`__consumer_offsets`...). */
  readonly isInternal: boolean
}

/** The outcome of a topic operation, with Kafka's error code (0 = success) and message. */
export interface TopicOperationResult {
  readonly errorCode: number
  readonly errorMessage: string | null
}

/** Options of operations that support `validate_only`. */
export interface ValidateOnlyOption {
  /** Check everything, change nothing. */
  readonly validateOnly?: boolean
}

/**
 * Everything the topic-level handlers (Metadata, CreateTopics, DeleteTopics, CreatePartitions,
 * the config APIs) need from the log layer. `handlers/internal/log-manager-catalog.ts` adapts the
 * log's topic manager to it. Operations never throw for client mistakes: they answer Kafka codes
 * (INVALID_TOPIC_EXCEPTION, TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_CONFIG...).
 */
export interface TopicCatalog extends PartitionLookup {
  /** Every topic, sorted by name. */
  listTopics(): TopicInfo[]
  /** One topic, or undefined when it does not exist. */
  topic(name: string): TopicInfo | undefined
  /** Creates a topic with `partitions` partitions (-1 = the broker default) and config overrides. */
  createTopic(name: string, partitions: number, configs: TopicConfigOverrides, options?: ValidateOnlyOption): TopicOperationResult
  /** Deletes a topic and its data. */
  deleteTopic(name: string): TopicOperationResult
  /** Grows a topic to `totalCount` partitions. */
  createPartitions(name: string, totalCount: number, options?: ValidateOnlyOption): TopicOperationResult
  /** A topic's config overrides, or undefined when it does not exist. */
  topicConfigOverrides(name: string): TopicConfigOverrides | undefined
  /** Replaces a topic's config overrides with `overrides` (validated as a whole). */
  setTopicConfigOverrides(name: string, overrides: TopicConfigOverrides, options?: ValidateOnlyOption): TopicOperationResult
}
