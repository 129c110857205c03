import type { Logger } from '../../logging/index.js'
import { ApiKey, ErrorCode, type MetadataResponsePartition, type MetadataResponseTopic } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import type { BrokerNode } from './broker-node.js'
import { INTERNAL_TOPICS, topicNameError } from '../log/topic-name.js'
import type { TopicCatalog, TopicInfo } from './topic-catalog.js'

/** What the Metadata handler needs. */
export interface MetadataHandlerDeps {
  readonly catalog: TopicCatalog
  /** This broker as clients must reach it. */
  readonly node: () => BrokerNode
  readonly clusterId: string
  /** Broker-level `auto.create.topics.enable`. */
  readonly autoCreateTopics: boolean
  readonly logger: Logger
}

/**
 * Metadata: this node as the only broker and as controller; every partition led by it with
 * itself as the only replica and ISR. Topics null (v1+), or an empty list in v0, mean all
 * topics. An unknown topic is created on the spot when both the request (v4+
 * `allow_auto_topic_creation`; always for older versions) and the broker allow it, and listed
 * without error (Kafka answers LEADER_NOT_AVAILABLE first; creating synchronously is simpler and
 * every client accepts it); otherwise it gets UNKNOWN_TOPIC_OR_PARTITION, or
 * INVALID_TOPIC_EXCEPTION for an illegal name.
 */
export function metadataHandler(deps: MetadataHandlerDeps): ApiHandler<typeof ApiKey.Metadata> {
  const { catalog, logger } = deps
  const describe = (info: TopicInfo, nodeId: number, replicas: number[]): MetadataResponseTopic => {
    const partitions: MetadataResponsePartition[] = new Array<MetadataResponsePartition>(info.partitionCount)
    for (let i = 0; i < info.partitionCount; i++) {
      partitions[i] = { errorCode: 0, partitionIndex: i, leaderId: nodeId, replicaNodes: replicas, isrNodes: replicas }
    }
    return { errorCode: 0, name: info.name, isInternal: info.isInternal, partitions }
  }
  const failed = (name: string, errorCode: number): MetadataResponseTopic => ({ errorCode, name, isInternal: false, partitions: [] })

  return {
    apiKey: ApiKey.Metadata,
    handle(request, context) {
      const self = deps.node()
      const replicas = [self.nodeId]
      const allowAutoCreate = deps.autoCreateTopics && (context.apiVersion < 4 || request.allowAutoTopicCreation)
      let topics: MetadataResponseTopic[]
      if (request.topics === null || (context.apiVersion === 0 && request.topics.length === 0)) {
        topics = catalog.listTopics().map((t) => describe(t, self.nodeId, replicas))
      } else {
        const seen = new Set<string>()
        topics = []
        for (const { name } of request.topics) {
          if (seen.has(name)) continue
          seen.add(name)
          let info = catalog.topic(name)
          if (info === undefined) {
            if (topicNameError(name) !== undefined) {
              topics.push(failed(name, ErrorCode.INVALID_TOPIC_EXCEPTION))
              continue
            }
            // Internal topics belong to their coordinators: never auto-created as plain topics.
            if (!allowAutoCreate || INTERNAL_TOPICS.has(name)) {
              topics.push(failed(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION))
              continue
            }
            const created = catalog.createTopic(name, -1, {})
            if (created.errorCode !== 0 && created.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) {
              logger.warn({ topic: name, errorCode: created.errorCode }, `auto-creation failed: ${created.errorMessage ?? ''}`)
              topics.push(failed(name, created.errorCode))
              continue
            }
            logger.info({ topic: name }, 'auto-created topic')
            info = catalog.topic(name)
            if (info === undefined) {
              topics.push(failed(name, ErrorCode.LEADER_NOT_AVAILABLE))
              continue
            }
          }
          topics.push(describe(info, self.nodeId, replicas))
        }
      }
      return {
        brokers: [{ nodeId: self.nodeId, host: self.host, port: self.port, rack: null }],
        clusterId: deps.clusterId,
        controllerId: self.nodeId,
        topics,
      }
    },
  }
}
