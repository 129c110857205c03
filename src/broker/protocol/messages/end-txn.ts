/**
 * EndTxn (API key 26), versions 0-1. Field layouts follow apache/kafka 3.8
 * `EndTxnRequest.json` / `EndTxnResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * EndTxnRequest v0-v1 => transactional_id:STRING producer_id:INT64 producer_epoch:INT16 committed:BOOLEAN
 * EndTxnResponse v0-v1 => throttle_time_ms:INT32 error_code:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** EndTxn request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface EndTxnRequest {
  /** The ID of the transaction to end. */
  readonly transactionalId: string
  /** The producer ID. */
  readonly producerId: bigint
  /** The current epoch associated with the producer. */
  readonly producerEpoch: number
  /** True if the transaction was committed, false if it was aborted. */
  readonly committed: boolean
}

/** Schema of the EndTxn request body, versions 0-1. */
export const EndTxnRequestSchema = defineMessage<EndTxnRequest>({
  name: 'EndTxnRequest',
  apiKey: 26,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+' },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'committed', type: 'bool', versions: '0+' },
  ],
})

/** EndTxn response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface EndTxnResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
}

/** Schema of the EndTxn response body, versions 0-1. */
export const EndTxnResponseSchema = defineMessage<EndTxnResponse>({
  name: 'EndTxnResponse',
  apiKey: 26,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
})
