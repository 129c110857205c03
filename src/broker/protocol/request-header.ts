/**
 * Request header v1/v2 decoding and response header v0/v1 encoding.
 *
 * RequestHeader v1 => request_api_key:INT16 request_api_version:INT16 correlation_id:INT32 client_id:NULLABLE_STRING
 * RequestHeader v2 => request_api_key:INT16 request_api_version:INT16 correlation_id:INT32 client_id:NULLABLE_STRING TAG_BUFFER
 *   (client_id keeps the int16 length even in v2 so any broker can read an ApiVersions header)
 * ResponseHeader v0 => correlation_id:INT32
 * ResponseHeader v1 => correlation_id:INT32 TAG_BUFFER
 */
import { ProtocolDecodeError } from './errors.js'
import { Reader } from './primitives/reader.js'
import { Writer } from './primitives/writer.js'
import { requestHeaderVersion } from './registry.js'

/** A decoded request header. */
export interface RequestHeader {
  /** API key of the request. */
  readonly apiKey: number
  /** API version of the request body. */
  readonly apiVersion: number
  /** Correlation id to echo in the response header. */
  readonly correlationId: number
  /** Client id (null if the client sent none). */
  readonly clientId: string | null
  /** Bytes the header occupies; the body starts at `offset + headerSize`. */
  readonly headerSize: number
  /** Header version that was read (1 or 2). */
  readonly headerVersion: 1 | 2
}

/**
 * Decodes a request header from `frame` (the request without its 4-byte size prefix) starting
 * at `offset`. The header version is chosen from the API key and version (v2 for flexible
 * versions, including ApiVersions v3+; v1 otherwise and for unknown keys).
 *
 * @throws ProtocolDecodeError (path `RequestHeader.<field>`) when the header is truncated or malformed
 */
export function decodeRequestHeader(frame: Buffer, offset = 0): RequestHeader {
  const r = new Reader(frame, offset)
  let field = 'requestApiKey'
  try {
    const apiKey = r.int16()
    field = 'requestApiVersion'
    const apiVersion = r.int16()
    field = 'correlationId'
    const correlationId = r.int32()
    field = 'clientId'
    const clientId = r.nullableString()
    const headerVersion = requestHeaderVersion(apiKey, apiVersion)
    if (headerVersion === 2) {
      field = 'taggedFields'
      r.taggedFields()
    }
    return { apiKey, apiVersion, correlationId, clientId, headerSize: r.pos - offset, headerVersion }
  } catch (e) {
    if (e instanceof ProtocolDecodeError) e.prependPath(field).prependPath('RequestHeader')
    throw e
  }
}

/** Encodes a request header (v1, or v2 with an empty tag section); used by tests and tools. */
export function encodeRequestHeader(
  header: { apiKey: number; apiVersion: number; correlationId: number; clientId: string | null },
  headerVersion: 1 | 2,
  writer: Writer = new Writer(64),
): Writer {
  writer.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId).nullableString(header.clientId)
  if (headerVersion === 2) writer.emptyTaggedFields()
  return writer
}

/** Size in bytes of a response header of the given version. */
export function responseHeaderSize(headerVersion: 0 | 1): number {
  return headerVersion === 1 ? 5 : 4
}

/** Writes a response header (v0: correlation id; v1: plus an empty tag section) into `buf` at `offset`; returns the end offset. */
export function writeResponseHeader(buf: Buffer, offset: number, correlationId: number, headerVersion: 0 | 1): number {
  buf.writeInt32BE(correlationId, offset)
  if (headerVersion === 1) {
    buf[offset + 4] = 0
    return offset + 5
  }
  return offset + 4
}

/**
 * Decodes a response header (v0 or v1) from `frame` at `offset`; used by tests and tools.
 *
 * @throws ProtocolDecodeError when truncated
 */
export function decodeResponseHeader(frame: Buffer, headerVersion: 0 | 1, offset = 0): { correlationId: number; headerSize: number } {
  const r = new Reader(frame, offset)
  try {
    const correlationId = r.int32()
    if (headerVersion === 1) r.taggedFields()
    return { correlationId, headerSize: r.pos - offset }
  } catch (e) {
    if (e instanceof ProtocolDecodeError) e.prependPath('ResponseHeader')
    throw e
  }
}
