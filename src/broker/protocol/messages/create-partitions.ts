/**
 * CreatePartitions (API key 37), versions 0-1. Field layouts follow apache/kafka 3.8
 * `CreatePartitionsRequest.json` / `CreatePartitionsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * CreatePartitionsRequest v0-v1 => [topics] timeout_ms:INT32 validate_only:BOOLEAN
 *   topics => name:STRING count:INT32 [assignments]?
 *     assignments => broker_ids:ARRAY(INT32)
 * CreatePartitionsResponse v0-v1 => throttle_time_ms:INT32 [results]
 *   results => name:STRING error_code:INT16 error_message:NULLABLE_STRING
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of CreatePartitionsRequest (nested struct). */
export interface CreatePartitionsAssignment {
  /** The assigned broker IDs. */
  readonly brokerIds: number[]
}

/** Element of CreatePartitionsRequest (nested struct). */
export interface CreatePartitionsTopic {
  /** The topic name. */
  readonly name: string
  /** The new partition count. */
  readonly count: number
  /** The new partition assignments. */
  readonly assignments: CreatePartitionsAssignment[] | null
}

/** CreatePartitions request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. */
  readonly topics: CreatePartitionsTopic[]
  /** The time in ms to wait for the partitions to be created. */
  readonly timeoutMs: number
  /** If true, then validate the request, but don't actually increase the number of partitions. */
  readonly validateOnly: boolean
}

/** Schema of the CreatePartitions request body, versions 0-1. */
export const CreatePartitionsRequestSchema = defineMessage<CreatePartitionsRequest>({
  name: 'CreatePartitionsRequest',
  apiKey: 37,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'topics', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'count', type: 'int32', versions: '0+' },
      { name: 'assignments', type: '[]struct', versions: '0+', nullableVersions: '0+', fields: [
        { name: 'brokerIds', type: '[]int32', versions: '0+' },
      ] },
    ] },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
})

/** Element of CreatePartitionsResponse (nested struct). */
export interface CreatePartitionsTopicResult {
  /** The topic name. */
  readonly name: string
  /** The result error, or zero if there was no error. */
  readonly errorCode: number
  /** The result message, or null if there was no error. */
  readonly errorMessage: string | null
}

/** CreatePartitions response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface CreatePartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The partition creation results for each topic. */
  readonly results: CreatePartitionsTopicResult[]
}

/** Schema of the CreatePartitions response body, versions 0-1. */
export const CreatePartitionsResponseSchema = defineMessage<CreatePartitionsResponse>({
  name: 'CreatePartitionsResponse',
  apiKey: 37,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'results', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    ] },
  ],
})
