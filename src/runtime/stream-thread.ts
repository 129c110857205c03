import type { StateStore } from '../../processor-api/state-store.js'
import type { Clock } from '../../processor-api/time.js'
import type { TopologyModel } from '../../processor-api/internal/topology-model.js'
import type { StreamsConfig } from '../config/streams-config.js'
import type { Logger } from '../logging/index.js'
import { AssignorErrorCode, decodeAssignmentInfo } from './assignment/assignment-info.js'
import { StreamsPartitionAssignor } from './assignment/streams-partition-assignor.js'
import { SUBSCRIPTION_INFO_VERSION } from './assignment/subscription-info.js'
import type { TopicPlanInput } from './assignment/topic-plan.js'
import { TaskAssignmentError } from './errors.js'
import { ChangelogReader } from './internal/changelog-reader.js'
import { CommitCoordinator } from './internal/commit-coordinator.js'
import { producerBufferBytesOf, StreamRecordCollector } from './internal/stream-record-collector.js'
import { TaskManager } from './internal/task-manager.js'
import type { ConsumerPort, GroupAssignment, KafkaClientSupplier, ProducerPort, RestoreConsumerPort, TopicPartition } from './ports.js'
import type { StateRestoreListener } from './state-restore-listener.js'
import type { StateDirectory } from './state/state-directory.js'
import { isPromiseLike } from './task/internal/maybe-promise.js'
import type { TaskConfig } from './task/task-config.js'

/** Kafka's `StreamThread.State`. */
export type StreamThreadState = 'CREATED' | 'STARTING' | 'PARTITIONS_REVOKED' | 'PARTITIONS_ASSIGNED' | 'RUNNING' | 'PENDING_SHUTDOWN' | 'DEAD'

/** Records a task processes per loop iteration before the thread polls again. */
const MAX_RECORDS_PER_TASK = 1000

/** What a stream thread is built from. */
export interface StreamThreadOptions {
  readonly threadId: string
  readonly config: StreamsConfig
  readonly model: TopologyModel
  readonly planInput: TopicPlanInput
  readonly taskConfig: TaskConfig
  readonly clients: KafkaClientSupplier
  readonly processId: string
  readonly stateDirectory: StateDirectory
  readonly globalStores: ReadonlyMap<string, StateStore>
  /** Partition counts of internal and sink topics (for the default partitioner). */
  readonly partitionCounts: Map<string, number>
  /** Source topics that start at the end when nothing is committed. */
  readonly resetLatest: readonly string[]
  readonly clock: Clock
  readonly restoreListener: () => StateRestoreListener | null
  readonly onStateChange: (state: StreamThreadState) => void
  readonly onAssignment: (assignment: GroupAssignment) => void
  readonly logger: Logger
}

/**
 * Kafka's `StreamThread`: one consumer-group member running the loop
 * poll → route records to task queues → process → punctuate → commit every `commitIntervalMs`,
 * restoring new tasks' stores (and keeping standbys current) in between. Under exactly-once it
 * owns the instance's transactional producer (transactional id `<applicationId>-<processId>`).
 * The loop never awaits per record; only batches, commits and rebalances are awaited.
 */
export class StreamThread {
  private state: StreamThreadState = 'CREATED'
  private readonly consumer: ConsumerPort
  private readonly restoreConsumer: RestoreConsumerPort
  private producer: ProducerPort
  private readonly collector: StreamRecordCollector
  private readonly tasks: TaskManager
  private readonly commits: CommitCoordinator
  private readonly subtopologyOfTopic = new Map<string, number>()
  private readonly logger: Logger
  private pendingAssignment: GroupAssignment | null = null
  /** Resolves the consumer's wait for the pending assignment to be applied. */
  private assignmentWaiter: (() => void) | null = null
  private current: { active: Map<string, TopicPartition[]>; standby: Set<string> } | null = null
  private fatal: { error: unknown } | null = null
  private stopRequested = false
  private loop: Promise<void> | null = null
  private lastCommitMs = 0
  private lastLagRefreshMs = 0
  private madeProgress = false

