/**
 * SyncGroup (API key 14), versions 0-3. Field layouts follow apache/kafka 3.8
 * `SyncGroupRequest.json` / `SyncGroupResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * SyncGroupRequest v0-v2 => group_id:STRING generation_id:INT32 member_id:STRING [assignments]
 *   assignments => member_id:STRING assignment:BYTES
 * SyncGroupRequest v3 => group_id:STRING generation_id:INT32 member_id:STRING group_instance_id:NULLABLE_STRING [assignments]
 *   assignments => member_id:STRING assignment:BYTES
 * SyncGroupResponse v0 => error_code:INT16 assignment:BYTES
 * SyncGroupResponse v1-v3 => throttle_time_ms:INT32 error_code:INT16 assignment:BYTES
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of SyncGroupRequest (nested struct). */
export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. */
  readonly memberId: string
  /** The member assignment. */
  readonly assignment: Buffer
}

/** SyncGroup request body (all versions 0-3; fields absent from a version hold their defaults). */
export interface SyncGroupRequest {
  /** The unique group identifier. */
  readonly groupId: string
  /** The generation of the group. */
  readonly generationId: number
  /** The member ID assigned by the group. */
  readonly memberId: string
  /** The unique identifier of the consumer instance provided by end user. (v3+; default null) */
  readonly groupInstanceId: string | null
  /** Each assignment. */
  readonly assignments: SyncGroupRequestAssignment[]
}

/** Schema of the SyncGroup request body, versions 0-3. */
export const SyncGroupRequestSchema = defineMessage<SyncGroupRequest>({
  name: 'SyncGroupRequest',
  apiKey: 14,
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    { name: 'assignments', type: '[]struct', versions: '0+', fields: [
      { name: 'memberId', type: 'string', versions: '0+' },
      { name: 'assignment', type: 'bytes', versions: '0+' },
    ] },
  ],
})

/** SyncGroup response body (all versions 0-3; fields absent from a version hold their defaults). */
export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The member assignment. */
  readonly assignment: Buffer
}

/** Schema of the SyncGroup response body, versions 0-3. */
export const SyncGroupResponseSchema = defineMessage<SyncGroupResponse>({
  name: 'SyncGroupResponse',
  apiKey: 14,
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'assignment', type: 'bytes', versions: '0+' },
  ],
})
