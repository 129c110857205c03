import { ApiKey, ErrorCode } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { alterTarget } from './internal/config-resource.js'
import type { TopicCatalog } from './topic-catalog.js'

/**
 * AlterConfigs (the legacy, non-incremental API): a topic's overrides are replaced by exactly the
 * configs given; validation failures are INVALID_CONFIG with Kafka's message. `validate_only`
 * checks without changing anything.
 */
export function alterConfigsHandler(catalog: TopicCatalog, nodeId: number): ApiHandler<typeof ApiKey.AlterConfigs> {
  return {
    apiKey: ApiKey.AlterConfigs,
    handle(request) {
      return {
        responses: request.resources.map((r) => {
          const base = { resourceType: r.resourceType, resourceName: r.resourceName }
          const target = alterTarget(r.resourceType, r.resourceName, catalog, nodeId)
          if (target.kind === 'error') return { ...base, errorCode: target.errorCode, errorMessage: target.errorMessage }
          const overrides: Record<string, string> = {}
          for (const c of r.configs) {
            if (c.value === null) {
              return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Null value not supported for : ${c.name}` }
            }
            overrides[c.name] = c.value
          }
          const result = catalog.setTopicConfigOverrides(r.resourceName, overrides, { validateOnly: request.validateOnly })
          return { ...base, errorCode: result.errorCode, errorMessage: result.errorMessage }
        }),
      }
    },
    errorResponse: (request, errorCode) => ({
      responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })),
    }),
  }
}
