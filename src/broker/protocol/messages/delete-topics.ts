/**
 * DeleteTopics (API key 20), versions 0-1. Field layouts follow apache/kafka 3.8
 * `DeleteTopicsRequest.json` / `DeleteTopicsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * DeleteTopicsRequest v0-v1 => topic_names:ARRAY(STRING) timeout_ms:INT32
 * DeleteTopicsResponse v0 => [responses]
 *   responses => name:STRING error_code:INT16
 * DeleteTopicsResponse v1 => throttle_time_ms:INT32 [responses]
 *   responses => name:STRING error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** DeleteTopics request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteTopicsRequest {
  /** The names of the topics to delete */
  readonly topicNames: string[]
  /** The length of time in milliseconds to wait for the deletions to complete. */
  readonly timeoutMs: number
}

/** Schema of the DeleteTopics request body, versions 0-1. */
export const DeleteTopicsRequestSchema = defineMessage<DeleteTopicsRequest>({
  name: 'DeleteTopicsRequest',
  apiKey: 20,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'topicNames', type: '[]string', versions: '0-5' },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
  ],
})

/** Element of DeleteTopicsResponse (nested struct). */
export interface DeleteTopicsResponseDeletableTopicResult {
  /** The topic name */
  readonly name: string
  /** The deletion error, or 0 if the deletion succeeded. */
  readonly errorCode: number
}

/** DeleteTopics response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The results for each topic we tried to delete. */
  readonly responses: DeleteTopicsResponseDeletableTopicResult[]
}

/** Schema of the DeleteTopics response body, versions 0-1. */
export const DeleteTopicsResponseSchema = defineMessage<DeleteTopicsResponse>({
  name: 'DeleteTopicsResponse',
  apiKey: 20,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'responses', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
    ] },
  ],
})