  constructor(private readonly options: StreamThreadOptions) {
    const { config, clients } = options
    this.logger = options.logger.child({ component: 'stream-thread', thread: options.threadId })
    for (const s of options.planInput.subtopologies) for (const t of s.sourceTopics) this.subtopologyOfTopic.set(t, s.id)
    const clientId = `${options.threadId}`
    this.consumer = clients.consumer({
      groupId: config.applicationId,
      clientId,
      sessionTimeoutMs: config.sessionTimeoutMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      rebalanceTimeoutMs: config.rebalanceTimeoutMs,
      maxBufferedRecords: Math.max(config.bufferedRecordsPerPartition * 4, 2000),
    })
    this.restoreConsumer = clients.restoreConsumer({ clientId: `${clientId}-restore` })
    const eos = config.processingGuarantee === 'exactly_once_v2'
    this.producer = this.newProducer()
    this.commits = new CommitCoordinator({
      eos,
      producer: () => this.producer,
      consumer: this.consumer,
      groupId: config.applicationId,
      logger: this.logger,
    })
    this.collector = new StreamRecordCollector({
      producer: () => this.producer,
      partitionCounts: options.partitionCounts,
      batchSize: 1000,
      maxPendingBytes: producerBufferBytesOf(config.appConfigs),
      beforeSend: () => this.commits.ensureTransaction(),
      onSendError: () => (config.productionExceptionHandler === 'log-and-continue' && !eos ? 'continue' : 'fail'),
      logger: this.logger,
    })
    const reader = new ChangelogReader(
      this.restoreConsumer,
      async (partitions) => {
        const committed = await this.consumer.committed(partitions)
        return new Map(committed.map((c) => [`${c.topic}-${c.partition}`, c.offset]))
      },
      options.restoreListener,
      this.logger,
    )
    this.tasks = new TaskManager({
      model: options.model,
      config: options.taskConfig,
      clock: options.clock,
      stateDirectory: options.stateDirectory,
      globalStores: options.globalStores,
      collector: this.collector,
      consumer: this.consumer,
      restoreConsumer: this.restoreConsumer,
      changelogReader: reader,
      bufferedRecordsPerPartition: config.bufferedRecordsPerPartition,
      logger: this.logger,
    })
  }

  /** The thread's state. */
  get threadState(): StreamThreadState {
    return this.state
  }

  /** Stores named `name` of this thread's running active tasks. */
  storesNamed(name: string): StateStore[] {
    return this.tasks.storesNamed(name)
  }

  /** Starts the loop; resolves when the loop ends (cleanly) or rejects with the error that killed it. */
  start(): Promise<void> {
    if (this.loop === null) this.loop = this.run()
    return this.loop
  }

  /** Asks the loop to commit, close its tasks and leave the group. */
  requestShutdown(): void {
    this.stopRequested = true
    if (this.state !== 'DEAD') this.setState('PENDING_SHUTDOWN')
    this.consumer.wakeup()
  }

  private async run(): Promise<void> {
    try {
      this.setState('STARTING')
      await Promise.all([this.producer.connect(), this.restoreConsumer.connect()])
      await this.consumer.subscribe({
        topics: [...this.subtopologyOfTopic.keys()],
        resetLatest: this.options.resetLatest,
        assignor: this.assignor(),
        listener: {
          onRebalanceStarted: () => this.onRebalanceStarted(),
          onPartitionsAssigned: (a) => {
            this.pendingAssignment = a
            this.options.onAssignment(a)
            this.releaseAssignmentWaiter()
            this.consumer.wakeup()
            // Records of the new assignment flow once its tasks exist.
            return new Promise<void>((resolve) => (this.assignmentWaiter = resolve))
          },
          onFatalError: (error) => {
            this.fatal = { error }
            this.consumer.wakeup()
          },
        },
      })
      this.lastCommitMs = this.options.clock.nowMs()
      while (!this.stopRequested) {
        await this.runOnce()
        // A busy loop only awaits settled promises: let I/O in (fetch responses, send
        // acknowledgements, heartbeats) between rounds instead of only when the queues run dry.
        if (this.madeProgress) await new Promise<void>((resolve) => setImmediate(resolve))
      }
      await this.shutdown(true)
    } catch (err) {
      this.logger.error({ err }, 'Stream thread failed')
      await this.shutdown(false).catch((e: unknown) => this.logger.warn({ err: e }, 'Dirty shutdown failed'))
      throw err
    } finally {
      this.releaseAssignmentWaiter()
      this.setState('DEAD')
    }
  }

