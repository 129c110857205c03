import type { StateStore } from '../../../processor-api/state-store.js'
import type { Logger } from '../../logging/index.js'
import { StateDirectoryLockedError } from '../errors.js'
import { SEEK_EARLIEST, SEEK_LATEST, type ConsumedBatch, type ConsumerPort, type OffsetAndMetadata, type RestoreConsumerPort, type TopicPartition } from '../ports.js'
import type { StreamTask } from '../task/stream-task.js'
import { isPromiseLike } from '../task/internal/maybe-promise.js'
import { LATEST_OFFSET } from '../assignment/subscription-info.js'
import type { ChangelogReader } from './changelog-reader.js'
import { readOffsetSums, writeOffsetSum } from './task-offset-sums.js'
import { TaskFactory, type TaskFactoryOptions } from './task-factory.js'

/** An active task with the partitions it owns. */
export interface ActiveTaskEntry {
  readonly task: StreamTask
  readonly partitions: readonly TopicPartition[]
  running: boolean
  /** Partition times from the committed offsets' metadata, applied once restoration completes. */
  readonly partitionTimes: Map<string, number>
}

/** What the task manager is built from. */
export interface TaskManagerOptions extends TaskFactoryOptions {
  readonly consumer: ConsumerPort
  readonly restoreConsumer: RestoreConsumerPort
  readonly changelogReader: ChangelogReader
  /** Records a task may buffer per input partition before the partition is paused. */
  readonly bufferedRecordsPerPartition: number
  readonly logger: Logger
}

/**
 * Kafka's `TaskManager` for one stream thread: creates, restores, runs and closes the active and
 * standby tasks of the current assignment; routes consumed batches to task queues (dropping
 * records of partitions it no longer owns and offsets it has already seen); pauses partitions
 * of restoring or full tasks; and drives the two halves of commits.
 */
export class TaskManager {
  readonly active = new Map<string, ActiveTaskEntry>()
  readonly standby = new Map<string, StreamTask>()
  private readonly byPartition = new Map<string, ActiveTaskEntry>()
  /** Next offset expected per input partition: older records (re-fetched after a rebalance) are dropped. */
  private readonly positions = new Map<string, number>()
  private readonly paused = new Set<string>()
  /** Tasks whose state directory another instance still holds: retried each loop. */
  private readonly pendingCreation = new Map<string, readonly TopicPartition[]>()
  private readonly recordedSums = new Map<string, number>()
  private readonly sourceTopics: ReadonlySet<string>
  private readonly tasks: TaskFactory

  constructor(private readonly options: TaskManagerOptions) {
    this.tasks = new TaskFactory(options)
    this.sourceTopics = new Set(options.model.subtopologies.flatMap((s) => s.sourceTopics))
  }

  /** Running active tasks (restoration complete). */
  runningTasks(): StreamTask[] {
    const out: StreamTask[] = []
    for (const e of this.active.values()) if (e.running) out.push(e.task)
    return out
  }

  /** True when every assigned active task is created and restored. */
  allRunning(): boolean {
    if (this.pendingCreation.size > 0) return false
    for (const e of this.active.values()) if (!e.running) return false
    return true
  }

  /**
   * Applies a new assignment: closes active tasks no longer assigned (clean, or all dirty when
   * `closeAllDirty`), moves tasks between active and standby, creates the new ones and starts
   * their restoration. Committed offsets of new partitions set their positions and partition times.
   */
  async handleAssignment(active: ReadonlyMap<string, readonly TopicPartition[]>, standby: ReadonlySet<string>, closeAllDirty: boolean): Promise<void> {
    for (const [id, entry] of [...this.active]) {
      const keep = !closeAllDirty && active.has(id) && samePartitions(active.get(id)!, entry.partitions)
      if (!keep) await this.closeActive(id, !closeAllDirty)
    }
    this.pendingCreation.clear()
    for (const id of [...this.standby.keys()]) {
      if (standby.has(id) && !closeAllDirty) continue
      if (active.has(id) && !closeAllDirty) continue // promoted below
      await this.closeStandby(id, true)
    }
    const created: string[] = []
    for (const [id, partitions] of active) {
      if (this.active.has(id)) continue
      const standbyTask = this.standby.get(id)
      if (standbyTask !== undefined) {
        this.standby.delete(id)
        this.options.changelogReader.unregister(standbyTask)
        standbyTask.addInputPartitions(partitions)
        this.addActive(id, standbyTask, partitions)
        created.push(id)
      } else {
        this.pendingCreation.set(id, partitions)
      }
    }
    for (const id of standby) if (!this.standby.has(id) && !active.has(id)) await this.createStandby(id)
    await this.createPendingTasks()
    await this.loadCommittedPositions(created)
    for (const id of created) await this.startRestoring(this.active.get(id)!)
  }

