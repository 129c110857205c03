/**
 * The domain-level requests and results of the offset APIs (OffsetCommit, OffsetFetch,
 * TxnOffsetCommit, OffsetDelete). Offsets are bigint; `leaderEpoch` -1 means unknown.
 */

/** One partition's offset to commit. */
export interface OffsetCommitPartition {
  readonly topic: string
  readonly partition: number
  /** Stored verbatim, negative values included (kafkajs commits -1/-2). */
  readonly offset: bigint
  /** -1 when the request version has no leader epoch. */
  readonly leaderEpoch: number
  /** Null is stored as `''`, as Kafka does. */
  readonly metadata: string | null
}

/** An OffsetCommit request. Standalone consumers send generation -1 and member `''`. */
export interface OffsetCommitRequest {
  readonly groupId: string
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly offsets: readonly OffsetCommitPartition[]
}

/** One partition's outcome of a commit (same order as the request). */
export interface OffsetCommitPartitionResult {
  readonly topic: string
  readonly partition: number
  readonly errorCode: number
}

/** Requested partitions of one topic in an OffsetFetch. */
export interface OffsetFetchTopic {
  readonly topic: string
  readonly partitions: readonly number[]
}

/** One partition's committed offset in an OffsetFetch response. */
export interface OffsetFetchPartitionResult {
  readonly partition: number
  /** -1 when nothing is committed. */
  readonly offset: bigint
  readonly leaderEpoch: number
  /** Null when nothing is committed: the handler writes `''` where the version needs it. */
  readonly metadata: string | null
  readonly errorCode: number
}

/** One topic in an OffsetFetch response. */
export interface OffsetFetchTopicResult {
  readonly topic: string
  readonly partitions: readonly OffsetFetchPartitionResult[]
}

/** An OffsetFetch response (top-level error from v2). */
export interface OffsetFetchResult {
  readonly errorCode: number
  readonly topics: readonly OffsetFetchTopicResult[]
}

/** One partition named in an OffsetDelete request. */
export interface TopicPartitionRef {
  readonly topic: string
  readonly partition: number
}

/** An OffsetDelete response. */
export interface OffsetDeleteResult {
  readonly errorCode: number
  readonly partitions: readonly OffsetCommitPartitionResult[]
}
