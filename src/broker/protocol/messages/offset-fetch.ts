/**
 * OffsetFetch (API key 9), versions 0-4. Field layouts follow apache/kafka 3.8
 * `OffsetFetchRequest.json` / `OffsetFetchResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * OffsetFetchRequest v0-v1 => group_id:STRING [topics]
 *   topics => name:STRING partition_indexes:ARRAY(INT32)
 * OffsetFetchRequest v2-v4 => group_id:STRING [topics]?
 *   topics => name:STRING partition_indexes:ARRAY(INT32)
 * OffsetFetchResponse v0-v1 => [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 metadata:NULLABLE_STRING error_code:INT16
 * OffsetFetchResponse v2 => [topics] error_code:INT16
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 metadata:NULLABLE_STRING error_code:INT16
 * OffsetFetchResponse v3-v4 => throttle_time_ms:INT32 [topics] error_code:INT16
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 committed_offset:INT64 metadata:NULLABLE_STRING error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of OffsetFetchRequest (nested struct). */
export interface OffsetFetchRequestTopic {
  /** The topic name. */
  readonly name: string
  /** The partition indexes we would like to fetch offsets for. */
  readonly partitionIndexes: number[]
}

/** OffsetFetch request body (all versions 0-4; fields absent from a version hold their defaults). */
export interface OffsetFetchRequest {
  /** The group to fetch offsets for. */
  readonly groupId: string
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  readonly topics: OffsetFetchRequestTopic[] | null
}

/** Schema of the OffsetFetch request body, versions 0-4. */
export const OffsetFetchRequestSchema = defineMessage<OffsetFetchRequest>({
  name: 'OffsetFetchRequest',
  apiKey: 9,
  type: 'request',
  validVersions: '0-4',
  flexibleVersions: '6+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0-7' },
    { name: 'topics', type: '[]struct', versions: '0-7', nullableVersions: '2-7', fields: [
      { name: 'name', type: 'string', versions: '0-7' },
      { name: 'partitionIndexes', type: '[]int32', versions: '0-7' },
    ] },
  ],
})

/** Element of OffsetFetchResponse (nested struct). */
export interface OffsetFetchResponsePartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The committed message offset. */
  readonly committedOffset: bigint
  /** The partition metadata. */
  readonly metadata: string | null
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Element of OffsetFetchResponse (nested struct). */
export interface OffsetFetchResponseTopic {
  /** The topic name. */
  readonly name: string
  /** The responses per partition */
  readonly partitions: OffsetFetchResponsePartition[]
}

/** OffsetFetch response body (all versions 0-4; fields absent from a version hold their defaults). */
export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v3+) */
  readonly throttleTimeMs: number
  /** The responses per topic. */
  readonly topics: OffsetFetchResponseTopic[]
  /** The top-level error code, or 0 if there was no error. (v2+; default 0) */
  readonly errorCode: number
}

/** Schema of the OffsetFetch response body, versions 0-4. */
export const OffsetFetchResponseSchema = defineMessage<OffsetFetchResponse>({
  name: 'OffsetFetchResponse',
  apiKey: 9,
  type: 'response',
  validVersions: '0-4',
  flexibleVersions: '6+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
    { name: 'topics', type: '[]struct', versions: '0-7', fields: [
      { name: 'name', type: 'string', versions: '0-7' },
      { name: 'partitions', type: '[]struct', versions: '0-7', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0-7' },
        { name: 'committedOffset', type: 'int64', versions: '0-7' },
        { name: 'metadata', type: 'string', versions: '0-7', nullableVersions: '0-7' },
        { name: 'errorCode', type: 'int16', versions: '0-7' },
      ] },
    ] },
    { name: 'errorCode', type: 'int16', versions: '2-7', default: 0 },
  ],
})
