/**
 * LeaveGroup (API key 13), versions 0-1. Field layouts follow apache/kafka 3.8
 * `LeaveGroupRequest.json` / `LeaveGroupResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * LeaveGroupRequest v0-v1 => group_id:STRING member_id:STRING
 * LeaveGroupResponse v0 => error_code:INT16
 * LeaveGroupResponse v1 => throttle_time_ms:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** LeaveGroup request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface LeaveGroupRequest {
  /** The ID of the group to leave. */
  readonly groupId: string
  /** The member ID to remove from the group. */
  readonly memberId: string
}

/** Schema of the LeaveGroup request body, versions 0-1. */
export const LeaveGroupRequestSchema = defineMessage<LeaveGroupRequest>({
  name: 'LeaveGroupRequest',
  apiKey: 13,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0-2' },
  ],
})

/** LeaveGroup response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface LeaveGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Schema of the LeaveGroup response body, versions 0-1. */
export const LeaveGroupResponseSchema = defineMessage<LeaveGroupResponse>({
  name: 'LeaveGroupResponse',
  apiKey: 13,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
})
