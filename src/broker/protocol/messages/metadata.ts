/**
 * Metadata (API key 3), versions 0-4. Field layouts follow apache/kafka 3.8
 * `MetadataRequest.json` / `MetadataResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * MetadataRequest v0 => [topics]
 *   topics => name:STRING
 * MetadataRequest v1-v3 => [topics]?
 *   topics => name:STRING
 * MetadataRequest v4 => [topics]? allow_auto_topic_creation:BOOLEAN
 *   topics => name:STRING
 * MetadataResponse v0 => [brokers] [topics]
 *   brokers => node_id:INT32 host:STRING port:INT32
 *   topics => error_code:INT16 name:STRING [partitions]
 *     partitions => error_code:INT16 partition_index:INT32 leader_id:INT32 replica_nodes:ARRAY(INT32) isr_nodes:ARRAY(INT32)
 * MetadataResponse v1 => [brokers] controller_id:INT32 [topics]
 *   brokers => node_id:INT32 host:STRING port:INT32 rack:NULLABLE_STRING
 *   topics => error_code:INT16 name:STRING is_internal:BOOLEAN [partitions]
 *     partitions => error_code:INT16 partition_index:INT32 leader_id:INT32 replica_nodes:ARRAY(INT32) isr_nodes:ARRAY(INT32)
 * MetadataResponse v2 => [brokers] cluster_id:NULLABLE_STRING controller_id:INT32 [topics]
 *   brokers => node_id:INT32 host:STRING port:INT32 rack:NULLABLE_STRING
 *   topics => error_code:INT16 name:STRING is_internal:BOOLEAN [partitions]
 *     partitions => error_code:INT16 partition_index:INT32 leader_id:INT32 replica_nodes:ARRAY(INT32) isr_nodes:ARRAY(INT32)
 * MetadataResponse v3-v4 => throttle_time_ms:INT32 [brokers] cluster_id:NULLABLE_STRING controller_id:INT32 [topics]
 *   brokers => node_id:INT32 host:STRING port:INT32 rack:NULLABLE_STRING
 *   topics => error_code:INT16 name:STRING is_internal:BOOLEAN [partitions]
 *     partitions => error_code:INT16 partition_index:INT32 leader_id:INT32 replica_nodes:ARRAY(INT32) isr_nodes:ARRAY(INT32)
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of MetadataRequest (nested struct). */
export interface MetadataRequestTopic {
  /** The topic name. */
  readonly name: string
}

/** Metadata request body (all versions 0-4; fields absent from a version hold their defaults). */
export interface MetadataRequest {
  /** The topics to fetch metadata for. */
  readonly topics: MetadataRequestTopic[] | null
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. (v4+; default true) */
  readonly allowAutoTopicCreation: boolean
}

/** Schema of the Metadata request body, versions 0-4. */
export const MetadataRequestSchema = defineMessage<MetadataRequest>({
  name: 'MetadataRequest',
  apiKey: 3,
  type: 'request',
  validVersions: '0-4',
  flexibleVersions: '9+',
  fields: [
    { name: 'topics', type: '[]struct', versions: '0+', nullableVersions: '1+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
    ] },
    { name: 'allowAutoTopicCreation', type: 'bool', versions: '4+', default: true },
  ],
})

/** Element of MetadataResponse (nested struct). */
export interface MetadataResponseBroker {
  /** The broker ID. */
  readonly nodeId: number
  /** The broker hostname. */
  readonly host: string
  /** The broker port. */
  readonly port: number
  /** The rack of the broker, or null if it has not been assigned to a rack. (v1+; default null) */
  readonly rack: string | null
}

/** Element of MetadataResponse (nested struct). */
export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. */
  readonly errorCode: number
  /** The partition index. */
  readonly partitionIndex: number
  /** The ID of the leader broker. */
  readonly leaderId: number
  /** The set of all nodes that host this partition. */
  readonly replicaNodes: number[]
  /** The set of nodes that are in sync with the leader for this partition. */
  readonly isrNodes: number[]
}

/** Element of MetadataResponse (nested struct). */
export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. */
  readonly errorCode: number
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. */
  readonly name: string
  /** True if the topic is internal. (v1+; default false) */
  readonly isInternal: boolean
  /** Each partition in the topic. */
  readonly partitions: MetadataResponsePartition[]
}

/** Metadata response body (all versions 0-4; fields absent from a version hold their defaults). */
export interface MetadataResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v3+) */
  readonly throttleTimeMs: number
  /** A list of brokers present in the cluster. */
  readonly brokers: MetadataResponseBroker[]
  /** The cluster ID that responding broker belongs to. (v2+; default null) */
  readonly clusterId: string | null
  /** The ID of the controller broker. (v1+; default -1) */
  readonly controllerId: number
  /** Each topic in the response. */
  readonly topics: MetadataResponseTopic[]
}

/** Schema of the Metadata response body, versions 0-4. */
export const MetadataResponseSchema = defineMessage<MetadataResponse>({
  name: 'MetadataResponse',
  apiKey: 3,
  type: 'response',
  validVersions: '0-4',
  flexibleVersions: '9+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
    { name: 'brokers', type: '[]struct', versions: '0+', fields: [
      { name: 'nodeId', type: 'int32', versions: '0+' },
      { name: 'host', type: 'string', versions: '0+' },
      { name: 'port', type: 'int32', versions: '0+' },
      { name: 'rack', type: 'string', versions: '1+', nullableVersions: '1+', default: null },
    ] },
    { name: 'clusterId', type: 'string', versions: '2+', nullableVersions: '2+', default: null },
    { name: 'controllerId', type: 'int32', versions: '1+', default: -1 },
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'isInternal', type: 'bool', versions: '1+', default: false },
      { name: 'partitions', type: '[]struct', versions: '0+', fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'leaderId', type: 'int32', versions: '0+' },
        { name: 'replicaNodes', type: '[]int32', versions: '0+' },
        { name: 'isrNodes', type: '[]int32', versions: '0+' },
      ] },
    ] },
  ],
})
