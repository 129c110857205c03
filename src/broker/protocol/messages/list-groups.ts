/**
 * ListGroups (API key 16), versions 0-2. Field layouts follow apache/kafka 3.8
 * `ListGroupsRequest.json` / `ListGroupsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * ListGroupsRequest v0-v2 => (empty)
 * ListGroupsResponse v0 => error_code:INT16 [groups]
 *   groups => group_id:STRING protocol_type:STRING
 * ListGroupsResponse v1-v2 => throttle_time_ms:INT32 error_code:INT16 [groups]
 *   groups => group_id:STRING protocol_type:STRING
 */
import { defineMessage } from '../schema/message-schema.js'

/** ListGroups request body (all versions 0-2; fields absent from a version hold their defaults). */
export interface ListGroupsRequest {
}

/** Schema of the ListGroups request body, versions 0-2. */
export const ListGroupsRequestSchema = defineMessage<ListGroupsRequest>({
  name: 'ListGroupsRequest',
  apiKey: 16,
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '3+',
  fields: [
  ],
})

/** Element of ListGroupsResponse (nested struct). */
export interface ListGroupsResponseListedGroup {
  /** The group ID. */
  readonly groupId: string
  /** The group protocol type. */
  readonly protocolType: string
}

/** ListGroups response body (all versions 0-2; fields absent from a version hold their defaults). */
export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** Each group in the response. */
  readonly groups: ListGroupsResponseListedGroup[]
}

/** Schema of the ListGroups response body, versions 0-2. */
export const ListGroupsResponseSchema = defineMessage<ListGroupsResponse>({
  name: 'ListGroupsResponse',
  apiKey: 16,
  type: 'response',
  validVersions: '0-2',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'groups', type: '[]struct', versions: '0+', fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'protocolType', type: 'string', versions: '0+' },
    ] },
  ],
})
