/**
 * InitProducerId (API key 22), versions 0-1. Field layouts follow apache/kafka 3.8
 * `InitProducerIdRequest.json` / `InitProducerIdResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * InitProducerIdRequest v0-v1 => transactional_id:NULLABLE_STRING transaction_timeout_ms:INT32
 * InitProducerIdResponse v0-v1 => throttle_time_ms:INT32 error_code:INT16 producer_id:INT64 producer_epoch:INT16
 */
import { defineMessage } from '../schema/message-schema.js'

/** InitProducerId request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. */
  readonly transactionalId: string | null
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. */
  readonly transactionTimeoutMs: number
}

/** Schema of the InitProducerId request body, versions 0-1. */
export const InitProducerIdRequestSchema = defineMessage<InitProducerIdRequest>({
  name: 'InitProducerIdRequest',
  apiKey: 22,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
  ],
})

/** InitProducerId response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  readonly errorCode: number
  /** The current producer id. */
  readonly producerId: bigint
  /** The current epoch associated with the producer id. */
  readonly producerEpoch: number
}

/** Schema of the InitProducerId response body, versions 0-1. */
export const InitProducerIdResponseSchema = defineMessage<InitProducerIdResponse>({
  name: 'InitProducerIdResponse',
  apiKey: 22,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+', default: -1 },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
  ],
})
