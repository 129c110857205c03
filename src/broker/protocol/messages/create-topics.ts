/**
 * CreateTopics (API key 19), versions 0-3. Field layouts follow apache/kafka 3.8
 * `CreateTopicsRequest.json` / `CreateTopicsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * CreateTopicsRequest v0 => [topics] timeout_ms:INT32
 *   topics => name:STRING num_partitions:INT32 replication_factor:INT16 [assignments] [configs]
 *     assignments => partition_index:INT32 broker_ids:ARRAY(INT32)
 *     configs => name:STRING value:NULLABLE_STRING
 * CreateTopicsRequest v1-v3 => [topics] timeout_ms:INT32 validate_only:BOOLEAN
 *   topics => name:STRING num_partitions:INT32 replication_factor:INT16 [assignments] [configs]
 *     assignments => partition_index:INT32 broker_ids:ARRAY(INT32)
 *     configs => name:STRING value:NULLABLE_STRING
 * CreateTopicsResponse v0 => [topics]
 *   topics => name:STRING error_code:INT16
 * CreateTopicsResponse v1 => [topics]
 *   topics => name:STRING error_code:INT16 error_message:NULLABLE_STRING
 * CreateTopicsResponse v2-v3 => throttle_time_ms:INT32 [topics]
 *   topics => name:STRING error_code:INT16 error_message:NULLABLE_STRING
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of CreateTopicsRequest (nested struct). */
export interface CreateTopicsRequestCreatableReplicaAssignment {
  /** The partition index. */
  readonly partitionIndex: number
  /** The brokers to place the partition on. */
  readonly brokerIds: number[]
}

/** Element of CreateTopicsRequest (nested struct). */
export interface CreateTopicsRequestCreateableTopicConfig {
  /** The configuration name. */
  readonly name: string
  /** The configuration value. */
  readonly value: string | null
}

/** Element of CreateTopicsRequest (nested struct). */
export interface CreateTopicsRequestCreatableTopic {
  /** The topic name. */
  readonly name: string
  /** The number of partitions to create in the topic, or -1 if we are either specifying a manual partition assignment or using the default partitions. */
  readonly numPartitions: number
  /** The number of replicas to create for each partition in the topic, or -1 if we are either specifying a manual partition assignment or using the default replication factor. */
  readonly replicationFactor: number
  /** The manual partition assignment, or the empty array if we are using automatic assignment. */
  readonly assignments: CreateTopicsRequestCreatableReplicaAssignment[]
  /** The custom topic configurations to set. */
  readonly configs: CreateTopicsRequestCreateableTopicConfig[]
}

/** CreateTopics request body (all versions 0-3; fields absent from a version hold their defaults). */
export interface CreateTopicsRequest {
  /** The topics to create. */
  readonly topics: CreateTopicsRequestCreatableTopic[]
  /** How long to wait in milliseconds before timing out the request. */
  readonly timeoutMs: number
  /** If true, check that the topics can be created as specified, but don't create anything. (v1+; default false) */
  readonly validateOnly: boolean
}

/** Schema of the CreateTopics request body, versions 0-3. */
export const CreateTopicsRequestSchema = defineMessage<CreateTopicsRequest>({
  name: 'CreateTopicsRequest',
  apiKey: 19,
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '5+',
  fields: [
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'numPartitions', type: 'int32', versions: '0+' },
      { name: 'replicationFactor', type: 'int16', versions: '0+' },
      { name: 'assignments', type: '[]struct', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'brokerIds', type: '[]int32', versions: '0+' },
      ] },
      { name: 'configs', type: '[]struct', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
    { name: 'validateOnly', type: 'bool', versions: '1+', default: false },
  ],
})

/** Element of CreateTopicsResponse (nested struct). */
export interface CreateTopicsResponseCreatableTopicResult {
  /** The topic name. */
  readonly name: string
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The error message, or null if there was no error. (v1+) */
  readonly errorMessage: string | null
}

/** CreateTopics response body (all versions 0-3; fields absent from a version hold their defaults). */
export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v2+) */
  readonly throttleTimeMs: number
  /** Results for each topic we tried to create. */
  readonly topics: CreateTopicsResponseCreatableTopicResult[]
}

/** Schema of the CreateTopics response body, versions 0-3. */
export const CreateTopicsResponseSchema = defineMessage<CreateTopicsResponse>({
  name: 'CreateTopicsResponse',
  apiKey: 19,
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '5+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '1+', nullableVersions: '0+' },
    ] },
  ],
})
