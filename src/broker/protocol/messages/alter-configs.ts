/**
 * AlterConfigs (API key 33), versions 0-1. Field layouts follow apache/kafka 3.8
 * `AlterConfigsRequest.json` / `AlterConfigsResponse.json` (only the versions we implement).
 *
 * Grammar (Kafka protocol-guide style; `[x]` = array of struct x, `?` = nullable; versions ending in
 * TAG_BUFFER are flexible: their arrays are compact and every struct ends with a tagged-field section):
 * AlterConfigsRequest v0-v1 => [resources] validate_only:BOOLEAN
 *   resources => resource_type:INT8 resource_name:STRING [configs]
 *     configs => name:STRING value:NULLABLE_STRING
 * AlterConfigsResponse v0-v1 => throttle_time_ms:INT32 [responses]
 *   responses => error_code:INT16 error_message:NULLABLE_STRING resource_type:INT8 resource_name:STRING
 */
import { defineMessage } from '../schema/message-schema.js'

/** Element of AlterConfigsRequest (nested struct). */
export interface AlterConfigsRequestAlterableConfig {
  /** The configuration key name. */
  readonly name: string
  /** The value to set for the configuration key. */
  readonly value: string | null
}

/** Element of AlterConfigsRequest (nested struct). */
export interface AlterConfigsResource {
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
  /** The configurations. */
  readonly configs: AlterConfigsRequestAlterableConfig[]
}

/** AlterConfigs request body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AlterConfigsRequest {
  /** The updates for each resource. */
  readonly resources: AlterConfigsResource[]
  /** True if we should validate the request, but not change the configurations. */
  readonly validateOnly: boolean
}

/** Schema of the AlterConfigs request body, versions 0-1. */
export const AlterConfigsRequestSchema = defineMessage<AlterConfigsRequest>({
  name: 'AlterConfigsRequest',
  apiKey: 33,
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '2+',
  fields: [
    { name: 'resources', type: '[]struct', versions: '0+', fields: [
      { name: 'resourceType', type: 'int8', versions: '0+' },
      { name: 'resourceName', type: 'string', versions: '0+' },
      { name: 'configs', type: '[]struct', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
})

/** Element of AlterConfigsResponse (nested struct). */
export interface AlterConfigsResourceResponse {
  /** The resource error code. */
  readonly errorCode: number
  /** The resource error message, or null if there was no error. */
  readonly errorMessage: string | null
  /** The resource type. */
  readonly resourceType: number
  /** The resource name. */
  readonly resourceName: string
}

/** AlterConfigs response body (all versions 0-1; fields absent from a version hold their defaults). */
export interface AlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  readonly throttleTimeMs: number
  /** The responses for each resource. */
  readonly responses: AlterConfigsResourceResponse[]
}

/** Schema of the AlterConfigs response body, versions 0-1. */
export const AlterConfigsResponseSchema = defineMessage<AlterConfigsResponse>({
  name: 'AlterConfigsResponse',
  apiKey: 33,
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '2+',
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
