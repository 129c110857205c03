/**
 * Kafka's built-in timestamp extractors. Each returns the timestamp the engine orders and stamps a
 * record with; a negative result makes the task skip the record (with a warning).
 */
import type { TimestampExtractor } from '../../../processor-api/topology-options.js'
import { InvalidTimestampError } from '../errors.js'

/**
 * The default (Kafka's `FailOnInvalidTimestamp`): the record's own timestamp.
 * @throws InvalidTimestampError when that timestamp is negative.
 */
export const failOnInvalidTimestamp: TimestampExtractor = (record) => {
  const ts = record.timestamp
  if (ts < 0) {
    throw new InvalidTimestampError({ topic: record.topic, partition: record.partition, offset: record.offset, timestamp: ts })
  }
  return ts
}

/** Kafka's `LogAndSkipOnInvalidTimestamp`: the record's own timestamp; a negative one makes the task log and skip the record. */
export const logAndSkipOnInvalidTimestamp: TimestampExtractor = (record) => record.timestamp

/**
 * Kafka's `UsePartitionTimeOnInvalidTimestamp`: the record's own timestamp, or the partition's
 * time (largest timestamp seen on it) when the record's is negative.
 * @throws InvalidTimestampError when both are negative (no valid record seen yet).
 */
export const usePartitionTimeOnInvalidTimestamp: TimestampExtractor = (record, partitionTime) => {
  const ts = record.timestamp
  if (ts >= 0) return ts
  if (partitionTime < 0) {
    throw new InvalidTimestampError({ topic: record.topic, partition: record.partition, offset: record.offset, timestamp: ts })
  }
  return partitionTime
}
