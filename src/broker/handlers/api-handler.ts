import type { ApiKeyNumber } from '../protocol/api-key.js'
import type { RequestOf, ResponseOf } from '../protocol/registry.js'
import type { Encodable } from '../protocol/schema/message-schema.js'
import type { ConnectionInfo } from '../server/frame-processor.js'

/** Facts about the request being handled, beyond its body. */
export interface RequestContext {
  readonly apiKey: number
  readonly apiVersion: number
  readonly correlationId: number
  /** The client's `client.id` (null when it sent none). */
  readonly clientId: string | null
  /** The connection it arrived on (client address, closed promise). */
  readonly connection: ConnectionInfo
}

/** Returned by a handler that must not answer (Produce with acks=0). */
export const NO_RESPONSE_BODY: unique symbol = Symbol('no response')

/** The type of {@link NO_RESPONSE_BODY}. */
export type NoResponseBody = typeof NO_RESPONSE_BODY

/**
 * Returned instead of a response to close the connection (Kafka does this, for example, when a
 * Produce with acks=0 fails: the client gets no response to learn it from).
 */
export class CloseConnection {
  /** Why, for the log. */
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

/** A response body (missing fields take the schema defaults), no response at all, or a close. */
export type HandlerResult<K extends ApiKeyNumber> =
  | Encodable<ResponseOf<K>>
  | NoResponseBody
  | CloseConnection
  | Promise<Encodable<ResponseOf<K>> | NoResponseBody | CloseConnection>

/**
 * The handler of one API: a decoded request and its context in, a response body out (no byte
 * handling). Client mistakes are answered with Kafka error codes, never thrown.
 */
export interface ApiHandler<K extends ApiKeyNumber> {
  readonly apiKey: K
  /** Handles one request; may return a Promise for requests that wait (Fetch, JoinGroup...). */
  handle(request: RequestOf<K>, context: RequestContext): HandlerResult<K>
  /**
   * The response that fails every part of `request` with `errorCode` (Kafka's
   * `getErrorResponse`). Used when `handle` throws unexpectedly; without it the connection closes.
   */
  errorResponse?(request: RequestOf<K>, errorCode: number, context: RequestContext): Encodable<ResponseOf<K>>
}

/** The handlers the broker serves, by API key. Keys without a handler are not advertised. */
export type HandlerTable = { readonly [K in ApiKeyNumber]?: ApiHandler<K> }
