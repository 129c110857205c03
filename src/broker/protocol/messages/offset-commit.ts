/**
 * OffsetCommit (API key 8), versions 0-5. Field layouts follow apache/kafka 3.8
 * `OffsetCommitRequest.json` / `OffsetCommitResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * OffsetCommitRequest v0 => group_id:STRING [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 committed_metadata:NULLABLE_STRING
 * OffsetCommitRequest v1 => group_id:STRING generation_id_or_member_epoch:INT32 member_id:STRING [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 commit_timestamp:INT64 committed_metadata:NULLABLE_STRING
 * OffsetCommitRequest v2-v4 => group_id:STRING generation_id_or_member_epoch:INT32 member_id:STRING retention_time_ms:INT64 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 committed_metadata:NULLABLE_STRING
 * OffsetCommitRequest v5 => group_id:STRING generation_id_or_member_epoch:INT32 member_id:STRING [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 committed_metadata:NULLABLE_STRING
 * OffsetCommitResponse v0-v2 => [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16
 * OffsetCommitResponse v3-v5 => throttle_time_ms:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of OffsetCommitRequest (nested struct). */
export interface OffsetCommitRequestPartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The message offset to be committed. */
  readonly committedOffset: bigint
  /** The timestamp of the commit. (v1-1; default -1) */
  readonly commitTimestamp: bigint
  /** Any associated metadata the client wants to keep. */
  readonly committedMetadata: string | null
}

/** Element of OffsetCommitRequest (nested struct). */
export interface OffsetCommitRequestTopic {
  /** The topic name. */
  readonly name: string
  /** Each partition to commit offsets for. */
  readonly partitions: OffsetCommitRequestPartition[]
}

/** OffsetCommit request body (all versions 0-5; fields absent from a version hold their defaults). */
export interface OffsetCommitRequest {
  /** The unique group identifier. */
  readonly groupId: string
  /** The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol. (v1+; default -1) */
  readonly generationIdOrMemberEpoch: number
  /** The member ID assigned by the group coordinator. (v1+) */
  readonly memberId: string
  /** The time period in ms to retain the offset. (v2-4; default -1) */
  readonly retentionTimeMs: bigint
  /** The topics to commit offsets for. */
  readonly topics: OffsetCommitRequestTopic[]
}

/** Schema of the OffsetCommit request body, versions 0-5. */
export const OffsetCommitRequestSchema = defineMessage<OffsetCommitRequest>({
  name: 'OffsetCommitRequest',
  apiKey: 8,
  type: 'request',
  validVersions: '0-5',
  flexibleVersions: '8+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationIdOrMemberEpoch', type: 'int32', versions: '1+', default: -1 },
    { name: 'memberId', type: 'string', versions: '1+' },
    { name: 'retentionTimeMs', type: 'int64', versions: '2-4', default: -1 },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'committedOffset', type: 'int64', versions: '0+' },
        { name: 'commitTimestamp', type: 'int64', versions: '1', default: -1 },
        { name: 'committedMetadata', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
})

/** Element of OffsetCommitResponse (nested struct). */
export interface OffsetCommitResponsePartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Element of OffsetCommitResponse (nested struct). */
export interface OffsetCommitResponseTopic {
  /** The topic name. */
  readonly name: string
  /** The responses for each partition in the topic. */
  readonly partitions: OffsetCommitResponsePartition[]
}

/** OffsetCommit response body (all versions 0-5; fields absent from a version hold their defaults). */
export interface OffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v3+) */
  readonly throttleTimeMs: number
  /** The responses for each topic. */
  readonly topics: OffsetCommitResponseTopic[]
}

/** Schema of the OffsetCommit response body, versions 0-5. */
export const OffsetCommitResponseSchema = defineMessage<OffsetCommitResponse>({
  name: 'OffsetCommitResponse',
  apiKey: 8,
  type: 'response',
  validVersions: '0-5',
  flexibleVersions: '8+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
})
