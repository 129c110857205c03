/**
 * ListOffsets (API key 2), versions 0-3. Field layouts follow apache/kafka 3.8
 * `ListOffsetsRequest.json` / `ListOffsetsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * ListOffsetsRequest v0 => replica_id:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 timestamp:INT64 max_num_offsets:INT32
 * ListOffsetsRequest v1 => replica_id:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 timestamp:INT64
 * ListOffsetsRequest v2-v3 => replica_id:INT32 isolation_level:INT8 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 timestamp:INT64
 * ListOffsetsResponse v0 => [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 old_style_offsets:ARRAY(INT64)
 * ListOffsetsResponse v1 => [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 timestamp:INT64 offset:INT64
 * ListOffsetsResponse v2-v3 => throttle_time_ms:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 timestamp:INT64 offset:INT64
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of ListOffsetsRequest (nested struct). */
export interface ListOffsetsPartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The current timestamp. */
  readonly timestamp: bigint
  /** The maximum number of offsets to report. (v0-0; default 1) */
  readonly maxNumOffsets: number
}

/** Element of ListOffsetsRequest (nested struct). */
export interface ListOffsetsTopic {
  /** The topic name. */
  readonly name: string
  /** Each partition in the request. */
  readonly partitions: ListOffsetsPartition[]
}

/** ListOffsets request body (all versions 0-3; fields absent from a version hold their defaults). */
export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. */
  readonly replicaId: number
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records (v2+) */
  readonly isolationLevel: number
  /** Each topic in the request. */
  readonly topics: ListOffsetsTopic[]
}

/** Schema of the ListOffsets request body, versions 0-3. */
export const ListOffsetsRequestSchema = defineMessage<ListOffsetsRequest>({
  name: 'ListOffsetsRequest',
  apiKey: 2,
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '6+',
  fields: [
    { name: 'replicaId', type: 'int32', versions: '0+' },
    { name: 'isolationLevel', type: 'int8', versions: '2+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'timestamp', type: 'int64', versions: '0+' },
        { name: 'maxNumOffsets', type: 'int32', versions: '0', default: 1 },
      ] },
    ] },
  ],
})

/** Element of ListOffsetsResponse (nested struct). */
export interface ListOffsetsPartitionResponse {
  /** The partition index. */
  readonly partitionIndex: number
  /** The partition error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The result offsets. (v0-0) */
  readonly oldStyleOffsets: bigint[]
  /** The timestamp associated with the returned offset. (v1+; default -1) */
  readonly timestamp: bigint
  /** The returned offset. (v1+; default -1) */
  readonly offset: bigint
}

/** Element of ListOffsetsResponse (nested struct). */
export interface ListOffsetsTopicResponse {
  /** The topic name */
  readonly name: string
  /** Each partition in the response. */
  readonly partitions: ListOffsetsPartitionResponse[]
}

/** ListOffsets response body (all versions 0-3; fields absent from a version hold their defaults). */
export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v2+) */
  readonly throttleTimeMs: number
  /** Each topic in the response. */
  readonly topics: ListOffsetsTopicResponse[]
}

/** Schema of the ListOffsets response body, versions 0-3. */
export const ListOffsetsResponseSchema = defineMessage<ListOffsetsResponse>({
  name: 'ListOffsetsResponse',
  apiKey: 2,
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '6+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'oldStyleOffsets', type: '[]int64', versions: '0' },
        { name: 'timestamp', type: 'int64', versions: '1+', default: -1 },
        { name: 'offset', type: 'int64', versions: '1+', default: -1 },
      ] },
    ] },
  ],
})
