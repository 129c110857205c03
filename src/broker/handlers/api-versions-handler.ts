import { ApiKey, ErrorCode, type ApiVersionsEntry } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'

/** Kafka's rule for ApiVersions v3+ client software name and version (`ApiVersionsRequest.isValid`). */
const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/

/**
 * ApiVersions: the advertised (apiKey, min, max) list. Versions above the supported range never
 * reach this handler (the dispatcher answers them with the v0 fallback); v3+ requests with an
 * invalid client software name/version get INVALID_REQUEST, as in Kafka.
 */
export function apiVersionsHandler(entries: readonly ApiVersionsEntry[]): ApiHandler<typeof ApiKey.ApiVersions> {
  const apiKeys = entries.map((e) => ({ apiKey: e.apiKey, minVersion: e.minVersion, maxVersion: e.maxVersion }))
  return {
    apiKey: ApiKey.ApiVersions,
    handle(request, context) {
      if (
        context.apiVersion >= 3 &&
        (!SOFTWARE_PATTERN.test(request.clientSoftwareName) || !SOFTWARE_PATTERN.test(request.clientSoftwareVersion))
      ) {
        return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys: [] }
      }
      return { errorCode: ErrorCode.NONE, apiKeys, throttleTimeMs: 0 }
    },
    errorResponse: (_request, errorCode) => ({ errorCode, apiKeys: [] }),
  }
}
