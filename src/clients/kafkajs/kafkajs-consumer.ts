import { AssignerProtocol, type Admin, type Batch, type Consumer, type EachBatchPayload, type Kafka, type PartitionAssigner } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import type {
  ConsumedBatch,
  ConsumerPort,
  GroupAssignment,
  GroupAssignor,
  GroupMemberView,
  OffsetAndMetadata,
  RebalanceListener,
  TopicPartition,
} from '../../runtime/ports.js'
import { offsetOf, rawRecordsOf } from './internal/convert.js'
import { PausedPartitions } from './internal/paused-partitions.js'
import { wrapKafkaJsError } from './internal/errors.js'

/** Options of the group consumer adapter. */
export interface KafkaJsConsumerOptions {
  readonly groupId: string
  readonly sessionTimeoutMs: number
  readonly heartbeatIntervalMs: number
  readonly rebalanceTimeoutMs: number
  /** Fetched records held for the stream thread before fetching pauses (backpressure). */
  readonly maxBufferedRecords: number
  readonly logger: Logger
}

/**
 * The runtime's main consumer on kafkajs: `consumer.run({ eachBatch, autoCommit: false })`
 * turned into a pull API. `eachBatch` hands each batch to a buffer that `poll()` drains, and
 * waits (heartbeating) while the buffer is full. The streams assignor is registered as a kafkajs
 * partition assigner; kafkajs calls its `protocol()` right before every JoinGroup, which is where
 * the runtime learns a rebalance started (kafkajs has no revocation callback). kafkajs keeps only
 * the partitions of an assignment, so after each join this adapter reads the group's assignment
 * bytes (user data included) back with DescribeGroups; until that is done and the runtime has
 * applied the assignment, batches wait.
 */
