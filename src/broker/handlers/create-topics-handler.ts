import { ApiKey, ErrorCode, type CreateTopicsRequestCreatableTopic, type CreateTopicsResponseCreatableTopicResult } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { duplicates } from './internal/duplicates.js'
import { MAX_PARTITIONS_PER_TOPIC } from './internal/limits.js'
import { manualAssignmentError } from './internal/manual-assignment.js'
import type { TopicCatalog } from './topic-catalog.js'

/**
 * CreateTopics: validates each topic the way Kafka's controller does, then asks the catalog to
 * create it (or only to validate, with `validate_only`). A single node can only hold replication
 * factor 1 (or -1, the default): anything else is INVALID_REPLICATION_FACTOR. Manual replica
 * assignments need `num_partitions` and `replication_factor` -1 (INVALID_REQUEST), and must name
 * only this broker, once, for partitions numbered 0..n-1 (INVALID_REPLICA_ASSIGNMENT). A topic
 * named twice in one request fails with INVALID_REQUEST.
 */
export function createTopicsHandler(catalog: TopicCatalog, nodeId: number): ApiHandler<typeof ApiKey.CreateTopics> {
  function createOne(t: CreateTopicsRequestCreatableTopic, validateOnly: boolean): { errorCode: number; errorMessage: string | null } {
    let partitions = t.numPartitions
    if (t.assignments.length > 0) {
      // Kafka's ReplicationControlManager checks, in its order and words.
      if (t.replicationFactor !== -1) {
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'A manual partition assignment was specified, but replication factor was not set to -1.' }
      }
      if (t.numPartitions !== -1) {
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'A manual partition assignment was specified, but numPartitions was not set to -1.' }
      }
      const seen = new Set<number>()
      for (const a of t.assignments) {
        if (seen.has(a.partitionIndex)) {
          return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `Found multiple manual partition assignments for partition ${a.partitionIndex}` }
        }
        seen.add(a.partitionIndex)
        const replicaError = manualAssignmentError(a.brokerIds, nodeId)
        if (replicaError !== null) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: replicaError }
      }
      for (let i = 0; i < t.assignments.length; i++) {
        if (!seen.has(i)) {
          return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `partitions should be a consecutive 0-based integer sequence` }
        }
      }
      partitions = t.assignments.length
    } else {
      if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
        return {
          errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
          errorMessage:
            t.replicationFactor <= 0
              ? 'Replication factor was set to an invalid non-positive value.'
              : `Unable to replicate the partition ${t.replicationFactor} time(s): The target replication factor of ${t.replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
        }
      }
      if (t.numPartitions === 0 || t.numPartitions < -1) {
        return { errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'Number of partitions was set to an invalid non-positive value.' }
      }
    }
    if (partitions > MAX_PARTITIONS_PER_TOPIC) {
      return {
        errorCode: ErrorCode.INVALID_PARTITIONS,
        errorMessage: `Number of partitions ${partitions} exceeds the bundled broker's limit of ${MAX_PARTITIONS_PER_TOPIC} per topic.`,
      }
    }
    const configs: Record<string, string> = {}
    for (const c of t.configs) {
      if (c.value === null) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Null value not supported for topic configs: ${c.name}` }
      configs[c.name] = c.value
    }
    return catalog.createTopic(t.name, partitions, configs, { validateOnly })
  }

  return {
    apiKey: ApiKey.CreateTopics,
    handle(request, context) {
      const dup = duplicates(request.topics.map((t) => t.name))
      const topics = request.topics.map((t): CreateTopicsResponseCreatableTopicResult => {
        if (dup.has(t.name)) {
          return {
            name: t.name,
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: `Create topics request from client \`${context.clientId ?? ''}\` contains multiple entries for the following topics: ${[...dup].join(', ')}`,
          }
        }
        return { name: t.name, ...createOne(t, request.validateOnly) }
      })
      return { topics }
    },
    errorResponse: (request, errorCode) => ({ topics: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage: null })) }),
  }
}
