/**
 * DescribeConfigs (API key 32), versions 0-1. Field layouts follow apache/kafka 3.8
 * `DescribeConfigsRequest.json` / `DescribeConfigsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * DescribeConfigsRequest v0 => [resources]
 *   resources => resource_type:INT8 resource_name:STRING configuration_keys:ARRAY(STRING)?
 * DescribeConfigsRequest v1 => [resources] include_synonyms:BOOLEAN
 *   resources => resource_type:INT8 resource_name:STRING configuration_keys:ARRAY(STRING)?
 * DescribeConfigsResponse v0 => throttle_time_ms:INT32 [results]
 *   results => error_code:INT16 error_message:NULLABLE_STRING resource_type:INT8 resource_name:STRING [configs]
 *     configs => name:STRING value:NULLABLE_STRING read_only:BOOLEAN is_default:BOOLEAN is_sensitive:BOOLEAN
 * DescribeConfigsResponse v1 => throttle_time_ms:INT32 [results]
 *   results => error_code:INT16 error_message:NULLABLE_STRING resource_type:INT8 resource_name:STRING [configs]
 *     configs => name:STRING value:NULLABLE_STRING read_only:BOOLEAN config_source:INT8 is_sensitive:BOOLEAN [synonyms]
 *       synonyms => name:STRING value:NULLABLE_STRING source:INT8
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of DescribeConfigsRequest (nested struct). */
export interface DescribeConfigsResource {
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
  /** The configuration keys to list, or null to list all configuration keys. */
  readonly configurationKeys: string[] | null
}

/** DescribeConfigs request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  readonly resources: DescribeConfigsResource[]
  /** True if we should include all synonyms. (v1+; default false) */
  readonly includeSynonyms: boolean
}

/** Schema of the DescribeConfigs request body, versions 0-1. */
export const DescribeConfigsRequestSchema = defineMessage<DescribeConfigsRequest>({
  name: 'DescribeConfigsRequest',
  apiKey: 32,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'resources', type: '[]struct', versions: '0+', fields: [
      { name: 'resourceType', type: 'int8', versions: '0+' },
      { name: 'resourceName', type: 'string', versions: '0+' },
      { name: 'configurationKeys', type: '[]string', versions: '0+', nullableVersions: '0+' },
    ] },
    { name: 'includeSynonyms', type: 'bool', versions: '1+', default: false },
  ],
})

/** Element of DescribeConfigsResponse (nested struct). */
export interface DescribeConfigsSynonym {
  /** The synonym name. (v1+) */
  readonly name: string
  /** The synonym value. (v1+) */
  readonly value: string | null
  /** The synonym source. (v1+) */
  readonly source: number
}

/** Element of DescribeConfigsResponse (nested struct). */
export interface DescribeConfigsResourceResult {
  /** The configuration name. */
  readonly name: string
  /** The configuration value. */
  readonly value: string | null
  /** True if the configuration is read-only. */
  readonly readOnly: boolean
  /** True if the configuration is not set. (v0-0) */
  readonly isDefault: boolean
  /** The configuration source. (v1+; default -1) */
  readonly configSource: number
  /** True if this configuration is sensitive. */
  readonly isSensitive: boolean
  /** The synonyms for this configuration key. (v1+) */
  readonly synonyms: DescribeConfigsSynonym[]
}

/** Element of DescribeConfigsResponse (nested struct). */
export interface DescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. */
  readonly errorCode: number
  /** The error message, or null if we were able to successfully describe the configurations. */
  readonly errorMessage: string | null
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
  /** Each listed configuration. */
  readonly configs: DescribeConfigsResourceResult[]
}

/** DescribeConfigs response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The results for each resource. */
  readonly results: DescribeConfigsResult[]
}

/** Schema of the DescribeConfigs response body, versions 0-1. */
export const DescribeConfigsResponseSchema = defineMessage<DescribeConfigsResponse>({
  name: 'DescribeConfigsResponse',
  apiKey: 32,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'results', type: '[]struct', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'resourceType', type: 'int8', versions: '0+' },
      { name: 'resourceName', type: 'string', versions: '0+' },
      { name: 'configs', type: '[]struct', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
        { name: 'readOnly', type: 'bool', versions: '0+' },
        { name: 'isDefault', type: 'bool', versions: '0' },
        { name: 'configSource', type: 'int8', versions: '1+', default: -1 },
        { name: 'isSensitive', type: 'bool', versions: '0+' },
        { name: 'synonyms', type: '[]struct', versions: '1+', fields: [
          { name: 'name', type: 'string', versions: '1+' },
          { name: 'value', type: 'string', versions: '1+', nullableVersions: '0+' },
          { name: 'source', type: 'int8', versions: '1+' },
        ] },
      ] },
    ] },
  ],
})