  /** Retries creating tasks whose state directory was locked. */
  async createPendingTasks(): Promise<void> {
    const ids = [...this.pendingCreation.keys()]
    if (ids.length === 0) return
    const created: string[] = []
    for (const id of ids) {
      const partitions = this.pendingCreation.get(id)!
      const task = this.tasks.create(id, partitions)
      try {
        const init = task.initializeStateStores()
        if (isPromiseLike(init)) await init
      } catch (err) {
        await task.close().catch(() => {})
        if (err instanceof StateDirectoryLockedError) {
          this.options.logger.debug({ taskId: id }, 'State directory locked; retrying task creation later')
          continue
        }
        throw err
      }
      this.pendingCreation.delete(id)
      this.addActive(id, task, partitions)
      created.push(id)
    }
    await this.loadCommittedPositions(created)
    for (const id of created) await this.startRestoring(this.active.get(id)!)
  }

  /** Runs one restoration round; tasks that finished start running. */
  async restore(maxWaitMs: number): Promise<void> {
    const done = await this.options.changelogReader.step(maxWaitMs)
    for (const task of done) {
      const entry = this.active.get(task.id.toString())
      if (entry !== undefined) await this.completeRestoration(entry)
    }
  }

  /** Adds consumed batches to their tasks' queues. */
  route(batches: readonly ConsumedBatch[]): void {
    for (const b of batches) {
      const k = keyOf(b.topic, b.partition)
      const entry = this.byPartition.get(k)
      if (entry === undefined || b.records.length === 0) continue
      let records = b.records
      const expected = this.positions.get(k) ?? -1
      if (records[0]!.offset < expected) records = records.filter((r) => r.offset >= expected)
      if (records.length === 0) continue
      entry.task.addRecords(b.topic, b.partition, records)
      const next = records[records.length - 1]!.offset + 1
      this.positions.set(k, next)
      if (b.endOffset >= 0) entry.task.updateLag(b.topic, b.partition, Math.max(0, b.endOffset - next))
      if (entry.task.numBuffered() > this.options.bufferedRecordsPerPartition * entry.partitions.length) this.pause(entry.partitions)
    }
  }

  /** Resumes paused partitions of running tasks whose queues drained. */
  resumeDrained(): void {
    if (this.paused.size === 0) return
    const resume: TopicPartition[] = []
    for (const e of this.active.values()) {
      if (!e.running || e.task.numBuffered() > (this.options.bufferedRecordsPerPartition * e.partitions.length) / 2) continue
      for (const p of e.partitions) if (this.paused.delete(keyOf(p.topic, p.partition))) resume.push(p)
    }
    this.options.consumer.resume(resume)
  }

  /**
   * For running tasks that hold records but wait for empty partitions of unknown lag, looks up
   * those partitions' end offsets to learn whether anything is left to fetch.
   */
  async refreshUnknownLags(nowMs: number): Promise<void> {
    const wanted: { entry: ActiveTaskEntry; p: TopicPartition }[] = []
    for (const e of this.active.values()) {
      if (!e.running || e.partitions.length < 2 || !e.task.hasRecordsQueued() || e.task.isProcessable(nowMs)) continue
      for (const p of e.partitions) wanted.push({ entry: e, p })
    }
    if (wanted.length === 0) return
    const ends = await this.options.restoreConsumer.endOffsets(wanted.map((w) => w.p))
    for (const { entry, p } of wanted) {
      const k = keyOf(p.topic, p.partition)
      const end = ends.get(k)
      const pos = this.positions.get(k)
      if (end !== undefined && pos !== undefined && pos >= 0) entry.task.updateLag(p.topic, p.partition, Math.max(0, end - pos))
      else if (end === 0) entry.task.updateLag(p.topic, p.partition, 0)
    }
  }

