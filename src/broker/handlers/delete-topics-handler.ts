import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import { ApiKey, ErrorCode } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { duplicates } from './internal/duplicates.js'
import type { DelayedFetches } from './internal/delayed-fetches.js'
import type { TopicCatalog } from './topic-catalog.js'

/**
 * DeleteTopics: deletes each topic with its data, drops the groups' committed offsets for it
 * (Kafka does the same) and wakes fetches parked on it. Unknown topics get
 * UNKNOWN_TOPIC_OR_PARTITION; a name given twice gets INVALID_REQUEST.
 */
export function deleteTopicsHandler(catalog: TopicCatalog, groups: GroupCoordinator, fetches: DelayedFetches): ApiHandler<typeof ApiKey.DeleteTopics> {
  return {
    apiKey: ApiKey.DeleteTopics,
    handle(request) {
      const dup = duplicates(request.topicNames)
      return {
        responses: request.topicNames.map((name) => {
          if (dup.has(name)) return { name, errorCode: ErrorCode.INVALID_REQUEST }
          const result = catalog.deleteTopic(name)
          if (result.errorCode === 0) {
            groups.onTopicDeleted(name)
            fetches.notifyTopicChanged(name)
          }
          return { name, errorCode: result.errorCode }
        }),
      }
    },
    errorResponse: (request, errorCode) => ({ responses: request.topicNames.map((name) => ({ name, errorCode })) }),
  }
}