  private releaseAssignmentWaiter(): void {
    const waiter = this.assignmentWaiter
    this.assignmentWaiter = null
    waiter?.()
  }

  private async runOnce(): Promise<void> {
    if (this.fatal !== null) throw this.fatal.error
    if (this.pendingAssignment !== null) await this.applyAssignment()
    else if (this.commits.tasksNeedReinit && !this.commits.rebalancing && this.current !== null) await this.reinitializeTasks()
    await this.tasks.createPendingTasks()
    if (this.tasks.standby.size > 0 || !this.tasks.allRunning()) await this.tasks.restore(this.tasks.allRunning() ? 0 : 20)
    if (this.state === 'PARTITIONS_ASSIGNED' && this.tasks.allRunning()) this.setState('RUNNING')

    // Restoring: the restore fetch above already waited; still yield a little so nothing spins.
    const wait = this.madeProgress ? 0 : this.tasks.allRunning() ? this.options.config.pollMs : 5
    this.madeProgress = false
    const batches = await this.consumer.poll(wait)
    if (batches.length > 0) {
      this.tasks.route(batches)
      this.madeProgress = true
    }
    const now = this.options.clock.nowMs()
    if ((await this.process(now)) > 0) this.madeProgress = true
    await this.punctuate()
    // Output leaves now rather than when a batch fills up or at the next commit (Kafka's producer sends as soon as it can).
    this.collector.sendBuffered()
    // Bounded memory: wait for acknowledgements when too much output is pending (buffer.memory).
    await this.collector.awaitCapacity()
    this.tasks.resumeDrained()
    if (!this.madeProgress && now - this.lastLagRefreshMs >= this.options.config.pollMs) {
      this.lastLagRefreshMs = now
      await this.tasks.refreshUnknownLags(now)
    }
    const commitDue = now - this.lastCommitMs >= this.options.config.commitIntervalMs
    if (commitDue || this.tasks.commitCandidates().some((t) => t.commitRequested)) {
      this.lastCommitMs = now
      await this.commit()
    }
  }

  private async process(now: number): Promise<number> {
    let total = 0
    for (const task of this.tasks.runningTasks()) {
      const n = task.processBatch(now, MAX_RECORDS_PER_TASK)
      total += isPromiseLike(n) ? await n : n
    }
    return total
  }

  private async punctuate(): Promise<void> {
    for (const task of this.tasks.runningTasks()) {
      const a = task.maybePunctuateStreamTime()
      if (isPromiseLike(a)) await a
      const b = task.maybePunctuateSystemTime()
      if (isPromiseLike(b)) await b
    }
  }

  private async commit(): Promise<void> {
    const ok = await this.commits.commit(this.tasks.commitCandidates(), this.tasks, this.collector)
    if (!ok && this.commits.tasksNeedReinit) await this.tasks.closeAll(false)
    await this.tasks.checkpointStandbys()
    this.tasks.recordOffsetSums()
  }

  private onRebalanceStarted(): void {
    this.commits.onRebalanceStarted()
    if (this.state !== 'PENDING_SHUTDOWN' && this.state !== 'DEAD') this.setState('PARTITIONS_REVOKED')
    this.consumer.wakeup()
  }

