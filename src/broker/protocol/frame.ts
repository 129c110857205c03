/**
 * Size-prefixed framing of responses (and requests, for tests and tools). Bodies are passed as
 * lists of buffers so large record sets go to `socket.writev`/`cork` without being copied.
 */
import type { ApiKeyNumber } from './api-key.js'
import { encodeRequestHeader, responseHeaderSize, writeResponseHeader } from './request-header.js'
import { encodeRequestBody, encodeResponseBody, requestHeaderVersion, responseHeaderVersion, type RequestOf, type ResponseOf } from './registry.js'
import { Writer, byteSize } from './primitives/writer.js'
import type { Encodable } from './schema/message-schema.js'

/**
 * Frames a response: returns `[size+header, ...body]`, where the first buffer holds the int32
 * size prefix and the response header (v0: correlation id; v1: plus an empty tag section) and
 * the rest are the body buffers (referenced, not copied).
 */
export function encodeResponseFrame(correlationId: number, headerVersion: 0 | 1, body: Buffer | readonly Buffer[]): Buffer[] {
  const hsize = responseHeaderSize(headerVersion)
  const head = Buffer.allocUnsafe(4 + hsize)
  head.writeInt32BE(hsize + byteSize(body), 0)
  writeResponseHeader(head, 4, correlationId, headerVersion)
  if (Buffer.isBuffer(body)) return [head, body]
  const out: Buffer[] = [head]
  for (const b of body) out.push(b)
  return out
}

/**
 * Encodes and frames a complete response for `apiKey`/`apiVersion`, choosing the header version
 * (ApiVersions always v0). Returns buffers for a vectored write.
 *
 * @throws UnsupportedVersionError / ProtocolEncodeError as {@link encodeResponseBody}
 */
export function encodeResponse<K extends ApiKeyNumber>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: Encodable<ResponseOf<K>>,
): Buffer[] {
  const chunks = encodeResponseBody(apiKey, apiVersion, body).toChunks()
  return encodeResponseFrame(correlationId, responseHeaderVersion(apiKey, apiVersion), chunks)
}

/**
 * Encodes and frames a complete request (size prefix, header v1/v2, body) as one Buffer; for
 * tests and tools acting as a client.
 */
export function encodeRequest<K extends ApiKeyNumber>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: Encodable<RequestOf<K>>,
): Buffer {
  const w = new Writer(256)
  w.int32(0) // size placeholder, patched below
  encodeRequestHeader({ apiKey, apiVersion, correlationId, clientId }, requestHeaderVersion(apiKey, apiVersion), w)
  encodeRequestBody(apiKey, apiVersion, body, w)
  const frame = w.toBuffer()
  frame.writeInt32BE(frame.length - 4, 0)
  return frame
}
