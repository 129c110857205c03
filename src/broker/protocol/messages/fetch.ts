/**
 * Fetch (API key 1), versions 0-11. Field layouts follow apache/kafka 3.8
 * `FetchRequest.json` / `FetchResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * FetchRequest v0-v2 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 [topics]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 fetch_offset:INT64 partition_max_bytes:INT32
 * FetchRequest v3 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 [topics]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 fetch_offset:INT64 partition_max_bytes:INT32
 * FetchRequest v4 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 isolation_level:INT8 [topics]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 fetch_offset:INT64 partition_max_bytes:INT32
 * FetchRequest v5-v6 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 isolation_level:INT8 [topics]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 fetch_offset:INT64 log_start_offset:INT64 partition_max_bytes:INT32
 * FetchRequest v7-v8 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 isolation_level:INT8 session_id:INT32 session_epoch:INT32 [topics] [forgotten_topics_data]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 fetch_offset:INT64 log_start_offset:INT64 partition_max_bytes:INT32
 *   forgotten_topics_data => topic:STRING partitions:ARRAY(INT32)
 * FetchRequest v9-v10 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 isolation_level:INT8 session_id:INT32 session_epoch:INT32 [topics] [forgotten_topics_data]
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 current_leader_epoch:INT32 fetch_offset:INT64 log_start_offset:INT64 partition_max_bytes:INT32
 *   forgotten_topics_data => topic:STRING partitions:ARRAY(INT32)
 * FetchRequest v11 => replica_id:INT32 max_wait_ms:INT32 min_bytes:INT32 max_bytes:INT32 isolation_level:INT8 session_id:INT32 session_epoch:INT32 [topics] [forgotten_topics_data] rack_id:STRING
 *   topics => topic:STRING [partitions]
 *     partitions => partition:INT32 current_leader_epoch:INT32 fetch_offset:INT64 log_start_offset:INT64 partition_max_bytes:INT32
 *   forgotten_topics_data => topic:STRING partitions:ARRAY(INT32)
 * FetchResponse v0 => [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 records:RECORDS
 * FetchResponse v1-v3 => throttle_time_ms:INT32 [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 records:RECORDS
 * FetchResponse v4 => throttle_time_ms:INT32 [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 last_stable_offset:INT64 [aborted_transactions]? records:RECORDS
 *       aborted_transactions => producer_id:INT64 first_offset:INT64
 * FetchResponse v5-v6 => throttle_time_ms:INT32 [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 last_stable_offset:INT64 log_start_offset:INT64 [aborted_transactions]? records:RECORDS
 *       aborted_transactions => producer_id:INT64 first_offset:INT64
 * FetchResponse v7-v10 => throttle_time_ms:INT32 error_code:INT16 session_id:INT32 [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 last_stable_offset:INT64 log_start_offset:INT64 [aborted_transactions]? records:RECORDS
 *       aborted_transactions => producer_id:INT64 first_offset:INT64
 * FetchResponse v11 => throttle_time_ms:INT32 error_code:INT16 session_id:INT32 [responses]
 *   responses => topic:STRING [partitions]
 *     partitions => partition_index:INT32 error_code:INT16 high_watermark:INT64 last_stable_offset:INT64 log_start_offset:INT64 [aborted_transactions]? preferred_read_replica:INT32 records:RECORDS
 *       aborted_transactions => producer_id:INT64 first_offset:INT64
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of FetchRequest (nested struct). */
export interface FetchPartition {
  /** The partition index. */
  readonly partition: number
  /** The current leader epoch of the partition. (v9+; default -1) */
  readonly currentLeaderEpoch: number
  /** The message offset. */
  readonly fetchOffset: bigint
  /** The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower. (v5+; default -1) */
  readonly logStartOffset: bigint
  /** The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored. */
  readonly partitionMaxBytes: number
}

/** Element of FetchRequest (nested struct). */
export interface FetchTopic {
  /** The name of the topic to fetch. */
  readonly topic: string
  /** The partitions to fetch. */
  readonly partitions: FetchPartition[]
}

/** Element of FetchRequest (nested struct). */
export interface FetchRequestForgottenTopic {
  /** The topic name. (v7+) */
  readonly topic: string
  /** The partitions indexes to forget. (v7+) */
  readonly partitions: number[]
}

/** Fetch request body (all versions 0-11; fields absent from a version hold their defaults). */
export interface FetchRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  readonly replicaId: number
  /** The maximum time in milliseconds to wait for the response. */
  readonly maxWaitMs: number
  /** The minimum bytes to accumulate in the response. */
  readonly minBytes: number
  /** The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored. (v3+; default 0x7fffffff) */
  readonly maxBytes: number
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records (v4+; default 0) */
  readonly isolationLevel: number
  /** The fetch session ID. (v7+; default 0) */
  readonly sessionId: number
  /** The fetch session epoch, which is used for ordering requests in a session. (v7+; default -1) */
  readonly sessionEpoch: number
  /** The topics to fetch. */
  readonly topics: FetchTopic[]
  /** In an incremental fetch request, the partitions to remove. (v7+) */
  readonly forgottenTopicsData: FetchRequestForgottenTopic[]
  /** Rack ID of the consumer making this request (v11+; default '') */
  readonly rackId: string
}

