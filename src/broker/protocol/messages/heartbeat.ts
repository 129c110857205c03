/**
 * Heartbeat (API key 12), versions 0-3. Field layouts follow apache/kafka 3.8
 * `HeartbeatRequest.json` / `HeartbeatResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * HeartbeatRequest v0-v2 => group_id:STRING generation_id:INT32 member_id:STRING
 * HeartbeatRequest v3 => group_id:STRING generation_id:INT32 member_id:STRING group_instance_id:NULLABLE_STRING
 * HeartbeatResponse v0 => error_code:INT16
 * HeartbeatResponse v1-v3 => throttle_time_ms:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** Heartbeat request body (all versions 0-3; fields absent from a version hold their defaults). */
export interface HeartbeatRequest {
  /** The group id. */
  readonly groupId: string
  /** The generation of the group. */
  readonly generationId: number
  /** The member ID. */
  readonly memberId: string
  /** The unique identifier of the consumer instance provided by end user. (v3+; default null) */
  readonly groupInstanceId: string | null
}

/** Schema of the Heartbeat request body, versions 0-3. */
export const HeartbeatRequestSchema = defineMessage<HeartbeatRequest>({
  name: 'HeartbeatRequest',
  apiKey: 12,
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
  ],
})

/** Heartbeat response body (all versions 0-3; fields absent from a version hold their defaults). */
export interface HeartbeatResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Schema of the Heartbeat response body, versions 0-3. */
export const HeartbeatResponseSchema = defineMessage<HeartbeatResponse>({
  name: 'HeartbeatResponse',
  apiKey: 12,
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
})
