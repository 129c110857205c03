import { ApiKey, ErrorCode, type CreatePartitionsTopic } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { duplicates } from './internal/duplicates.js'
import { MAX_PARTITIONS_PER_TOPIC } from './internal/limits.js'
import { manualAssignmentError } from './internal/manual-assignment.js'
import type { DelayedFetches } from './internal/delayed-fetches.js'
import type { TopicCatalog } from './topic-catalog.js'

/**
 * CreatePartitions: grows topics (never shrinks: INVALID_PARTITIONS). Manual assignments must
 * cover exactly the new partitions and name only this broker (INVALID_REPLICA_ASSIGNMENT).
 */
export function createPartitionsHandler(catalog: TopicCatalog, nodeId: number, fetches: DelayedFetches): ApiHandler<typeof ApiKey.CreatePartitions> {
  function growOne(t: CreatePartitionsTopic, validateOnly: boolean): { errorCode: number; errorMessage: string | null } {
    const info = catalog.topic(t.name)
    if (info === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `The topic '${t.name}' does not exist.` }
    if (t.count > MAX_PARTITIONS_PER_TOPIC) {
      return {
        errorCode: ErrorCode.INVALID_PARTITIONS,
        errorMessage: `Number of partitions ${t.count} exceeds the bundled broker's limit of ${MAX_PARTITIONS_PER_TOPIC} per topic.`,
      }
    }
    if (t.assignments !== null) {
      const added = t.count - info.partitionCount
      if (added > 0 && t.assignments.length !== added) {
        return {
          errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          errorMessage: `Attempted to add ${added} additional partition(s), but only ${t.assignments.length} assignment(s) were specified.`,
        }
      }
      for (const a of t.assignments) {
        const replicaError = manualAssignmentError(a.brokerIds, nodeId)
        if (replicaError !== null) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: replicaError }
      }
    }
    const result = catalog.createPartitions(t.name, t.count, { validateOnly })
    if (result.errorCode === 0 && !validateOnly) fetches.notifyTopicChanged(t.name)
    return result
  }

  return {
    apiKey: ApiKey.CreatePartitions,
    handle(request) {
      const dup = duplicates(request.topics.map((t) => t.name))
      return {
        results: request.topics.map((t) =>
          dup.has(t.name)
            ? { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic in request.' }
            : { name: t.name, ...growOne(t, request.validateOnly) },
        ),
      }
    },
    errorResponse: (request, errorCode) => ({ results: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage: null })) }),
  }
}
