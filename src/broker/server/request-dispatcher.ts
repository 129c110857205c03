import type { Logger } from '../../logging/index.js'
import { CloseConnection, NO_RESPONSE_BODY, type ApiHandler, type HandlerTable, type NoResponseBody, type RequestContext } from '../handlers/api-handler.js'
import { ApiKey, type ApiKeyNumber } from '../protocol/api-key.js'
import { ErrorCode } from '../protocol/error-codes.js'
import { ProtocolDecodeError } from '../protocol/errors.js'
import { encodeResponse } from '../protocol/frame.js'
import { apiDefinition, decodeRequestBody, type RequestOf, type ResponseOf } from '../protocol/registry.js'
import { decodeRequestHeader, type RequestHeader } from '../protocol/request-header.js'
import type { Encodable } from '../protocol/schema/message-schema.js'
import { unsupportedApiVersionsFrame } from '../protocol/unsupported-api-versions.js'
import { NO_RESPONSE, type ConnectionInfo, type FrameOutcome, type FrameProcessor } from './frame-processor.js'

/** The smallest possible request header: api key, version, correlation id, client id length. */
const MIN_HEADER_BYTES = 10

/**
 * Turns request frames into response frames: reads the header, routes (apiKey, version) to its
 * handler, decodes the body with the protocol registry, runs the handler and encodes the answer.
 * Kafka's rules for bad input: an unknown API key, an unsupported version (except ApiVersions,
 * which gets the v0 fallback answer) or undecodable bytes close the connection after logging;
 * a handler that throws gets its error response if it has one, else the connection closes.
 * Nothing here throws to the server.
 */
export class RequestDispatcher implements FrameProcessor {
  private readonly handlers: HandlerTable
  private readonly logger: Logger

  constructor(handlers: HandlerTable, logger: Logger) {
    this.handlers = handlers
    this.logger = logger
  }

  process(frame: Buffer, connection: ConnectionInfo): FrameOutcome | Promise<FrameOutcome> {
    if (frame.length < MIN_HEADER_BYTES) {
      this.logger.warn({ connection: connection.id, size: frame.length }, 'request frame too short for a header; closing connection')
      return { kind: 'close', reason: 'frame too short' }
    }
    const apiKey = frame.readInt16BE(0)
    const apiVersion = frame.readInt16BE(2)
    const definition = apiDefinition(apiKey)
    const handler = definition === undefined ? undefined : (this.handlers[apiKey as ApiKeyNumber] as ApiHandler<ApiKeyNumber> | undefined)
    if (definition === undefined || handler === undefined) {
      this.logger.warn({ connection: connection.id, apiKey, apiVersion }, 'unknown API key; closing connection')
      return { kind: 'close', reason: `unknown api key ${apiKey}` }
    }
    if (apiVersion < definition.minVersion || apiVersion > definition.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        return { kind: 'respond', buffers: unsupportedApiVersionsFrame(frame.readInt32BE(4)) }
      }
      this.logger.warn(
        { connection: connection.id, api: definition.name, apiVersion, supported: `${definition.minVersion}-${definition.maxVersion}` },
        'unsupported API version; closing connection',
      )
      return { kind: 'close', reason: `unsupported version ${apiVersion} of ${definition.name}` }
    }

    let header: RequestHeader
    let request: RequestOf<ApiKeyNumber>
    try {
      header = decodeRequestHeader(frame)
      request = decodeRequestBody(apiKey as ApiKeyNumber, apiVersion, frame.subarray(header.headerSize))
    } catch (err) {
      if (err instanceof ProtocolDecodeError) {
        this.logger.warn(
          { connection: connection.id, api: definition.name, apiVersion, location: err.path, position: err.position },
          `cannot decode request: ${err.message}; closing connection`,
        )
        return { kind: 'close', reason: 'undecodable request' }
      }
      this.logger.error({ err, connection: connection.id, api: definition.name }, 'request decoding failed; closing connection')
      return { kind: 'close', reason: 'request decoding failed' }
    }

    const context: RequestContext = {
      apiKey,
      apiVersion,
      correlationId: header.correlationId,
      clientId: header.clientId,
      connection,
    }
    let result: ReturnType<ApiHandler<ApiKeyNumber>['handle']>
    try {
      result = handler.handle(request, context)
    } catch (err) {
      return this.failed(handler, request, context, err)
    }
    if (result instanceof Promise) {
      return result.then(
        (body) => this.encode(body, context),
        (err: unknown) => this.failed(handler, request, context, err),
      )
    }
    return this.encode(result, context)
  }

  private encode(body: Encodable<ResponseOf<ApiKeyNumber>> | NoResponseBody | CloseConnection, context: RequestContext): FrameOutcome {
    if (body === NO_RESPONSE_BODY) return NO_RESPONSE
    if (body instanceof CloseConnection) {
      this.logger.debug({ connection: context.connection.id, reason: body.reason }, 'handler asked to close the connection')
      return { kind: 'close', reason: body.reason }
    }
    try {
      return { kind: 'respond', buffers: encodeResponse(context.apiKey as ApiKeyNumber, context.apiVersion, context.correlationId, body) }
    } catch (err) {
      this.logger.error(
        { err, connection: context.connection.id, apiKey: context.apiKey, apiVersion: context.apiVersion },
        'cannot encode response; closing connection',
      )
      return { kind: 'close', reason: 'response encoding failed' }
    }
  }

  private failed(
    handler: ApiHandler<ApiKeyNumber>,
    request: RequestOf<ApiKeyNumber>,
    context: RequestContext,
    err: unknown,
  ): FrameOutcome {
    const api = apiDefinition(context.apiKey)?.name
    if (handler.errorResponse === undefined) {
      this.logger.error({ err, connection: context.connection.id, api }, 'request handler failed; closing connection')
      return { kind: 'close', reason: 'handler failed' }
    }
    this.logger.error({ err, connection: context.connection.id, api }, 'request handler failed; answering UNKNOWN_SERVER_ERROR')
    try {
      return this.encode(handler.errorResponse(request, ErrorCode.UNKNOWN_SERVER_ERROR, context), context)
    } catch (inner) {
      this.logger.error({ err: inner, connection: context.connection.id, api }, 'error response failed; closing connection')
      return { kind: 'close', reason: 'handler failed' }
    }
  }
}
