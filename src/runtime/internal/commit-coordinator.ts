import { StreamsError } from '../../../processor-api/errors.js'
import type { Logger } from '../../logging/index.js'
import { ProducerFencedError, TaskMigratedError } from '../errors.js'
import type { ConsumerPort, ProducerPort, TopicPartition } from '../ports.js'
import type { StreamTask } from '../task/stream-task.js'
import { isPromiseLike } from '../task/internal/maybe-promise.js'
import type { StreamRecordCollector } from './stream-record-collector.js'
import type { TaskManager } from './task-manager.js'

/** What the commit coordinator works with. */
export interface CommitCoordinatorOptions {
  readonly eos: boolean
  /** The current producer (replaced after an aborted transaction under exactly-once). */
  readonly producer: () => ProducerPort
  readonly consumer: ConsumerPort
  readonly groupId: string
  readonly logger: Logger
}

/**
 * Runs commits in Kafka Streams' order. At-least-once: flush stores → send and await the
 * collected records → commit consumed offsets → persist stores with their checkpoints.
 * Exactly-once v2: flush → send inside the instance's transaction → `sendOffsets` → commit the
 * transaction → only then persist stores and checkpoints (local state never holds uncommitted
 * data). A transaction that cannot commit (fenced, a rebalance started meanwhile, a retriable
 * client failure) is aborted and every task must be recreated from its last committed state.
 */
export class CommitCoordinator {
  /** Set after an aborted transaction: tasks were closed dirty and must be recreated. */
  tasksNeedReinit = false
  /** True between the start of a rebalance and the application of its assignment. */
  rebalancing = false
  private transactionOpen = false
  private rebalanceEpoch = 0

  constructor(private readonly options: CommitCoordinatorOptions) {}

  /** The consumer is rejoining: a commit in progress under exactly-once must not complete. */
  onRebalanceStarted(): void {
    this.rebalanceEpoch++
    this.rebalancing = true
  }

  /** An assignment (or a re-initialisation) has been applied. */
  afterAssignment(): void {
    this.rebalancing = false
    this.tasksNeedReinit = false
  }

  /** Opens the instance's transaction if none is open (called before each send under exactly-once). */
  async ensureTransaction(): Promise<void> {
    if (!this.options.eos || this.transactionOpen) return
    await this.options.producer().beginTransaction()
    this.transactionOpen = true
  }

  /**
   * Commits `tasks`. Returns false when nothing was committed: under exactly-once while a
   * rebalance is in progress (the transaction stays open until the assignment says whether the
   * tasks stay), or when the transaction was aborted (then `tasksNeedReinit` is set and the
   * caller closes every task dirty).
   * @throws errors that no retry can fix (production failures the handler does not skip, store I/O).
   */
  async commit(tasks: readonly StreamTask[], taskManager: TaskManager, collector: StreamRecordCollector): Promise<boolean> {
    if (this.options.eos) {
      if (this.rebalancing || this.tasksNeedReinit) {
        this.options.logger.debug({ rebalancing: this.rebalancing, reinit: this.tasksNeedReinit }, 'Commit deferred')
        return false
      }
      return this.commitTransaction(tasks, taskManager, collector)
    }
    for (const t of tasks) await settle(t.prepareCommit())
    await collector.flush()
    if (tasks.length === 0) return true
    try {
      await this.options.consumer.commit(taskManager.committableOffsets(tasks))
    } catch (err) {
      if (!isRecoverable(err)) throw err
      // At-least-once: the records will be processed again after the rebalance.
      this.options.logger.info({ err }, 'Offset commit failed (the group is rebalancing); records may be reprocessed')
    }
    for (const t of tasks) await t.postCommit()
    return true
  }

  /**
   * Before applying a new assignment. At-least-once: commits what the thread has. Exactly-once:
   * if any active task moves away, the open transaction is aborted and every task must be closed
   * dirty (returns true); otherwise the transaction is committed, as the partitions stay here.
   */
  async beforeAssignment(taskManager: TaskManager, collector: StreamRecordCollector, active: ReadonlyMap<string, readonly TopicPartition[]>): Promise<boolean> {
    if (this.tasksNeedReinit) return true
    const running = taskManager.runningTasks()
    if (!this.options.eos) {
      try {
        await this.commit(running, taskManager, collector)
      } catch (err) {
        this.options.logger.warn({ err }, 'Commit before applying the assignment failed')
        throw err
      }
      return false
    }
    const revoked = [...taskManager.active].some(([id, e]) => {
      const next = active.get(id)
      return next === undefined || next.length !== e.partitions.length
    })
    if (revoked) {
      this.options.logger.info('Tasks moved to other instances: aborting the open transaction and recreating tasks from committed state')
      await this.abort(collector)
      return true
    }
    // The rebalance is over (this is its assignment): the commit below must not be refused for it.
    this.rebalancing = false
    const ok = await this.commitTransaction(running, taskManager, collector)
    return !ok
  }

  /** Drops buffered records and aborts the open transaction (exactly-once), ignoring failures. */
  async abort(collector: StreamRecordCollector): Promise<void> {
    await collector.abandon()
    if (!this.transactionOpen) return
    this.transactionOpen = false
    try {
      await this.options.producer().abortTransaction()
    } catch (err) {
      this.options.logger.warn({ err }, 'Aborting the transaction failed; the broker aborts it on timeout or fencing')
    }
  }

  private async commitTransaction(tasks: readonly StreamTask[], taskManager: TaskManager, collector: StreamRecordCollector): Promise<boolean> {
    const epoch = this.rebalanceEpoch
    const started = Date.now()
    if (tasks.length === 0 && !this.transactionOpen && collector.pendingRecords === 0) return true
    try {
      for (const t of tasks) await settle(t.prepareCommit())
      await collector.flush()
      const offsets = taskManager.committableOffsets(tasks)
      if (this.transactionOpen || offsets.length > 0) {
        await this.ensureTransaction()
        const producer = this.options.producer()
        if (offsets.length > 0) await producer.sendOffsetsToTransaction(offsets, this.options.groupId)
        if (epoch !== this.rebalanceEpoch || this.rebalancing) {
          throw new TaskMigratedError('A rebalance started while committing; the transaction is aborted')
        }
        this.transactionOpen = false
        await producer.commitTransaction()
        this.options.logger.debug({ tasks: tasks.length, offsets: offsets.length, ms: Date.now() - started }, 'Transaction committed')
      }
    } catch (err) {
      if (!isRecoverable(err)) throw err
      this.options.logger.warn({ err }, 'Transaction aborted; tasks restart from their last committed state')
      await this.abort(collector)
      this.tasksNeedReinit = true
      return false
    }
    for (const t of tasks) await t.postCommit()
    return true
  }
}

function isRecoverable(err: unknown): boolean {
  return err instanceof ProducerFencedError || err instanceof TaskMigratedError || (err instanceof StreamsError && err.retriable)
}

async function settle(r: void | Promise<void>): Promise<void> {
  if (isPromiseLike(r)) await r
}
