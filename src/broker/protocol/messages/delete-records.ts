/**
 * DeleteRecords (API key 21), versions 0-1. Field layouts follow apache/kafka 3.8
 * `DeleteRecordsRequest.json` / `DeleteRecordsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * DeleteRecordsRequest v0-v1 => [topics] timeout_ms:INT32
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 offset:INT64
 * DeleteRecordsResponse v0-v1 => throttle_time_ms:INT32 [topics]
 *   topics => name:STRING [partitions]
 *     partitions => partition_index:INT32 low_watermark:INT64 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of DeleteRecordsRequest (nested struct). */
export interface DeleteRecordsPartition {
  /** The partition index. */
  readonly partitionIndex: number
  /** The deletion offset. */
  readonly offset: bigint
}

/** Element of DeleteRecordsRequest (nested struct). */
export interface DeleteRecordsTopic {
  /** The topic name. */
  readonly name: string
  /** Each partition that we want to delete records from. */
  readonly partitions: DeleteRecordsPartition[]
}

/** DeleteRecords request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. */
  readonly topics: DeleteRecordsTopic[]
  /** How long to wait for the deletion to complete, in milliseconds. */
  readonly timeoutMs: number
}

/** Schema of the DeleteRecords request body, versions 0-1. */
export const DeleteRecordsRequestSchema = defineMessage<DeleteRecordsRequest>({
  name: 'DeleteRecordsRequest',
  apiKey: 21,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'offset', type: 'int64', versions: '0+' },
      ] },
    ] },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
  ],
})

/** Element of DeleteRecordsResponse (nested struct). */
export interface DeleteRecordsPartitionResult {
  /** The partition index. */
  readonly partitionIndex: number
  /** The partition low water mark. */
  readonly lowWatermark: bigint
  /** The deletion error code, or 0 if the deletion succeeded. */
  readonly errorCode: number
}

/** Element of DeleteRecordsResponse (nested struct). */
export interface DeleteRecordsTopicResult {
  /** The topic name. */
  readonly name: string
  /** Each partition that we wanted to delete records from. */
  readonly partitions: DeleteRecordsPartitionResult[]
}

/** DeleteRecords response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteRecordsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** Each topic that we wanted to delete records from. */
  readonly topics: DeleteRecordsTopicResult[]
}

/** Schema of the DeleteRecords response body, versions 0-1. */
export const DeleteRecordsResponseSchema = defineMessage<DeleteRecordsResponse>({
  name: 'DeleteRecordsResponse',
  apiKey: 21,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'lowWatermark', type: 'int64', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
})
