/**
 * JoinGroup (API key 11), versions 0-5. Field layouts follow apache/kafka 3.8
 * `JoinGroupRequest.json` / `JoinGroupResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * JoinGroupRequest v0 => group_id:STRING session_timeout_ms:INT32 member_id:STRING protocol_type:STRING [protocols]
 *   protocols => name:STRING metadata:BYTES
 * JoinGroupRequest v1-v4 => group_id:STRING session_timeout_ms:INT32 rebalance_timeout_ms:INT32 member_id:STRING protocol_type:STRING [protocols]
 *   protocols => name:STRING metadata:BYTES
 * JoinGroupRequest v5 => group_id:STRING session_timeout_ms:INT32 rebalance_timeout_ms:INT32 member_id:STRING group_instance_id:NULLABLE_STRING protocol_type:STRING [protocols]
 *   protocols => name:STRING metadata:BYTES
 * JoinGroupResponse v0-v1 => error_code:INT16 generation_id:INT32 protocol_name:STRING leader:STRING member_id:STRING [members]
 *   members => member_id:STRING metadata:BYTES
 * JoinGroupResponse v2-v4 => throttle_time_ms:INT32 error_code:INT16 generation_id:INT32 protocol_name:STRING leader:STRING member_id:STRING [members]
 *   members => member_id:STRING metadata:BYTES
 * JoinGroupResponse v5 => throttle_time_ms:INT32 error_code:INT16 generation_id:INT32 protocol_name:STRING leader:STRING member_id:STRING [members]
 *   members => member_id:STRING group_instance_id:NULLABLE_STRING metadata:BYTES
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of JoinGroupRequest (nested struct). */
export interface JoinGroupRequestProtocol {
  /** The protocol name. */
  readonly name: string
  /** The protocol metadata. */
  readonly metadata: Buffer
}

/** JoinGroup request body (all versions 0-5; fields absent from a version hold their defaults). */
export interface JoinGroupRequest {
  /** The group identifier. */
  readonly groupId: string
  /** The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds. */
  readonly sessionTimeoutMs: number
  /** The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group. (v1+; default -1) */
  readonly rebalanceTimeoutMs: number
  /** The member id assigned by the group coordinator. */
  readonly memberId: string
  /** The unique identifier of the consumer instance provided by end user. (v5+; default null) */
  readonly groupInstanceId: string | null
  /** The unique name the for class of protocols implemented by the group we want to join. */
  readonly protocolType: string
  /** The list of protocols that the member supports. */
  readonly protocols: JoinGroupRequestProtocol[]
}

/** Schema of the JoinGroup request body, versions 0-5. */
export const JoinGroupRequestSchema = defineMessage<JoinGroupRequest>({
  name: 'JoinGroupRequest',
  apiKey: 11,
  type: 'request',
  validVersions: '0-5',
  flexibleVersions: '6+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'sessionTimeoutMs', type: 'int32', versions: '0+' },
    { name: 'rebalanceTimeoutMs', type: 'int32', versions: '1+', default: -1 },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
    { name: 'protocolType', type: 'string', versions: '0+' },
    { name: 'protocols', type: '[]struct', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'metadata', type: 'bytes', versions: '0+' },
    ] },
  ],
})

/** Element of JoinGroupResponse (nested struct). */
export interface JoinGroupResponseMember {
  /** The group member ID. */
  readonly memberId: string
  /** The unique identifier of the consumer instance provided by end user. (v5+; default null) */
  readonly groupInstanceId: string | null
  /** The group member metadata. */
  readonly metadata: Buffer
}

/** JoinGroup response body (all versions 0-5; fields absent from a version hold their defaults). */
export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v2+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The generation ID of the group. */
  readonly generationId: number
  /** The group protocol selected by the coordinator. */
  readonly protocolName: string
  /** The leader of the group. */
  readonly leader: string
  /** The member ID assigned by the group coordinator. */
  readonly memberId: string
  /**  */
  readonly members: JoinGroupResponseMember[]
}

/** Schema of the JoinGroup response body, versions 0-5. */
export const JoinGroupResponseSchema = defineMessage<JoinGroupResponse>({
  name: 'JoinGroupResponse',
  apiKey: 11,
  type: 'response',
  validVersions: '0-5',
  flexibleVersions: '6+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+', default: -1 },
    { name: 'protocolName', type: 'string', versions: '0+' },
    { name: 'leader', type: 'string', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'members', type: '[]struct', versions: '0+', fields: [
      { name: 'memberId', type: 'string', versions: '0+' },
      { name: 'groupInstanceId', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
      { name: 'metadata', type: 'bytes', versions: '0+' },
    ] },
  ],
})