export class KafkaJsConsumer implements ConsumerPort {
  readonly groupId: string
  private consumer: Consumer | null = null
  private admin: Admin | null = null
  private listener: RebalanceListener | null = null
  private pending: ConsumedBatch[] = []
  private buffered = 0
  /** Partitions the runtime paused: their batches are held, not handed out. */
  private readonly paused: PausedPartitions
  private pollWaiter: (() => void) | null = null
  private drainWaiters: (() => void)[] = []
  private gate: Gate = openGate()
  private generation = 0
  private closed = false
  private readonly logger: Logger

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaJsConsumerOptions,
  ) {
    this.groupId = options.groupId
    this.logger = options.logger.child({ component: 'kafkajs-consumer' })
    this.paused = new PausedPartitions(options.maxBufferedRecords, {
      pause: (p) => this.consumer?.pause(byTopic(p)),
      resume: (p) => this.consumer?.resume(byTopic(p)),
    })
  }

  async subscribe(options: {
    readonly topics: readonly string[]
    readonly resetLatest: readonly string[]
    readonly assignor: GroupAssignor
    readonly listener: RebalanceListener
  }): Promise<void> {
    if (this.consumer !== null) throw new Error('KafkaJsConsumer.subscribe called twice')
    this.listener = options.listener
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      partitionAssigners: [this.bridgeAssigner(options.assignor)],
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: this.options.heartbeatIntervalMs,
      rebalanceTimeout: this.options.rebalanceTimeoutMs,
      allowAutoTopicCreation: false,
      readUncommitted: false,
      maxWaitTimeInMs: 500,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    })
    this.consumer = consumer
    consumer.on(consumer.events.GROUP_JOIN, (event) => this.onGroupJoin(event.payload.memberId, event.payload.isLeader, event.payload.memberAssignment))
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.closed) return
      const { error, restart } = event.payload
      this.logger.warn({ err: error, restart }, 'Consumer crashed')
      if (!restart) this.listener?.onFatalError(wrapKafkaJsError('consume', error))
    })
    this.admin = this.kafka.admin()
    await Promise.all([consumer.connect(), this.admin.connect()])
    const latest = new Set(options.resetLatest)
    const earliestTopics = options.topics.filter((t) => !latest.has(t))
    const latestTopics = options.topics.filter((t) => latest.has(t))
    if (earliestTopics.length > 0) await consumer.subscribe({ topics: earliestTopics, fromBeginning: true })
    if (latestTopics.length > 0) await consumer.subscribe({ topics: latestTopics, fromBeginning: false })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    })
  }

  async poll(maxWaitMs: number): Promise<ConsumedBatch[]> {
    if (this.pending.length === 0 && maxWaitMs > 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs)
        function done(): void {
          clearTimeout(timer)
          resolve()
        }
        this.pollWaiter = done
      })
      this.pollWaiter = null
    }
    const out = this.pending
    this.pending = []
    this.buffered = 0
    const waiters = this.drainWaiters
    this.drainWaiters = []
    for (const w of waiters) w()
    return out
  }

  wakeup(): void {
    this.pollWaiter?.()
  }

  /** Stops handing out records of `partitions` (see {@link PausedPartitions}: fetching goes on for a while). */
  pause(partitions: readonly TopicPartition[]): void {
    for (const p of partitions) {
      if (!this.paused.pause(p) || !this.pending.some((b) => b.topic === p.topic && b.partition === p.partition)) continue
      const keep: ConsumedBatch[] = []
      for (const b of this.pending) {
        if (b.topic === p.topic && b.partition === p.partition) this.paused.hold(b)
        else keep.push(b)
      }
      this.pending = keep
      this.buffered = keep.reduce((n, b) => n + b.records.length, 0)
    }
  }

  /** Hands out the held records of `partitions` at the next poll, and fetches them again. */
  resume(partitions: readonly TopicPartition[]): void {
    for (const b of this.paused.resume(partitions)) {
      this.pending.push(b)
      this.buffered += b.records.length
    }
  }

  seek(partition: TopicPartition, offset: number): void {
    // Batches fetched before the seek are stale: drop them so the partition restarts at `offset`.
    this.dropPending((b) => b.topic === partition.topic && b.partition === partition.partition)
    this.paused.dropHeld(partition)
    this.consumer?.seek({ topic: partition.topic, partition: partition.partition, offset: String(offset) })
  }

  async commit(offsets: readonly OffsetAndMetadata[]): Promise<void> {
    if (this.consumer === null || offsets.length === 0) return
    try {
      await this.consumer.commitOffsets(
        offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset), metadata: o.metadata ?? null })),
      )
    } catch (err) {
      throw wrapKafkaJsError('commit', err)
    }
  }

  async committed(partitions: readonly TopicPartition[]): Promise<OffsetAndMetadata[]> {
    if (this.admin === null || partitions.length === 0) return []
    const topics = [...new Set(partitions.map((p) => p.topic))]
    const wanted = new Set(partitions.map((p) => `${p.topic}\u0000${p.partition}`))
    try {
      const result = await this.admin.fetchOffsets({ groupId: this.groupId, topics })
      const out: OffsetAndMetadata[] = []
      for (const t of result) {
        for (const p of t.partitions) {
          const offset = offsetOf(p.offset)
          if (offset < 0 || !wanted.has(`${t.topic}\u0000${p.partition}`)) continue
          out.push({ topic: t.topic, partition: p.partition, offset, metadata: p.metadata ?? null })
        }
      }
      return out
    } catch (err) {
      throw wrapKafkaJsError('fetchOffsets', err)
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.pollWaiter?.()
    this.gate.open()
    for (const w of this.drainWaiters) w()
    this.drainWaiters = []
    const consumer = this.consumer
    const admin = this.admin
    this.consumer = null
    this.admin = null
    await Promise.allSettled([consumer?.disconnect(), admin?.disconnect()])
  }

  private bridgeAssigner(assignor: GroupAssignor): PartitionAssigner {
    return ({ cluster }) => ({
      name: assignor.name,
      version: 0,
      protocol: ({ topics }) => {
        if (this.gate.isOpen) this.gate = closedGate() // batches wait until the next assignment is handed over
        this.listener?.onRebalanceStarted()
        return {
          name: assignor.name,
          metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: assignor.subscriptionUserData(topics) }),
        }
      },
      assign: async ({ members }) => {
        const subscriptions = members.map((m) => {
          const decoded = AssignerProtocol.MemberMetadata.decode(m.memberMetadata)
          return { memberId: m.memberId, topics: decoded?.topics ?? [], userData: decoded?.userData ?? null }
        })
        const partitionsFor = (topic: string): number | null => {
          try {
            const meta = cluster.findTopicPartitionMetadata(topic)
            return meta.length > 0 ? meta.length : null
          } catch {
            return null
          }
        }
        const result = await assignor.assign(subscriptions, partitionsFor)
        return result.map((r) => {
          const assignment: { [topic: string]: number[] } = {}
          for (const p of r.partitions) (assignment[p.topic] ??= []).push(p.partition)
          return {
            memberId: r.memberId,
            memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: r.userData ?? Buffer.alloc(0) }),
          }
        })
      },
    })
  }

  private onGroupJoin(memberId: string, isLeader: boolean, memberAssignment: { [topic: string]: number[] }): void {
    const generation = ++this.generation
    // Batches of the previous generation are stale: kafkajs refetches from the committed offsets.
    this.dropPending(() => true)
    this.paused.dropHeld()
    const partitions: TopicPartition[] = []
    for (const [topic, ps] of Object.entries(memberAssignment)) for (const p of ps) partitions.push({ topic, partition: p })
    this.paused.forgetOutside(partitions)
    if (this.gate.isOpen) this.gate = closedGate()
    const gate = this.gate
    void this.describeAssignment(memberId)
      .then(async ({ userData, members }) => {
        if (generation !== this.generation || this.closed) return
        const assignment: GroupAssignment = { generationId: generation, memberId, isLeader, partitions, userData, members }
        await this.listener?.onPartitionsAssigned(assignment)
      })
      .catch((err: unknown) => this.logger.warn({ err }, 'Failed to hand over the assignment'))
      .finally(() => {
        if (generation === this.generation) gate.open()
      })
  }

  /** Reads this member's assignment user data and every member's view through DescribeGroups. */
  private async describeAssignment(memberId: string): Promise<{ userData: Buffer | null; members: GroupMemberView[] | null }> {
    const consumer = this.consumer
    if (consumer === null) return { userData: null, members: null }
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const group = await consumer.describeGroup()
        if (group.state === 'Stable') {
          const members: GroupMemberView[] = group.members.map((m) => {
            const sub = m.memberMetadata.length > 0 ? AssignerProtocol.MemberMetadata.decode(m.memberMetadata) : null
            const asg = m.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null
            const parts: TopicPartition[] = []
            for (const [topic, ps] of Object.entries(asg?.assignment ?? {})) for (const p of ps) parts.push({ topic, partition: p })
            return {
              memberId: m.memberId,
              subscriptionUserData: sub?.userData ?? null,
              partitions: parts,
              assignmentUserData: asg?.userData ?? null,
            }
          })
          const self = members.find((m) => m.memberId === memberId)
          if (self !== undefined) return { userData: self.assignmentUserData, members }
        }
      } catch (err) {
        this.logger.debug({ err }, 'DescribeGroups failed')
      }
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)))
    }
    return { userData: null, members: null }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const generation = this.generation
    const { batch, heartbeat, isRunning, isStale } = payload
    // Until the runtime has applied the assignment, hold the batch (heartbeating meanwhile).
    while (!this.gate.isOpen && !this.closed) {
      const gate = this.gate
      await Promise.race([gate.promise, new Promise((r) => setTimeout(r, Math.min(this.options.heartbeatIntervalMs, 1000)))])
      if (!gate.isOpen) await heartbeat()
    }
    if (this.closed || generation !== this.generation || !isRunning() || isStale() || batch.messages.length === 0) return
    this.push(batch)
    while (this.buffered > this.options.maxBufferedRecords && !this.closed && isRunning()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(this.options.heartbeatIntervalMs, 1000))
        const waiters = this.drainWaiters
        function done(): void {
          clearTimeout(timer)
          resolve()
        }
        waiters.push(done)
      })
      await heartbeat()
    }
  }

  private dropPending(match: (b: ConsumedBatch) => boolean): void {
    if (this.pending.length === 0) return
    this.pending = this.pending.filter((b) => !match(b))
    this.buffered = this.pending.reduce((n, b) => n + b.records.length, 0)
  }

  private push(batch: Batch): void {
    const records = rawRecordsOf(batch.messages)
    const consumed: ConsumedBatch = { topic: batch.topic, partition: batch.partition, records, endOffset: offsetOf(batch.highWatermark) }
    if (this.paused.isPaused(batch.topic, batch.partition)) {
      this.paused.hold(consumed)
      return
    }
    this.pending.push(consumed)
    this.buffered += records.length
    this.pollWaiter?.()
  }
}

function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const m = new Map<string, number[]>()
  for (const p of partitions) {
    const list = m.get(p.topic)
    if (list === undefined) m.set(p.topic, [p.partition])
    else list.push(p.partition)
  }
  return [...m].map(([topic, ps]) => ({ topic, partitions: ps }))
}

/** A latch batches wait on while an assignment is being handed over. */
interface Gate {
  readonly promise: Promise<void>
  readonly isOpen: boolean
  open(): void
}

function openGate(): Gate {
  return { promise: Promise.resolve(), isOpen: true, open: () => {} }
}

function closedGate(): Gate {
  let release!: () => void
  const gate = {
    promise: new Promise<void>((resolve) => (release = resolve)),
    isOpen: false,
    open(): void {
      gate.isOpen = true
      release()
    },
  }
  return gate
}
