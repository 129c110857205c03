/**
 * IncrementalAlterConfigs (API key 44), versions 0-1. Field layouts follow apache/kafka 3.8
 * `IncrementalAlterConfigsRequest.json` / `IncrementalAlterConfigsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * IncrementalAlterConfigsRequest v0 => [resources] validate_only:BOOLEAN
 *   resources => resource_type:INT8 resource_name:STRING [configs]
 *     configs => name:STRING config_operation:INT8 value:NULLABLE_STRING
 * IncrementalAlterConfigsRequest v1 => [resources] validate_only:BOOLEAN TAG_BUFFER
 *   resources => resource_type:INT8 resource_name:COMPACT_STRING [configs] TAG_BUFFER
 *     configs => name:COMPACT_STRING config_operation:INT8 value:COMPACT_NULLABLE_STRING TAG_BUFFER
 * IncrementalAlterConfigsResponse v0 => throttle_time_ms:INT32 [responses]
 *   responses => error_code:INT16 error_message:NULLABLE_STRING resource_type:INT8 resource_name:STRING
 * IncrementalAlterConfigsResponse v1 => throttle_time_ms:INT32 [responses] TAG_BUFFER
 *   responses => error_code:INT16 error_message:COMPACT_NULLABLE_STRING resource_type:INT8 resource_name:COMPACT_STRING TAG_BUFFER
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of IncrementalAlterConfigsRequest (nested struct). */
export interface IncrementalAlterConfigsRequestAlterableConfig {
  /** The configuration key name. */
  readonly name: string
  /** The type (Set, Delete, Append, Subtract) of operation. */
  readonly configOperation: number
  /** The value to set for the configuration key. */
  readonly value: string | null
}

/** Element of IncrementalAlterConfigsRequest (nested struct). */
export interface IncrementalAlterConfigsRequestAlterConfigsResource {
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
  /** The configurations. */
  readonly configs: IncrementalAlterConfigsRequestAlterableConfig[]
}

/** IncrementalAlterConfigs request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface IncrementalAlterConfigsRequest {
  /** The incremental updates for each resource. */
  readonly resources: IncrementalAlterConfigsRequestAlterConfigsResource[]
  /** True if we should validate the request, but not change the configurations. */
  readonly validateOnly: boolean
}

/** Schema of the IncrementalAlterConfigs request body, versions 0-1. */
export const IncrementalAlterConfigsRequestSchema = defineMessage<IncrementalAlterConfigsRequest>({
  name: 'IncrementalAlterConfigsRequest',
  apiKey: 44,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '1+',
  fields: [
    { name: 'resources', type: '[]struct', versions: '0+', fields: [
      { name: 'resourceType', type: 'int8', versions: '0+' },
      { name: 'resourceName', type: 'string', versions: '0+' },
      { name: 'configs', type: '[]struct', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'configOperation', type: 'int8', versions: '0+' },
        { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
})

/** Element of IncrementalAlterConfigsResponse (nested struct). */
export interface IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  /** The resource error code. */
  readonly errorCode: number
  /** The resource error message, or null if there was no error. */
  readonly errorMessage: string | null
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
}

/** IncrementalAlterConfigs response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface IncrementalAlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The responses for each resource. */
  readonly responses: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[]
}

/** Schema of the IncrementalAlterConfigs response body, versions 0-1. */
export const IncrementalAlterConfigsResponseSchema = defineMessage<IncrementalAlterConfigsResponse>({
  name: 'IncrementalAlterConfigsResponse',
  apiKey: 44,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '1+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'responses', type: '[]struct', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'resourceType', type: 'int8', versions: '0+' },
      { name: 'resourceName', type: 'string', versions: '0+' },
    ] },
  ],
})
