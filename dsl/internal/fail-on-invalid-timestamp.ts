import type { TimestampExtractor } from '../../processor-api/topology-options.js'
import { StreamsError } from '../../processor-api/errors.js'

/**
 * Uses the record's own timestamp and fails on a negative one (Kafka's `FailOnInvalidTimestamp`):
 * the extractor of repartition topics, whatever the application's default is.
 */
export const failOnInvalidTimestamp: TimestampExtractor = (record) => {
  if (record.timestamp < 0) {
    throw new StreamsError(
      'KS_ERR_INVALID_TIMESTAMP',
      `Input record on topic ${record.topic} partition ${record.partition} offset ${record.offset} has invalid (negative) timestamp ${record.timestamp}`,
    )
  }
  return record.timestamp
}
