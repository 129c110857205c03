import { ApiKey, ErrorCode, type CreateTopicsRequestCreatableTopic, type CreateTopicsResponseCreatableTopicResult } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { duplicates } from './internal/duplicates.js'
import { MAX_PARTITIONS_PER_TOPIC } from './internal/limits.js'
import type { TopicCatalog } from './topic-catalog.js'

/**
 * CreateTopics: validates each topic the way Kafka's controller does, then asks the catalog to
 * create it (or only to validate, with `validate_only`). A single node can only hold replication
 * factor 1 (or -1, the default): anything else is INVALID_REPLICATION_FACTOR. Manual replica
 * assignments must name only this broker, one replica per partition, partitions numbered
 * 0..n-1 (else INVALID_REPLICA_ASSIGNMENT), and exclude `num_partitions`/`replication_factor`
 * (INVALID_REQUEST). A topic named twice in one request fails with INVALID_REQUEST.
 */
export function createTopicsHandler(catalog: TopicCatalog, nodeId: number): ApiHandler<typeof ApiKey.CreateTopics> {
  function createOne(t: CreateTopicsRequestCreatableTopic, validateOnly: boolean): { errorCode: number; errorMessage: string | null } {
    let partitions = t.numPartitions
    if (t.assignments.length > 0) {
      if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
        return {
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
        }
      }
      const sorted = [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex)
      for (let i = 0; i < sorted.length; i++) {
        const a = sorted[i]!
        if (a.partitionIndex !== i) {
          return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'Partitions should be a consecutive 0-based integer sequence' }
        }
        if (a.brokerIds.length === 0) {
          return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `The manual partition assignment of partition ${i} is empty.` }
        }
        const other = a.brokerIds.find((id) => id !== nodeId)
        if (other !== undefined) {
          return {
            errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            errorMessage: `The manual partition assignment includes broker ${other}, but no broker with that id is registered.`,
          }
        }
        if (a.brokerIds.length > 1) {
          return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `The manual partition assignment of partition ${i} contains duplicate broker ids.` }
        }
      }
      partitions = sorted.length
    } else {
      if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
        return {
          errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
          errorMessage:
            t.replicationFactor <= 0
              ? 'Replication factor must be larger than 0, or -1 to use the default value.'
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
