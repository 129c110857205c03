/**
 * Produce (API key 0), versions 0-7. Field layouts follow apache/kafka 3.8
 * `ProduceRequest.json` / `ProduceResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * ProduceRequest v0-v2 => acks:INT16 timeout_ms:INT32 [topic_data]
 *   topic_data => name:STRING [partition_data]
 *     partition_data => index:INT32 records:RECORDS
 * ProduceRequest v3-v7 => transactional_id:NULLABLE_STRING acks:INT16 timeout_ms:INT32 [topic_data]
 *   topic_data => name:STRING [partition_data]
 *     partition_data => index:INT32 records:RECORDS
 * ProduceResponse v0 => [responses]
 *   responses => name:STRING [partition_responses]
 *     partition_responses => index:INT32 error_code:INT16 base_offset:INT64
 * ProduceResponse v1 => [responses] throttle_time_ms:INT32
 *   responses => name:STRING [partition_responses]
 *     partition_responses => index:INT32 error_code:INT16 base_offset:INT64
 * ProduceResponse v2-v4 => [responses] throttle_time_ms:INT32
 *   responses => name:STRING [partition_responses]
 *     partition_responses => index:INT32 error_code:INT16 base_offset:INT64 log_append_time_ms:INT64
 * ProduceResponse v5-v7 => [responses] throttle_time_ms:INT32
 *   responses => name:STRING [partition_responses]
 *     partition_responses => index:INT32 error_code:INT16 base_offset:INT64 log_append_time_ms:INT64 log_start_offset:INT64
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of ProduceRequest (nested struct). */
export interface ProduceRequestPartitionProduceData {
  /** The partition index. */
  readonly index: number
  /** The record data to be produced. */
  readonly records: Buffer | null
}

/** Element of ProduceRequest (nested struct). */
export interface ProduceRequestTopicProduceData {
  /** The topic name. */
  readonly name: string
  /** Each partition to produce to. */
  readonly partitionData: ProduceRequestPartitionProduceData[]
}

/** Produce request body (all versions 0-7; fields absent from a version hold their defaults). */
export interface ProduceRequest {
  /** The transactional ID, or null if the producer is not transactional. (v3+; default null) */
  readonly transactionalId: string | null
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. */
  readonly acks: number
  /** The timeout to await a response in milliseconds. */
  readonly timeoutMs: number
  /** Each topic to produce to. */
  readonly topicData: ProduceRequestTopicProduceData[]
}

/** Schema of the Produce request body, versions 0-7. */
export const ProduceRequestSchema = defineMessage<ProduceRequest>({
  name: 'ProduceRequest',
  apiKey: 0,
  type: 'request',
  validVersions: '0-7',
  flexibleVersions: '9+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    { name: 'acks', type: 'int16', versions: '0+' },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
    { name: 'topicData', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitionData', type: '[]struct', versions: '0+', fields: [
        { name: 'index', type: 'int32', versions: '0+' },
        { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
})

/** Element of ProduceResponse (nested struct). */
export interface ProduceResponsePartitionProduceResponse {
  /** The partition index. */
  readonly index: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The base offset. */
  readonly baseOffset: bigint
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1.  If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. (v2+; default -1) */
  readonly logAppendTimeMs: bigint
  /** The log start offset. (v5+; default -1) */
  readonly logStartOffset: bigint
}

/** Element of ProduceResponse (nested struct). */
export interface ProduceResponseTopicProduceResponse {
  /** The topic name */
  readonly name: string
  /** Each partition that we produced to within the topic. */
  readonly partitionResponses: ProduceResponsePartitionProduceResponse[]
}

/** Produce response body (all versions 0-7; fields absent from a version hold their defaults). */
export interface ProduceResponse {
  /** Each produce response */
  readonly responses: ProduceResponseTopicProduceResponse[]
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+; default 0) */
  readonly throttleTimeMs: number
}

/** Schema of the Produce response body, versions 0-7. */
export const ProduceResponseSchema = defineMessage<ProduceResponse>({
  name: 'ProduceResponse',
  apiKey: 0,
  type: 'response',
  validVersions: '0-7',
  flexibleVersions: '9+',
  fields: [
    { name: 'responses', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitionResponses', type: '[]struct', versions: '0+', fields: [
        { name: 'index', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'baseOffset', type: 'int64', versions: '0+' },
        { name: 'logAppendTimeMs', type: 'int64', versions: '2+', default: -1 },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
      ] },
    ] },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', default: 0 },
  ],
})
