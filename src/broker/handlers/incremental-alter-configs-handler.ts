import { topicConfigDefault } from '../log/topic-config.js'
import { ApiKey, ErrorCode } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { alterTarget } from './internal/config-resource.js'
import { duplicates } from './internal/duplicates.js'
import type { TopicCatalog } from './topic-catalog.js'

/** `AlterConfigOp.OpType` ids. */
const SET = 0
const DELETE = 1
const APPEND = 2
const SUBTRACT = 3

/** Topic configs of LIST type: the only ones APPEND and SUBTRACT apply to. */
const LIST_CONFIGS = new Set(['cleanup.policy', 'follower.replication.throttled.replicas', 'leader.replication.throttled.replicas'])

/**
 * IncrementalAlterConfigs: SET, DELETE (back to the default), APPEND and SUBTRACT (list configs
 * only) applied to a topic's current overrides, then validated as a whole (INVALID_CONFIG). A key
 * named twice in one resource, or an unknown operation, is INVALID_REQUEST.
 */
export function incrementalAlterConfigsHandler(catalog: TopicCatalog, nodeId: number): ApiHandler<typeof ApiKey.IncrementalAlterConfigs> {
  return {
    apiKey: ApiKey.IncrementalAlterConfigs,
    handle(request) {
      return {
        responses: request.resources.map((r) => {
          const base = { resourceType: r.resourceType, resourceName: r.resourceName }
          const fail = (errorCode: number, errorMessage: string) => ({ ...base, errorCode, errorMessage })
          const dup = duplicates(r.configs.map((c) => c.name))
          if (dup.size > 0) return fail(ErrorCode.INVALID_REQUEST, `Error due to duplicate config keys: ${[...dup].join(', ')}`)
          const target = alterTarget(r.resourceType, r.resourceName, catalog, nodeId)
          if (target.kind === 'error') return fail(target.errorCode, target.errorMessage)
          const next: Record<string, string> = { ...target.overrides }
          for (const c of r.configs) {
            switch (c.configOperation) {
              case SET:
                if (c.value === null) return fail(ErrorCode.INVALID_REQUEST, `Null value not supported for : ${c.name}`)
                next[c.name] = c.value
                break
              case DELETE:
                delete next[c.name]
                break
              case APPEND:
              case SUBTRACT: {
                if (!LIST_CONFIGS.has(c.name)) {
                  const verb = c.configOperation === APPEND ? 'append' : 'subtract'
                  return fail(ErrorCode.INVALID_CONFIG, `Config value ${verb} is not allowed for config key: ${c.name}`)
                }
                const current = splitList(next[c.name] ?? topicConfigDefault(c.name) ?? '')
                const items = splitList(c.value ?? '')
                const result =
                  c.configOperation === APPEND ? [...current, ...items.filter((i) => !current.includes(i))] : current.filter((i) => !items.includes(i))
                next[c.name] = result.join(',')
                break
              }
              default:
                return fail(ErrorCode.INVALID_REQUEST, `Unknown alter configs operation ${c.configOperation} for ${c.name}`)
            }
          }
          const result = catalog.setTopicConfigOverrides(r.resourceName, next, { validateOnly: request.validateOnly })
          return { ...base, errorCode: result.errorCode, errorMessage: result.errorMessage }
        }),
      }
    },
    errorResponse: (request, errorCode) => ({
      responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })),
    }),
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