  /**
   * Points the consumer at the committed offset of every active partition (the log start or end,
   * per reset policy, when nothing is committed): after an aborted transaction, processing must
   * restart from the last committed state.
   */
  async seekToCommitted(resetLatest: readonly string[]): Promise<void> {
    const partitions = [...this.active.values()].flatMap((e) => e.partitions)
    if (partitions.length === 0) return
    const committed = new Map((await this.options.consumer.committed(partitions)).map((c) => [keyOf(c.topic, c.partition), c.offset]))
    const latest = new Set(resetLatest)
    for (const p of partitions) {
      const k = keyOf(p.topic, p.partition)
      const offset = committed.get(k) ?? (latest.has(p.topic) ? SEEK_LATEST : SEEK_EARLIEST)
      this.options.consumer.seek(p, offset)
      if (offset >= 0) this.positions.set(k, offset)
      else this.positions.delete(k)
    }
  }

  /** Tasks a commit covers: running tasks that processed or punctuated since their last commit. */
  commitCandidates(): StreamTask[] {
    return this.runningTasks().filter((t) => t.commitNeeded || t.commitRequested)
  }

  /** Consumed positions of `tasks`, with the partition time as metadata (as Kafka commits it). */
  committableOffsets(tasks: readonly StreamTask[]): OffsetAndMetadata[] {
    const out: OffsetAndMetadata[] = []
    for (const t of tasks) {
      for (const o of t.committableOffsets()) {
        out.push({ topic: o.topic, partition: o.partition, offset: o.offset, metadata: String(o.partitionTime) })
      }
    }
    return out
  }

  /**
   * Records, next to each persistent task's stores, the sum of its checkpoints (read back by
   * `subscriptionState` after a restart). Only writes what changed; never awaited on the hot path.
   */
  recordOffsetSums(): void {
    const tasks: [string, StreamTask][] = [...this.standby]
    for (const [id, e] of this.active) if (e.running) tasks.push([id, e.task])
    for (const [id, task] of tasks) {
      if (!this.options.stateDirectory.isLocked(id)) continue // no persistent stores
      const sum = sumOffsets(task)
      if (this.recordedSums.get(id) === sum) continue
      this.recordedSums.set(id, sum)
      writeOffsetSum(this.options.stateDirectory.appDir, id, sum).catch((err: unknown) =>
        this.options.logger.debug({ err, taskId: id }, 'Could not record the offset sum'),
      )
    }
  }

  /** Writes standby stores' restored positions as their checkpoints. */
  async checkpointStandbys(): Promise<void> {
    for (const t of this.standby.values()) await t.stateManager.checkpointRestored()
  }

  /** Subscription facts: tasks run before and checkpointed offset sums (running actives: LATEST). */
  subscriptionState(): { prevActive: string[]; prevStandby: string[]; offsetSums: { [taskId: string]: number } } {
    const offsetSums: { [taskId: string]: number } = {}
    for (const [dir, sum] of readOffsetSums(this.options.stateDirectory.appDir)) offsetSums[dir] = sum
    for (const [id, t] of this.standby) offsetSums[id] = sumOffsets(t)
    for (const [id, e] of this.active) offsetSums[id] = e.running ? LATEST_OFFSET : sumOffsets(e.task)
    return { prevActive: [...this.active.keys()], prevStandby: [...this.standby.keys()], offsetSums }
  }

  /** Stores named `name` of running active tasks (interactive queries). */
  storesNamed(name: string): StateStore[] {
    const out: StateStore[] = []
    for (const e of this.active.values()) {
      if (!e.running) continue
      const s = e.task.getStore(name)
      if (s !== null) out.push(s)
    }
    return out
  }

  /** Closes every task: clean (flush and checkpoint) or dirty (drop what is not committed). */
  async closeAll(clean: boolean): Promise<void> {
    for (const id of [...this.active.keys()]) await this.closeActive(id, clean)
    for (const id of [...this.standby.keys()]) await this.closeStandby(id, clean)
    this.pendingCreation.clear()
    this.positions.clear()
  }

  private addActive(id: string, task: StreamTask, partitions: readonly TopicPartition[]): void {
    const entry: ActiveTaskEntry = { task, partitions, running: false, partitionTimes: new Map() }
    this.active.set(id, entry)
    for (const p of partitions) this.byPartition.set(keyOf(p.topic, p.partition), entry)
  }

