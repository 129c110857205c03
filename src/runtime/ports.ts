/**
 * The ports through which the runtime talks to Kafka: a group consumer, a (transactional)
 * producer, an admin client and a group-less restore consumer. The runtime never imports a
 * client library; `src/clients/kafkajs/` implements these with kafkajs. Offsets and timestamps
 * are JavaScript numbers here (exact up to 2^53); adapters convert at their boundary.
 */
import type { Headers } from '../../processor-api/headers.js'
import type { RawRecord, TopicPartition } from './task/raw-record.js'

export type { RawRecord, TopicPartition }

/** Consumed records of one partition, in offset order (control records and aborted data removed). */
export interface ConsumedBatch {
  readonly topic: string
  readonly partition: number
  readonly records: readonly RawRecord[]
  /**
   * The offset after the last readable record of the partition as the broker reported it with
   * this batch (high watermark, or last stable offset under read_committed); -1 when unknown.
   */
  readonly endOffset: number
}

/** A position to commit for a partition: the next offset to read, with optional metadata. */
export interface OffsetAndMetadata {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly metadata?: string | null
}

/** What the group leader knows about one member when it computes the assignment. */
export interface MemberSubscription {
  readonly memberId: string
  readonly topics: readonly string[]
  /** The member's subscription user data (the streams `SubscriptionInfo`), or null. */
  readonly userData: Buffer | null
}

/** One member's share of an assignment, as the leader computes it. */
export interface MemberAssignment {
  readonly memberId: string
  readonly partitions: readonly TopicPartition[]
  /** The streams `AssignmentInfo` for this member. */
  readonly userData: Buffer | null
}

/**
 * A custom group assignor (Kafka's `ConsumerPartitionAssignor`), plugged into the consumer
 * under the protocol name `name` (`'stream'` for the streams assignor).
 */
export interface GroupAssignor {
  readonly name: string
  /** User data of this member's next JoinGroup; called synchronously when (re)joining. */
  subscriptionUserData(topics: readonly string[]): Buffer
  /**
   * Computes the assignment on the group leader. `partitionsFor` answers from fresh cluster
   * metadata (null: unknown topic).
   */
  assign(
    members: readonly MemberSubscription[],
    partitionsFor: (topic: string) => number | null,
  ): Promise<readonly MemberAssignment[]> | readonly MemberAssignment[]
}

/** A member of the group as seen after a rebalance: its subscription and its assignment. */
export interface GroupMemberView {
  readonly memberId: string
  readonly subscriptionUserData: Buffer | null
  readonly partitions: readonly TopicPartition[]
  readonly assignmentUserData: Buffer | null
}

/** The outcome of a rebalance for this member. */
export interface GroupAssignment {
  readonly generationId: number
  readonly memberId: string
  readonly isLeader: boolean
  /** The partitions this member now owns (eager protocol: replaces the previous assignment). */
  readonly partitions: readonly TopicPartition[]
  /** This member's assignment user data, or null when it could not be obtained. */
  readonly userData: Buffer | null
  /** Every member of the group (for interactive-query metadata), or null when unknown. */
  readonly members: readonly GroupMemberView[] | null
}

/** Callbacks of the consumer's group membership. */
export interface RebalanceListener {
  /** The member is about to (re)join the group: its partitions are about to be revoked. Synchronous. */
  onRebalanceStarted(): void
  /**
   * The group settled; `assignment` is this member's new assignment. The consumer hands out no
   * record of the new assignment until the returned promise settles (the tasks exist by then).
   */
  onPartitionsAssigned(assignment: GroupAssignment): Promise<void> | void
  /** The consumer failed for good (it will not rejoin by itself). */
  onFatalError(error: unknown): void
}

/** The consumer the stream thread polls (Kafka's main consumer). Reads with read_committed. */
export interface ConsumerPort {
  /** Joins the consumer group with `assignor` and starts fetching assigned partitions. */
  subscribe(options: {
    readonly topics: readonly string[]
    /** Topics that start at the end (auto.offset.reset=latest) when the group has no committed offset; others start at the beginning. */
    readonly resetLatest: readonly string[]
    readonly assignor: GroupAssignor
    readonly listener: RebalanceListener
  }): Promise<void>
  /**
   * Returns the batches fetched since the last poll, waiting up to `maxWaitMs` for the first one.
   * After a rebalance, batches of partitions no longer owned, or re-fetched from the committed
   * offset, may still arrive: the stream thread filters them by assignment and offset.
   */
  poll(maxWaitMs: number): Promise<ConsumedBatch[]>
  /** Wakes up a pending `poll` (it returns what it has, possibly nothing). */
  wakeup(): void
  pause(partitions: readonly TopicPartition[]): void
  resume(partitions: readonly TopicPartition[]): void
  /** The next fetch of the partition starts at `offset` (`SEEK_EARLIEST` / `SEEK_LATEST`: the log start / end). */
  seek(partition: TopicPartition, offset: number): void
  /** Commits positions for the current generation. */
  commit(offsets: readonly OffsetAndMetadata[]): Promise<void>
  /** The group's committed positions of `partitions` (absent: none committed). */
  committed(partitions: readonly TopicPartition[]): Promise<OffsetAndMetadata[]>
  /** The consumer group id (the application id). */
  readonly groupId: string
  close(): Promise<void>
}

