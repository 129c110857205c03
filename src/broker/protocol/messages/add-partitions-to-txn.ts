/**
 * AddPartitionsToTxn (API key 24), versions 0-1. Field layouts follow apache/kafka 3.8
 * `AddPartitionsToTxnRequest.json` / `AddPartitionsToTxnResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * AddPartitionsToTxnRequest v0-v1 => v3_and_below_transactional_id:STRING v3_and_below_producer_id:INT64 v3_and_below_producer_epoch:INT16 [v3_and_below_topics]
 *   v3_and_below_topics => name:STRING partitions:ARRAY(INT32)
 * AddPartitionsToTxnResponse v0-v1 => throttle_time_ms:INT32 [results_by_topic_v3_and_below]
 *   results_by_topic_v3_and_below => name:STRING [results_by_partition]
 *     results_by_partition => partition_index:INT32 partition_error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of AddPartitionsToTxnRequest (nested struct). */
export interface AddPartitionsToTxnTopic {
  /** The name of the topic. */
  readonly name: string
  /** The partition indexes to add to the transaction */
  readonly partitions: number[]
}

/** AddPartitionsToTxn request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AddPartitionsToTxnRequest {
  /** The transactional id corresponding to the transaction. */
  readonly v3AndBelowTransactionalId: string
  /** Current producer id in use by the transactional id. */
  readonly v3AndBelowProducerId: bigint
  /** Current epoch associated with the producer id. */
  readonly v3AndBelowProducerEpoch: number
  /** The partitions to add to the transaction. */
  readonly v3AndBelowTopics: AddPartitionsToTxnTopic[]
}

/** Schema of the AddPartitionsToTxn request body, versions 0-1. */
export const AddPartitionsToTxnRequestSchema = defineMessage<AddPartitionsToTxnRequest>({
  name: 'AddPartitionsToTxnRequest',
  apiKey: 24,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'v3AndBelowTransactionalId', type: 'string', versions: '0-3' },
    { name: 'v3AndBelowProducerId', type: 'int64', versions: '0-3' },
    { name: 'v3AndBelowProducerEpoch', type: 'int16', versions: '0-3' },
    { name: 'v3AndBelowTopics', type: '[]struct', versions: '0-3', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]int32', versions: '0+' },
    ] },
  ],
})

/** Element of AddPartitionsToTxnResponse (nested struct). */
export interface AddPartitionsToTxnPartitionResult {
  /** The partition indexes. */
  readonly partitionIndex: number
  /** The response error code. */
  readonly partitionErrorCode: number
}

/** Element of AddPartitionsToTxnResponse (nested struct). */
export interface AddPartitionsToTxnTopicResult {
  /** The topic name. */
  readonly name: string
  /** The results for each partition */
  readonly resultsByPartition: AddPartitionsToTxnPartitionResult[]
}

/** AddPartitionsToTxn response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AddPartitionsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The results for each topic. */
  readonly resultsByTopicV3AndBelow: AddPartitionsToTxnTopicResult[]
}

/** Schema of the AddPartitionsToTxn response body, versions 0-1. */
export const AddPartitionsToTxnResponseSchema = defineMessage<AddPartitionsToTxnResponse>({
  name: 'AddPartitionsToTxnResponse',
  apiKey: 24,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'resultsByTopicV3AndBelow', type: '[]struct', versions: '0-3', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'resultsByPartition', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'partitionErrorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
})
