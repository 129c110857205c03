import type { Record } from './record.js'
import type { RecordMetadata } from './record-metadata.js'
import type { Deserializer, Serializer, Serde } from './serde/serde.js'

/** Where a source starts when the group has no committed offset. */
export type OffsetReset = 'earliest' | 'latest'

/** Picks a record's timestamp from the consumed record (Kafka's `TimestampExtractor`). */
export type TimestampExtractor = (
  record: { key: unknown; value: unknown; timestamp: number; topic: string; partition: number; offset: number },
  partitionTime: number,
) => number

/** Chooses the topic a sink writes each record to (Kafka's `TopicNameExtractor`). */
export type TopicNameExtractor<K, V> = (key: K, value: V, context: RecordContext) => string

/**
 * Chooses the partition of an output record: a partition number; several (an array, Kafka's
 * multicast `partitions()`: the record goes to each, duplicates once; an empty array drops it);
 * or null/undefined for the default partitioner.
 */
export type StreamPartitioner<K, V> = (topic: string, key: K, value: V, numPartitions: number) => number | readonly number[] | null | undefined

/** Metadata of the record that caused an output. */
export interface RecordContext extends Partial<RecordMetadata> {
  readonly timestamp: number
  readonly headers: Record<unknown, unknown>['headers']
}

export interface SourceOptions<K = unknown, V = unknown> {
  keySerde?: Serde<K>
  valueSerde?: Serde<V>
  keyDeserializer?: Deserializer<K>
  valueDeserializer?: Deserializer<V>
  timestampExtractor?: TimestampExtractor
  offsetReset?: OffsetReset
}

export interface SinkOptions<K = unknown, V = unknown> {
  keySerde?: Serde<K>
  valueSerde?: Serde<V>
  keySerializer?: Serializer<K>
  valueSerializer?: Serializer<V>
  partitioner?: StreamPartitioner<K, V>
}