/** One record to produce. `partition` null: the producer's default partitioner decides. */
export interface ProducerRecord {
  readonly topic: string
  readonly partition: number | null
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly timestamp: number
  readonly headers: Headers | null
}

/** The broker's acknowledgement of the records sent to one partition by one `send`. */
export interface PartitionAck {
  readonly topic: string
  readonly partition: number
  /** Offset of the last record `send` wrote to this partition, or null when the adapter cannot tell. */
  readonly lastOffset: number | null
}

/** The producer of an instance: plain (acks=all) or transactional (exactly-once v2). */
export interface ProducerPort {
  /** Connects; a transactional producer also initialises its transactional id (fencing older instances). */
  connect(): Promise<void>
  /** Sends records and waits for the broker's acknowledgement (inside the open transaction, if any). */
  send(records: readonly ProducerRecord[]): Promise<PartitionAck[]>
  readonly transactional: boolean
  /** @throws when the producer is not transactional or a transaction is already open. */
  beginTransaction(): Promise<void>
  /** Adds consumed positions to the open transaction (committed to `groupId` with it). */
  sendOffsetsToTransaction(offsets: readonly OffsetAndMetadata[], groupId: string): Promise<void>
  commitTransaction(): Promise<void>
  abortTransaction(): Promise<void>
  close(): Promise<void>
}

/** A topic to create. */
export interface NewTopic {
  readonly name: string
  readonly partitions: number
  /** -1: the broker's default. */
  readonly replicationFactor: number
  readonly config: { readonly [key: string]: string }
}

/** Administrative operations the runtime needs. */
export interface AdminPort {
  connect(): Promise<void>
  /** Names of every topic in the cluster (internal ones included). */
  listTopics(): Promise<string[]>
  /** Partition counts of the given topics; topics that do not exist are absent from the map. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>
  /** Creates topics; a topic that already exists is not an error. */
  createTopics(topics: readonly NewTopic[]): Promise<void>
  /** Log start (`'earliest'`) or end (`'latest'`: the last stable offset under read_committed) offsets, keyed `topic-partition`. */
  listOffsets(partitions: readonly TopicPartition[], spec: 'earliest' | 'latest'): Promise<Map<string, number>>
  close(): Promise<void>
}

/** A partition to read from a position (null: from the beginning of the log). */
export interface PartitionPosition {
  readonly topic: string
  readonly partition: number
  readonly offset: number | null
}

/**
 * A group-less consumer (Kafka's restore and global consumers): reads assigned partitions from
 * given positions with read_committed, and reports end offsets (the last stable offset).
 */
export interface RestoreConsumerPort {
  connect(): Promise<void>
  /** Replaces the set of partitions read, with their start positions. */
  assign(positions: readonly PartitionPosition[]): void
  /** Currently assigned partitions. */
  assignment(): TopicPartition[]
  /** One fetch round over the assigned partitions, waiting up to `maxWaitMs` for data. */
  poll(maxWaitMs: number): Promise<ConsumedBatch[]>
  /** The next offset to read of an assigned partition. */
  position(partition: TopicPartition): number | null
  /** Last stable offsets (read_committed end) of `partitions`. */
  endOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>>
  /** Log start offsets of `partitions`. */
  beginningOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>>
  close(): Promise<void>
}

/** Creates the clients of one KafkaStreams instance (the kafkajs adapter implements it). */
export interface KafkaClientSupplier {
  consumer(options: { groupId: string; clientId: string; sessionTimeoutMs: number; heartbeatIntervalMs: number; rebalanceTimeoutMs: number; maxBufferedRecords: number }): ConsumerPort
  producer(options: { clientId: string; transactionalId: string | null; transactionTimeoutMs: number }): ProducerPort
  admin(options: { clientId: string }): AdminPort
  restoreConsumer(options: { clientId: string }): RestoreConsumerPort
}

/** `seek` to the beginning of the log (Kafka's `ListOffsets` EARLIEST sentinel). */
export const SEEK_EARLIEST = -2
/** `seek` to the end of the log (Kafka's `ListOffsets` LATEST sentinel). */
export const SEEK_LATEST = -1

/** `topic-partition` text key, as Kafka prints a `TopicPartition`. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`
}
