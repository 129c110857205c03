import { ErrorCode } from '../../protocol/index.js'
import type { TopicConfigOverrides } from '../../log/topic-config.js'
import type { TopicCatalog } from '../topic-catalog.js'
import { ResourceType } from './config-source.js'
import { topicNameError } from '../../log/topic-name.js'

/** A config resource an alter request may change, or why it cannot. */
export type AlterTarget =
  | { readonly kind: 'topic'; readonly overrides: TopicConfigOverrides }
  | { readonly kind: 'error'; readonly errorCode: number; readonly errorMessage: string }

/**
 * Resolves the resource of an AlterConfigs/IncrementalAlterConfigs entry. Only topics can be
 * altered: broker configs are fixed at start on the bundled broker (INVALID_REQUEST says so).
 */
export function alterTarget(resourceType: number, resourceName: string, catalog: TopicCatalog, nodeId: number): AlterTarget {
  if (resourceType === ResourceType.TOPIC) {
    const invalid = topicNameError(resourceName)
    if (invalid !== undefined) return { kind: 'error', errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: invalid }
    const overrides = catalog.topicConfigOverrides(resourceName)
    if (overrides === undefined) {
      return { kind: 'error', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `The topic '${resourceName}' does not exist.` }
    }
    return { kind: 'topic', overrides }
  }
  if (resourceType === ResourceType.BROKER) {
    if (resourceName !== '' && resourceName !== String(nodeId)) {
      return {
        kind: 'error',
        errorCode: ErrorCode.INVALID_REQUEST,
        errorMessage: `Unexpected broker id, expected ${nodeId} or empty string, but received ${resourceName}`,
      }
    }
    return {
      kind: 'error',
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'The bundled broker does not change broker configs at runtime; restart it with the new configuration.',
    }
  }
  return { kind: 'error', errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${resourceType}` }
}