  private async startRestoring(entry: ActiveTaskEntry): Promise<void> {
    if (entry.task.stateManager.changelogs().length === 0) {
      await this.completeRestoration(entry)
      return
    }
    this.pause(entry.partitions)
    this.options.changelogReader.registerActive(entry.task, this.sourceTopics)
  }

  private async completeRestoration(entry: ActiveTaskEntry): Promise<void> {
    await entry.task.stateManager.checkpointRestored()
    const r = entry.task.completeRestoration()
    if (isPromiseLike(r)) await r
    for (const p of entry.partitions) {
      const time = entry.partitionTimes.get(keyOf(p.topic, p.partition))
      if (time !== undefined && time >= 0) entry.task.setPartitionTime(p.topic, p.partition, time)
    }
    entry.running = true
    const resume = entry.partitions.filter((p) => this.paused.delete(keyOf(p.topic, p.partition)))
    this.options.consumer.resume(resume)
  }

  private async loadCommittedPositions(ids: readonly string[]): Promise<void> {
    const entries = ids.map((id) => this.active.get(id)).filter((e): e is ActiveTaskEntry => e !== undefined)
    const partitions = entries.flatMap((e) => e.partitions)
    for (const p of partitions) this.positions.delete(keyOf(p.topic, p.partition))
    if (partitions.length === 0) return
    const committed = await this.options.consumer.committed(partitions)
    for (const c of committed) {
      const k = keyOf(c.topic, c.partition)
      this.positions.set(k, c.offset)
      const entry = this.byPartition.get(k)
      const time = c.metadata == null ? NaN : Number(c.metadata)
      if (entry !== undefined && Number.isFinite(time)) entry.partitionTimes.set(k, time)
    }
  }

  private async createStandby(id: string): Promise<void> {
    const task = this.tasks.create(id, [])
    try {
      const init = task.initializeStateStores()
      if (isPromiseLike(init)) await init
    } catch (err) {
      await task.close().catch(() => {})
      if (err instanceof StateDirectoryLockedError) return // try again at the next assignment
      throw err
    }
    this.standby.set(id, task)
    this.options.changelogReader.registerStandby(task)
  }

  private async closeActive(id: string, clean: boolean): Promise<void> {
    const entry = this.active.get(id)
    if (entry === undefined) return
    this.active.delete(id)
    this.options.changelogReader.unregister(entry.task)
    for (const p of entry.partitions) {
      const k = keyOf(p.topic, p.partition)
      this.byPartition.delete(k)
      this.positions.delete(k)
      this.paused.delete(k)
    }
    if (clean && entry.running) {
      // The caller committed; persist what the last commit flushed (write-behind state and checkpoints).
      await entry.task
        .postCommit()
        .then(() => entry.task.persisted())
        .catch((err: unknown) => this.options.logger.warn({ err, taskId: id }, 'Checkpoint on close failed'))
    }
    await entry.task.close().catch((err: unknown) => this.options.logger.warn({ err, taskId: id }, 'Closing task failed'))
  }

  private async closeStandby(id: string, clean: boolean): Promise<void> {
    const task = this.standby.get(id)
    if (task === undefined) return
    this.standby.delete(id)
    this.options.changelogReader.unregister(task)
    if (clean) await task.stateManager.checkpointRestored().catch(() => {})
    await task.close().catch((err: unknown) => this.options.logger.warn({ err, taskId: id }, 'Closing standby task failed'))
  }

  private pause(partitions: readonly TopicPartition[]): void {
    const fresh = partitions.filter((p) => {
      const k = keyOf(p.topic, p.partition)
      if (this.paused.has(k)) return false
      this.paused.add(k)
      return true
    })
    this.options.consumer.pause(fresh)
  }
}

function sumOffsets(task: StreamTask): number {
  let sum = 0
  for (const c of task.stateManager.changelogs()) sum += c.startOffset ?? 0
  return sum
}

function samePartitions(a: readonly TopicPartition[], b: readonly TopicPartition[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a.map((p) => keyOf(p.topic, p.partition)))
  return b.every((p) => set.has(keyOf(p.topic, p.partition)))
}

function keyOf(topic: string, partition: number): string {
  return `${topic}-${partition}`
}
