/**
 * AddOffsetsToTxn (API key 25), versions 0-1. Field layouts follow apache/kafka 3.8
 * `AddOffsetsToTxnRequest.json` / `AddOffsetsToTxnResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * AddOffsetsToTxnRequest v0-v1 => transactional_id:STRING producer_id:INT64 producer_epoch:INT16 group_id:STRING
 * AddOffsetsToTxnResponse v0-v1 => throttle_time_ms:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** AddOffsetsToTxn request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AddOffsetsToTxnRequest {
  /** The transactional id corresponding to the transaction. */
  readonly transactionalId: string
  /** Current producer id in use by the transactional id. */
  readonly producerId: bigint
  /** Current epoch associated with the producer id. */
  readonly producerEpoch: number
  /** The unique group identifier. */
  readonly groupId: string
}

/** Schema of the AddOffsetsToTxn request body, versions 0-1. */
export const AddOffsetsToTxnRequestSchema = defineMessage<AddOffsetsToTxnRequest>({
  name: 'AddOffsetsToTxnRequest',
  apiKey: 25,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+' },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'groupId', type: 'string', versions: '0+' },
  ],
})

/** AddOffsetsToTxn response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AddOffsetsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The response error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Schema of the AddOffsetsToTxn response body, versions 0-1. */
export const AddOffsetsToTxnResponseSchema = defineMessage<AddOffsetsToTxnResponse>({
  name: 'AddOffsetsToTxnResponse',
  apiKey: 25,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
})
