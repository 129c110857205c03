/**
 * FindCoordinator (API key 10), versions 0-2. Field layouts follow apache/kafka 3.8
 * `FindCoordinatorRequest.json` / `FindCoordinatorResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * FindCoordinatorRequest v0 => key:STRING
 * FindCoordinatorRequest v1-v2 => key:STRING key_type:INT8
 * FindCoordinatorResponse v0 => error_code:INT16 node_id:INT32 host:STRING port:INT32
 * FindCoordinatorResponse v1-v2 => throttle_time_ms:INT32 error_code:INT16 error_message:NULLABLE_STRING node_id:INT32 host:STRING port:INT32
 */
import { defineMessage } from '../schema/message-schema.js'

/** FindCoordinator request body (all versions 0-2; fields absent from a version hold their defaults). */
export interface FindCoordinatorRequest {
  /** The coordinator key. */
  readonly key: string
  /** The coordinator key type. (Group, transaction, etc.) (v1+; default 0) */
  readonly keyType: number
}

/** Schema of the FindCoordinator request body, versions 0-2. */
export const FindCoordinatorRequestSchema = defineMessage<FindCoordinatorRequest>({
  name: 'FindCoordinatorRequest',
  apiKey: 10,
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '3+',
  fields: [
    { name: 'key', type: 'string', versions: '0-3' },
    { name: 'keyType', type: 'int8', versions: '1+', default: 0 },
  ],
})

/** FindCoordinator response body (all versions 0-2; fields absent from a version hold their defaults). */
export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The error message, or null if there was no error. (v1+) */
  readonly errorMessage: string | null
  /** The node id. */
  readonly nodeId: number
  /** The host name. */
  readonly host: string
  /** The port. */
  readonly port: number
}

/** Schema of the FindCoordinator response body, versions 0-2. */
export const FindCoordinatorResponseSchema = defineMessage<FindCoordinatorResponse>({
  name: 'FindCoordinatorResponse',
  apiKey: 10,
  type: 'response',
  validVersions: '0-2',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0-3' },
    { name: 'errorMessage', type: 'string', versions: '1-3', nullableVersions: '1-3' },
    { name: 'nodeId', type: 'int32', versions: '0-3' },
    { name: 'host', type: 'string', versions: '0-3' },
    { name: 'port', type: 'int32', versions: '0-3' },
  ],
})
