/**
 * DeleteGroups (API key 42), versions 0-1. Field layouts follow apache/kafka 3.8
 * `DeleteGroupsRequest.json` / `DeleteGroupsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * DeleteGroupsRequest v0-v1 => groups_names:ARRAY(STRING)
 * DeleteGroupsResponse v0-v1 => throttle_time_ms:INT32 [results]
 *   results => group_id:STRING error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** DeleteGroups request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteGroupsRequest {
  /** The group names to delete. */
  readonly groupsNames: string[]
}

/** Schema of the DeleteGroups request body, versions 0-1. */
export const DeleteGroupsRequestSchema = defineMessage<DeleteGroupsRequest>({
  name: 'DeleteGroupsRequest',
  apiKey: 42,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'groupsNames', type: '[]string', versions: '0+' },
  ],
})

/** Element of DeleteGroupsResponse (nested struct). */
export interface DeleteGroupsResponseDeletableGroupResult {
  /** The group id */
  readonly groupId: string
  /** The deletion error, or 0 if the deletion succeeded. */
  readonly errorCode: number
}

/** DeleteGroups response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DeleteGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The deletion results */
  readonly results: DeleteGroupsResponseDeletableGroupResult[]
}

/** Schema of the DeleteGroups response body, versions 0-1. */
export const DeleteGroupsResponseSchema = defineMessage<DeleteGroupsResponse>({
  name: 'DeleteGroupsResponse',
  apiKey: 42,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'results', type: '[]struct', versions: '0+', fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
    ] },
  ],
})
