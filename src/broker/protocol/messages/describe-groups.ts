/**
 * DescribeGroups (API key 15), versions 0-2. Field layouts follow apache/kafka 3.8
 * `DescribeGroupsRequest.json` / `DescribeGroupsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * DescribeGroupsRequest v0-v2 => groups:ARRAY(STRING)
 * DescribeGroupsResponse v0 => [groups]
 *   groups => error_code:INT16 group_id:STRING group_state:STRING protocol_type:STRING protocol_data:STRING [members]
 *     members => member_id:STRING client_id:STRING client_host:STRING member_metadata:BYTES member_assignment:BYTES
 * DescribeGroupsResponse v1-v2 => throttle_time_ms:INT32 [groups]
 *   groups => error_code:INT16 group_id:STRING group_state:STRING protocol_type:STRING protocol_data:STRING [members]
 *     members => member_id:STRING client_id:STRING client_host:STRING member_metadata:BYTES member_assignment:BYTES
 */
import { defineMessage } from '../schema/message-schema.js'

/** DescribeGroups request body (all versions 0-2; fields absent from a version hold their defaults). */
export interface DescribeGroupsRequest {
  /** The names of the groups to describe */
  readonly groups: string[]
}

/** Schema of the DescribeGroups request body, versions 0-2. */
export const DescribeGroupsRequestSchema = defineMessage<DescribeGroupsRequest>({
  name: 'DescribeGroupsRequest',
  apiKey: 15,
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '5+',
  fields: [
    { name: 'groups', type: '[]string', versions: '0+' },
  ],
})

/** Element of DescribeGroupsResponse (nested struct). */
export interface DescribeGroupsResponseDescribedGroupMember {
  /** The member ID assigned by the group coordinator. */
  readonly memberId: string
  /** The client ID used in the member's latest join group request. */
  readonly clientId: string
  /** The client host. */
  readonly clientHost: string
  /** The metadata corresponding to the current group protocol in use. */
  readonly memberMetadata: Buffer
  /** The current assignment provided by the group leader. */
  readonly memberAssignment: Buffer
}

/** Element of DescribeGroupsResponse (nested struct). */
export interface DescribeGroupsResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. */
  readonly errorCode: number
  /** The group ID string. */
  readonly groupId: string
  /** The group state string, or the empty string. */
  readonly groupState: string
  /** The group protocol type, or the empty string. */
  readonly protocolType: string
  /** The group protocol data, or the empty string. */
  readonly protocolData: string
  /** The group members. */
  readonly members: DescribeGroupsResponseDescribedGroupMember[]
}

/** DescribeGroups response body (all versions 0-2; fields absent from a version hold their defaults). */
export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** Each described group. */
  readonly groups: DescribeGroupsResponseDescribedGroup[]
}

/** Schema of the DescribeGroups response body, versions 0-2. */
export const DescribeGroupsResponseSchema = defineMessage<DescribeGroupsResponse>({
  name: 'DescribeGroupsResponse',
  apiKey: 15,
  type: 'response',
  validVersions: '0-2',
  flexibleVersions: '5+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'groups', type: '[]struct', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'groupState', type: 'string', versions: '0+' },
      { name: 'protocolType', type: 'string', versions: '0+' },
      { name: 'protocolData', type: 'string', versions: '0+' },
      { name: 'members', type: '[]struct', versions: '0+', fields: [
        { name: 'memberId', type: 'string', versions: '0+' },
        { name: 'clientId', type: 'string', versions: '0+' },
        { name: 'clientHost', type: 'string', versions: '0+' },
        { name: 'memberMetadata', type: 'bytes', versions: '0+' },
        { name: 'memberAssignment', type: 'bytes', versions: '0+' },
      ] },
    ] },
  ],
})