  private async applyAssignment(): Promise<void> {
    const a = this.pendingAssignment!
    this.pendingAssignment = null
    const info = a.userData !== null && a.userData.length > 0 ? decodeAssignmentInfo(a.userData) : null
    if (info !== null && info.errorCode !== AssignorErrorCode.NONE) {
      throw new TaskAssignmentError(info.errorMessage ?? 'The group leader could not assign tasks')
    }
    const active = new Map<string, TopicPartition[]>()
    for (const p of a.partitions) {
      const sub = this.subtopologyOfTopic.get(p.topic)
      if (sub === undefined) continue
      const id = `${sub}_${p.partition}`
      const list = active.get(id) ?? []
      list.push({ topic: p.topic, partition: p.partition })
      active.set(id, list)
    }
    const standby = new Set(info?.standbyTasks ?? [])
    this.setState('PARTITIONS_ASSIGNED')
    if (this.commits.tasksNeedReinit) await this.resetProducer()
    const closeAllDirty = await this.commits.beforeAssignment(this.tasks, this.collector, active)
    if (closeAllDirty) await this.tasks.closeAll(false)
    await this.tasks.handleAssignment(active, standby, false)
    this.current = { active, standby }
    this.commits.afterAssignment()
    if (this.pendingAssignment === null) this.releaseAssignmentWaiter()
    this.logger.info({ active: [...active.keys()], standby: [...standby] }, 'Assignment applied')
  }

  /**
   * After an aborted transaction: a fresh producer (its InitProducerId fences the old one and
   * aborts anything left open), every task recreated from its last committed state, and the
   * consumer back at the committed offsets.
   */
  private async reinitializeTasks(): Promise<void> {
    const { active, standby } = this.current!
    await this.tasks.closeAll(false)
    await this.resetProducer()
    await this.tasks.handleAssignment(active, standby, false)
    await this.tasks.seekToCommitted(this.options.resetLatest)
    this.commits.afterAssignment()
    if (this.state === 'RUNNING') this.setState('PARTITIONS_ASSIGNED')
  }

  private async resetProducer(): Promise<void> {
    const old = this.producer
    this.producer = this.newProducer()
    await old.close().catch(() => {})
    await this.producer.connect()
  }

  private newProducer(): ProducerPort {
    const { config } = this.options
    const eos = config.processingGuarantee === 'exactly_once_v2'
    return this.options.clients.producer({
      clientId: this.options.threadId,
      transactionalId: eos ? `${config.applicationId}-${this.options.processId}` : null,
      transactionTimeoutMs: config.transactionTimeoutMs,
    })
  }

  private assignor(): StreamsPartitionAssignor {
    return new StreamsPartitionAssignor({
      planInput: () => this.options.planInput,
      numStandbyReplicas: this.options.config.numStandbyReplicas,
      logger: this.logger,
      subscriptionInfo: () => {
        const s = this.tasks.subscriptionState()
        return {
          version: SUBSCRIPTION_INFO_VERSION,
          processId: this.options.processId,
          endpoint: this.options.config.applicationServer ?? null,
          prevActiveTasks: s.prevActive,
          prevStandbyTasks: s.prevStandby,
          taskOffsetSums: s.offsetSums,
        }
      },
    })
  }

  private async shutdown(clean: boolean): Promise<void> {
    // Tasks close clean (stores persisted with checkpoints) only after a successful final commit.
    let committed = false
    if (clean && this.fatal === null) {
      try {
        committed = await this.commits.commit(this.tasks.runningTasks(), this.tasks, this.collector)
      } catch (err) {
        this.logger.warn({ err }, 'Final commit failed; closing tasks dirty')
      }
    }
    if (!committed) await this.commits.abort(this.collector)
    await this.tasks.closeAll(committed)
    await Promise.allSettled([this.consumer.close(), this.producer.close(), this.restoreConsumer.close()])
  }


  private setState(state: StreamThreadState): void {
    if (this.state === state || this.state === 'DEAD') return
    this.state = state
    this.options.onStateChange(state)
  }
}
