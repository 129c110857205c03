/**
 * The ApiVersions "v0 fallback" (protocol.md §1.2, Kafka `ApiVersionsRequest.getErrorResponse`):
 * an ApiVersions request with a version the broker does not support is answered, without
 * parsing its body, by a v0 body (`error_code` UNSUPPORTED_VERSION and a single entry for key 18
 * with the supported ApiVersions range, no throttle field) under response header v0.
 */
import { ApiKey } from './api-key.js'
import { ErrorCode } from './error-codes.js'
import { encodeResponseFrame } from './frame.js'
import { ApiVersionsResponseSchema } from './messages/api-versions.js'
import { apiDefinition } from './registry.js'
import { encodeMessageToBuffer } from './schema/encode.js'

/** The v0 ApiVersions body answering an unsupported ApiVersions version (a fresh Buffer). */
export function unsupportedApiVersionsResponse(): Buffer {
  const d = apiDefinition(ApiKey.ApiVersions)
  return encodeMessageToBuffer(ApiVersionsResponseSchema, 0, {
    errorCode: ErrorCode.UNSUPPORTED_VERSION,
    apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion: d.minVersion, maxVersion: d.maxVersion }],
  })
}

/** The complete framed fallback response (size prefix, header v0, v0 body) for `correlationId`. */
export function unsupportedApiVersionsFrame(correlationId: number): Buffer[] {
  return encodeResponseFrame(correlationId, 0, unsupportedApiVersionsResponse())
}
