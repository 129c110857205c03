/**
 * ApiVersions (API key 18), versions 0-3. Field layouts follow apache/kafka 3.8
 * `ApiVersionsRequest.json` / `ApiVersionsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * ApiVersionsRequest v0-v2 => (empty)
 * ApiVersionsRequest v3 => client_software_name:COMPACT_STRING client_software_version:COMPACT_STRING TAG_BUFFER
 * ApiVersionsResponse v0 => error_code:INT16 [api_keys]
 *   api_keys => api_key:INT16 min_version:INT16 max_version:INT16
 * ApiVersionsResponse v1-v2 => error_code:INT16 [api_keys] throttle_time_ms:INT32
 *   api_keys => api_key:INT16 min_version:INT16 max_version:INT16
 * ApiVersionsResponse v3 => error_code:INT16 [api_keys] throttle_time_ms:INT32 <tag 0: [supported_features]> <tag 1: finalized_features_epoch:INT64> <tag 2: [finalized_features]> <tag 3: zk_migration_ready:BOOLEAN> TAG_BUFFER
 *   api_keys => api_key:INT16 min_version:INT16 max_version:INT16 TAG_BUFFER
 *   supported_features => name:COMPACT_STRING min_version:INT16 max_version:INT16 TAG_BUFFER
 *   finalized_features => name:COMPACT_STRING max_version_level:INT16 min_version_level:INT16 TAG_BUFFER
 */
import { defineMessage } from '../schema/message-schema.js'

/** ApiVersions request body (all versions 0-3; fields absent from a version hold their defaults). */
export interface ApiVersionsRequest {
  /** The name of the client. (v3+) */
  readonly clientSoftwareName: string
  /** The version of the client. (v3+) */
  readonly clientSoftwareVersion: string
}

/** Schema of the ApiVersions request body, versions 0-3. */
export const ApiVersionsRequestSchema = defineMessage<ApiVersionsRequest>({
  name: 'ApiVersionsRequest',
  apiKey: 18,
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'clientSoftwareName', type: 'string', versions: '3+' },
    { name: 'clientSoftwareVersion', type: 'string', versions: '3+' },
  ],
})

/** Element of ApiVersionsResponse (nested struct). */
export interface ApiVersionsResponseApiVersion {
  /** The API index. */
  readonly apiKey: number
  /** The minimum supported version, inclusive. */
  readonly minVersion: number
  /** The maximum supported version, inclusive. */
  readonly maxVersion: number
}

/** Element of ApiVersionsResponse (nested struct). */
export interface ApiVersionsResponseSupportedFeatureKey {
  /** The name of the feature. (v3+) */
  readonly name: string
  /** The minimum supported version for the feature. (v3+) */
  readonly minVersion: number
  /** The maximum supported version for the feature. (v3+) */
  readonly maxVersion: number
}

/** Element of ApiVersionsResponse (nested struct). */
export interface ApiVersionsResponseFinalizedFeatureKey {
  /** The name of the feature. (v3+) */
  readonly name: string
  /** The cluster-wide finalized max version level for the feature. (v3+) */
  readonly maxVersionLevel: number
  /** The cluster-wide finalized min version level for the feature. (v3+) */
  readonly minVersionLevel: number
}

/** ApiVersions response body (all versions 0-3; fields absent from a version hold their defaults). */
export interface ApiVersionsResponse {
  /** The top-level error code. */
  readonly errorCode: number
  /** The APIs supported by the broker. */
  readonly apiKeys: ApiVersionsResponseApiVersion[]
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. (v1+) */
  readonly throttleTimeMs: number
  /** Features supported by the broker. (v3+) */
  readonly supportedFeatures: ApiVersionsResponseSupportedFeatureKey[]
  /** The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch. (v3+; default -1) */
  readonly finalizedFeaturesEpoch: bigint
  /** List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0. (v3+) */
  readonly finalizedFeatures: ApiVersionsResponseFinalizedFeatureKey[]
  /** Set by a KRaft controller if the required configurations for ZK migration are present (v3+; default false) */
  readonly zkMigrationReady: boolean
}

/** Schema of the ApiVersions response body, versions 0-3. */
export const ApiVersionsResponseSchema = defineMessage<ApiVersionsResponse>({
  name: 'ApiVersionsResponse',
  apiKey: 18,
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'apiKeys', type: '[]struct', versions: '0+', fields: [
      { name: 'apiKey', type: 'int16', versions: '0+' },
      { name: 'minVersion', type: 'int16', versions: '0+' },
      { name: 'maxVersion', type: 'int16', versions: '0+' },
    ] },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'supportedFeatures', type: '[]struct', versions: '3+', taggedVersions: '3+', tag: 0, fields: [
      { name: 'name', type: 'string', versions: '3+' },
      { name: 'minVersion', type: 'int16', versions: '3+' },
      { name: 'maxVersion', type: 'int16', versions: '3+' },
    ] },
    { name: 'finalizedFeaturesEpoch', type: 'int64', versions: '3+', taggedVersions: '3+', tag: 1, default: -1 },
    { name: 'finalizedFeatures', type: '[]struct', versions: '3+', taggedVersions: '3+', tag: 2, fields: [
      { name: 'name', type: 'string', versions: '3+' },
      { name: 'maxVersionLevel', type: 'int16', versions: '3+' },
      { name: 'minVersionLevel', type: 'int16', versions: '3+' },
    ] },
    { name: 'zkMigrationReady', type: 'bool', versions: '3+', taggedVersions: '3+', tag: 3, default: false },
  ],
})

const SOFTWARE_FIELD = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/

/**
 * Whether a v3+ `clientSoftwareName`/`clientSoftwareVersion` is acceptable (Kafka
 * `ApiVersionsRequest.isValid`); the broker answers INVALID_REQUEST (42) otherwise.
 */
export function isValidClientSoftwareField(value: string): boolean {
  return SOFTWARE_FIELD.test(value)
}
