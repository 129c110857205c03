/**
 * TxnOffsetCommit (API key 28), versions 0-1. Field layouts follow apache/kafka 3.8
 * `TxnOffsetCommitRequest.json` / `TxnOffsetCommitResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * TxnOffsetCommitRequest v0-v1 => transactional_id:STRING group_id:STRING producer_id:INT64 producer_epoch:INT16 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 committed_metadata:NULLABLE_STRING
 * TxnOffsetCommitResponse v0-v1 => throttle_time_ms:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of TxnOffsetCommitRequest (nested struct). */
export interface TxnOffsetCommitRequestPartition {
  /** The index of the partition within the topic. */
  readonly partitionIndex: number
  /** The message offset to be committed. */
  readonly committedOffset: bigint
  /** Any associated metadata the client wants to keep. */
  readonly committedMetadata: string | null
}

/** Element of TxnOffsetCommitRequest (nested struct). */
export interface TxnOffsetCommitRequestTopic {
  /** The topic name. */
  readonly name: string
  /** The partitions inside the topic that we want to commit offsets for. */
  readonly partitions: TxnOffsetCommitRequestPartition[]
}

/** TxnOffsetCommit request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface TxnOffsetCommitRequest {
  /** The ID of the transaction. */
  readonly transactionalId: string
  /** The ID of the group. */
  readonly groupId: string
  /** The current producer ID in use by the transactional ID. */
  readonly producerId: bigint
  /** The current epoch associated with the producer ID. */
  readonly producerEpoch: number
  /** Each topic that we want to commit offsets for. */
  readonly topics: TxnOffsetCommitRequestTopic[]
}

/** Schema of the TxnOffsetCommit request body, versions 0-1. */
export const TxnOffsetCommitRequestSchema = defineMessage<TxnOffsetCommitRequest>({
  name: 'TxnOffsetCommitRequest',
  apiKey: 28,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '0+' },
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+' },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'committedOffset', type: 'int64', versions: '0+' },
        { name: 'committedMetadata', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
})

/** Element of TxnOffsetCommitResponse (nested struct). */
export interface TxnOffsetCommitResponsePartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Element of TxnOffsetCommitResponse (nested struct). */
export interface TxnOffsetCommitResponseTopic {
  /** The topic name. */
  readonly name: string
  /** The responses for each partition in the topic. */
  readonly partitions: TxnOffsetCommitResponsePartition[]
}

/** TxnOffsetCommit response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface TxnOffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The responses for each topic. */
  readonly topics: TxnOffsetCommitResponseTopic[]
}

/** Schema of the TxnOffsetCommit response body, versions 0-1. */
export const TxnOffsetCommitResponseSchema = defineMessage<TxnOffsetCommitResponse>({
  name: 'TxnOffsetCommitResponse',
  apiKey: 28,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
})