/** Schema of the Fetch request body, versions 0-11. */
export const FetchRequestSchema = defineMessage<FetchRequest>({
  name: 'FetchRequest',
  apiKey: 1,
  type: 'request',
  validVersions: '0-11',
  flexibleVersions: '12+',
  fields: [
    { name: 'replicaId', type: 'int32', versions: '0-14', default: -1 },
    { name: 'maxWaitMs', type: 'int32', versions: '0+' },
    { name: 'minBytes', type: 'int32', versions: '0+' },
    { name: 'maxBytes', type: 'int32', versions: '3+', default: 2147483647 },
    { name: 'isolationLevel', type: 'int8', versions: '4+', default: 0 },
    { name: 'sessionId', type: 'int32', versions: '7+', default: 0 },
    { name: 'sessionEpoch', type: 'int32', versions: '7+', default: -1 },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0-12' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partition', type: 'int32', versions: '0+' },
        { name: 'currentLeaderEpoch', type: 'int32', versions: '9+', default: -1 },
        { name: 'fetchOffset', type: 'int64', versions: '0+' },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
        { name: 'partitionMaxBytes', type: 'int32', versions: '0+' },
      ] },
    ] },
    { name: 'forgottenTopicsData', type: '[]struct', versions: '7+', fields: [
      { name: 'topic', type: 'string', versions: '7-12' },
      { name: 'partitions', type: '[]int32', versions: '7+' },
    ] },
    { name: 'rackId', type: 'string', versions: '11+', default: '' },
  ],
})

/** Element of FetchResponse (nested struct). */
export interface FetchResponseAbortedTransaction {
  /** The producer id associated with the aborted transaction. (v4+) */
  readonly producerId: bigint
  /** The first offset in the aborted transaction. (v4+) */
  readonly firstOffset: bigint
}

/** Element of FetchResponse (nested struct). */
export interface FetchResponsePartitionData {
  /** The partition index. */
  readonly partitionIndex: number
  /** The error code, or 0 if there was no fetch error. */
  readonly errorCode: number
  /** The current high water mark. */
  readonly highWatermark: bigint
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED) (v4+; default -1) */
  readonly lastStableOffset: bigint
  /** The current log start offset. (v5+; default -1) */
  readonly logStartOffset: bigint
  /** The aborted transactions. (v4+) */
  readonly abortedTransactions: FetchResponseAbortedTransaction[] | null
  /** The preferred read replica for the consumer to use on its next fetch request (v11+; default -1) */
  readonly preferredReadReplica: number
  /** The record data: whole v2 batches (on encode, one Buffer or a list written back to back; default empty). */
  readonly records: Buffer | null
}

/** Element of FetchResponse (nested struct). */
export interface FetchableTopicResponse {
  /** The topic name. */
  readonly topic: string
  /** The topic partitions. */
  readonly partitions: FetchResponsePartitionData[]
}

/** Fetch response body (all versions 0-11; fields absent from a version hold their defaults). */
export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The top level response error code. (v7+) */
  readonly errorCode: number
  /** The fetch session ID, or 0 if this is not part of a fetch session. (v7+; default 0) */
  readonly sessionId: number
  /** The response topics. */
  readonly responses: FetchableTopicResponse[]
}

/** Schema of the Fetch response body, versions 0-11. */
export const FetchResponseSchema = defineMessage<FetchResponse>({
  name: 'FetchResponse',
  apiKey: 1,
  type: 'response',
  validVersions: '0-11',
  flexibleVersions: '12+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '7+' },
    { name: 'sessionId', type: 'int32', versions: '7+', default: 0 },
    { name: 'responses', type: '[]struct', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0-12' },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'highWatermark', type: 'int64', versions: '0+' },
        { name: 'lastStableOffset', type: 'int64', versions: '4+', default: -1 },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
        { name: 'abortedTransactions', type: '[]struct', versions: '4+', nullableVersions: '4+', fields: [
          { name: 'producerId', type: 'int64', versions: '4+' },
          { name: 'firstOffset', type: 'int64', versions: '4+' },
        ] },
        { name: 'preferredReadReplica', type: 'int32', versions: '11+', default: -1 },
        // Default: an empty record set, never null (librdkafka rejects a negative record-set size).
        { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+', default: '' },
      ] },
    ] },
  ],
})
