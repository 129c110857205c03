import type { Logger } from '../../../logging/index.js'
import type { Group } from '../group.js'
import type {
  OffsetCommitPartition,
  OffsetCommitPartitionResult,
  OffsetDeleteResult,
  OffsetFetchPartitionResult,
  OffsetFetchResult,
  OffsetFetchTopic,
  OffsetFetchTopicResult,
  TopicPartitionRef,
} from '../offset-requests.js'
import type { OffsetStore } from '../offset-store.js'
import type { Scheduler } from '../scheduler.js'
import { ErrorCode } from '../../protocol/error-codes.js'
import { parseSubscribedTopics } from './subscribed-topics.js'

/** Limits applied to commits. */
export interface OffsetManagerLimits {
  readonly metadataMaxBytes: number
  readonly partitionExists: ((topic: string, partition: number) => boolean) | undefined
}

/**
 * The offset side of the coordinator once membership has been validated: per-partition checks,
 * durable writes through the store, fetch (including "all partitions"), delete, and the
 * transactional (pending) offsets the transaction coordinator completes.
 */
export class OffsetManager {
  constructor(
    private readonly store: OffsetStore,
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
    private readonly limits: OffsetManagerLimits,
  ) {}

  commit(groupId: string, offsets: readonly OffsetCommitPartition[]): OffsetCommitPartitionResult[] {
    const { results, accepted } = this.check(offsets)
    if (accepted.length === 0) return results
    try {
      this.store.commit(groupId, accepted, this.scheduler.nowMs())
    } catch (err) {
      this.logger.error({ groupId, err }, 'Failed to store committed offsets')
      return failAccepted(results)
    }
    return results
  }

  prepareTransactional(groupId: string, producerId: bigint, producerEpoch: number, offsets: readonly OffsetCommitPartition[]): OffsetCommitPartitionResult[] {
    const pendingEpoch = this.store.pendingEpoch(groupId, producerId)
    if (pendingEpoch !== undefined && producerEpoch < pendingEpoch) {
      return offsets.map((o) => ({ topic: o.topic, partition: o.partition, errorCode: ErrorCode.INVALID_PRODUCER_EPOCH }))
    }
    const { results, accepted } = this.check(offsets)
    if (accepted.length === 0) return results
    try {
      this.store.prepareTxn(groupId, producerId, producerEpoch, accepted, this.scheduler.nowMs())
    } catch (err) {
      this.logger.error({ groupId, producerId: producerId.toString(), err }, 'Failed to store transactional offsets')
      return failAccepted(results)
    }
    return results
  }

  completeTransactional(producerId: bigint, commit: boolean): void {
    if (this.store.completeTxn(producerId, commit)) {
      this.logger.debug({ producerId: producerId.toString(), commit }, 'Completed transactional offsets')
    }
  }

  fetch(groupId: string, topics: readonly OffsetFetchTopic[] | null, requireStable: boolean): OffsetFetchResult {
    const partitionResult = (topic: string, partition: number): OffsetFetchPartitionResult => {
      if (requireStable && this.store.hasPendingFor(groupId, topic, partition)) {
        return { partition, offset: -1n, leaderEpoch: -1, metadata: null, errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT }
      }
      const c = this.store.get(groupId, topic, partition)
      if (c === undefined) return { partition, offset: -1n, leaderEpoch: -1, metadata: null, errorCode: ErrorCode.NONE }
      return { partition, offset: c.offset, leaderEpoch: c.leaderEpoch, metadata: c.metadata, errorCode: ErrorCode.NONE }
    }
    let result: OffsetFetchTopicResult[]
    if (topics === null) {
      result = []
      for (const [topic, partitions] of this.store.offsetsOf(groupId)) {
        result.push({ topic, partitions: [...partitions.keys()].sort((a, b) => a - b).map((p) => partitionResult(topic, p)) })
      }
    } else {
      result = topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => partitionResult(t.topic, p)) }))
    }
    return { errorCode: ErrorCode.NONE, topics: result }
  }

  /** Kafka's `handleDeleteOffsets`: Empty groups delete anything; consumer groups only unsubscribed topics. */
  delete(group: Group, partitions: readonly TopicPartitionRef[]): OffsetDeleteResult {
    let isSubscribed: (topic: string) => boolean = () => false
    if (!group.is('Empty')) {
      if (group.protocolType !== 'consumer') return { errorCode: ErrorCode.NON_EMPTY_GROUP, partitions: [] }
      const topics = group.subscribedTopics(parseSubscribedTopics)
      isSubscribed = (topic) => topics === undefined || topics.has(topic)
    }
    const results: OffsetCommitPartitionResult[] = []
    const eligible: TopicPartitionRef[] = []
    for (const p of partitions) {
      const subscribed = isSubscribed(p.topic)
      if (!subscribed) eligible.push(p)
      results.push({ topic: p.topic, partition: p.partition, errorCode: subscribed ? ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC : ErrorCode.NONE })
    }
    try {
      this.store.deleteOffsets(group.groupId, eligible)
    } catch (err) {
      this.logger.error({ groupId: group.groupId, err }, 'Failed to delete offsets')
      return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, partitions: [] }
    }
    return { errorCode: ErrorCode.NONE, partitions: results }
  }

  /** Per-partition validation; returns the results (in request order) and the partitions to store. */
  private check(offsets: readonly OffsetCommitPartition[]): { results: OffsetCommitPartitionResult[]; accepted: OffsetCommitPartition[] } {
    const results: OffsetCommitPartitionResult[] = []
    const accepted: OffsetCommitPartition[] = []
    const exists = this.limits.partitionExists
    for (const o of offsets) {
      let errorCode: number = ErrorCode.NONE
      if (exists !== undefined && !exists(o.topic, o.partition)) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
      else if (o.metadata !== null && o.metadata.length > this.limits.metadataMaxBytes) errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE
      else accepted.push(o)
      results.push({ topic: o.topic, partition: o.partition, errorCode })
    }
    return { results, accepted }
  }
}

function failAccepted(results: readonly OffsetCommitPartitionResult[]): OffsetCommitPartitionResult[] {
  return results.map((r) => (r.errorCode === ErrorCode.NONE ? { ...r, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE } : r))
}
