import type { ChangelogRecord } from '../../../processor-api/state-store.js'
import type { Logger } from '../../logging/index.js'
import type { RestoreConsumerPort, TopicPartition } from '../ports.js'
import type { StateRestoreListener } from '../state-restore-listener.js'
import type { StreamTask } from '../task/stream-task.js'
import { isPromiseLike } from '../task/internal/maybe-promise.js'

interface ChangelogEntry {
  readonly task: StreamTask
  readonly storeName: string
  readonly partition: TopicPartition
  readonly standby: boolean
  /** A source topic used as changelog (restored up to the group's committed offset). */
  readonly sourceTopic: boolean
  readonly startOffset: number | null
  /** Next offset to read; null until known (the log start). */
  position: number | null
  /** Offset to restore up to (excluded) for an active task; null until looked up; unused for standbys. */
  endOffset: number | null
  restored: number
}

/** How the reader learns the group's committed offsets (source-topic changelogs restore up to them). */
export type CommittedOffsets = (partitions: readonly TopicPartition[]) => Promise<Map<string, number>>

/**
 * Kafka's `StoreChangelogReader`: restores the stores of new active tasks from their changelog
 * partitions, from each store's checkpoint (or the log start) up to the end offset captured when
 * restoration starts (the last stable offset: data is read with read_committed), in batches
 * through the stores' restore callbacks; and keeps standby tasks' stores up to date by reading
 * their changelogs continuously. One restore consumer serves all of them.
 */
export class ChangelogReader {
  private readonly entries = new Map<string, ChangelogEntry>()
  private assignmentDirty = false

  constructor(
    private readonly consumer: RestoreConsumerPort,
    private readonly committedOffsets: CommittedOffsets,
    private readonly listener: () => StateRestoreListener | null,
    private readonly logger: Logger,
  ) {}

  /** Starts restoring an active task's logged stores (`changelogs()` of its state manager). */
  registerActive(task: StreamTask, sourceTopics: ReadonlySet<string>): void {
    this.register(task, false, sourceTopics)
  }

  /** Starts keeping a standby task's stores up to date. */
  registerStandby(task: StreamTask): void {
    this.register(task, true, new Set())
  }

  /** Stops reading for a task (closed, or a standby about to be promoted). */
  unregister(task: StreamTask): void {
    for (const [k, e] of this.entries) {
      if (e.task === task) {
        this.entries.delete(k)
        this.assignmentDirty = true
      }
    }
  }

  /** True while some active task is still restoring. */
  hasActiveRestoring(): boolean {
    for (const e of this.entries.values()) if (!e.standby) return true
    return false
  }

  /** True when standby tasks are being kept up to date. */
  hasStandbys(): boolean {
    for (const e of this.entries.values()) if (e.standby) return true
    return false
  }

  /**
   * One round: looks up end offsets of newly registered changelogs, fetches once (waiting up to
   * `maxWaitMs`), applies what came back. Returns the active tasks whose restoration completed
   * (their changelogs are no longer read).
   */
  async step(maxWaitMs: number): Promise<StreamTask[]> {
    if (this.entries.size === 0) return []
    await this.initializeOffsets()
    const completed = this.takeCompleted()
    if (this.assignmentDirty) {
      this.consumer.assign([...this.entries.values()].map((e) => ({ ...e.partition, offset: e.position })))
      this.assignmentDirty = false
    }
    if (this.entries.size === 0) return completed
    const batches = await this.consumer.poll(maxWaitMs)
    for (const batch of batches) {
      const e = this.entries.get(keyOf(batch.topic, batch.partition))
      if (e === undefined) continue
      const records: ChangelogRecord[] = []
      for (const r of batch.records) {
        if (!e.standby && e.endOffset !== null && r.offset >= e.endOffset) break
        if (r.key === null) continue
        records.push({ key: r.key, value: r.value, timestamp: r.timestamp, offset: r.offset })
      }
      if (records.length > 0) {
        const done = e.task.stateManager.restore(e.storeName, records)
        if (isPromiseLike(done)) await done
        e.restored += records.length
        this.listener()?.onBatchRestored?.(e.partition, e.storeName, records[records.length - 1]!.offset, records.length)
      }
      e.position = this.consumer.position(e.partition) ?? e.position
    }
    completed.push(...this.takeCompleted())
    return completed
  }

  private register(task: StreamTask, standby: boolean, sourceTopics: ReadonlySet<string>): void {
    for (const c of task.stateManager.changelogs()) {
      const partition = { topic: c.topic, partition: c.partition }
      this.entries.set(keyOf(c.topic, c.partition), {
        task,
        storeName: c.storeName,
        partition,
        standby,
        sourceTopic: sourceTopics.has(c.topic),
        startOffset: c.startOffset,
        position: c.startOffset,
        endOffset: null,
        restored: 0,
      })
      this.assignmentDirty = true
    }
  }

  private async initializeOffsets(): Promise<void> {
    const fresh = [...this.entries.values()].filter((e) => (!e.standby && e.endOffset === null) || e.position === null)
    if (fresh.length === 0) return
    const partitions = fresh.map((e) => e.partition)
    const [ends, starts] = await Promise.all([this.consumer.endOffsets(partitions), this.consumer.beginningOffsets(partitions)])
    const sourceEntries = fresh.filter((e) => e.sourceTopic && !e.standby)
    const committed = sourceEntries.length > 0 ? await this.committedOffsets(sourceEntries.map((e) => e.partition)) : new Map<string, number>()
    for (const e of fresh) {
      const k = keyOf(e.partition.topic, e.partition.partition)
      const logStart = starts.get(k) ?? 0
      if (e.position === null || e.position < logStart) e.position = logStart
      if (e.standby || e.endOffset !== null) continue
      let end = ends.get(k) ?? 0
      if (e.sourceTopic) end = Math.min(end, committed.get(k) ?? 0)
      if (e.startOffset !== null && e.startOffset > end) {
        this.logger.warn(
          { store: e.storeName, topic: e.partition.topic, partition: e.partition.partition, checkpoint: e.startOffset, end },
          'Checkpoint is beyond the end of the changelog; nothing to restore',
        )
      }
      e.endOffset = end
      this.listener()?.onRestoreStart?.(e.partition, e.storeName, e.position, end)
      this.assignmentDirty = true
    }
  }

  /** Active tasks all of whose changelogs reached their end offset. */
  private takeCompleted(): StreamTask[] {
    const pendingTasks = new Set<StreamTask>()
    const candidates = new Set<StreamTask>()
    for (const e of this.entries.values()) {
      if (e.standby) continue
      const finished = e.endOffset !== null && e.position !== null && e.position >= e.endOffset
      if (finished) candidates.add(e.task)
      else pendingTasks.add(e.task)
    }
    const done: StreamTask[] = []
    for (const task of candidates) {
      if (pendingTasks.has(task)) continue
      for (const [k, e] of this.entries) {
        if (e.task !== task || e.standby) continue
        this.entries.delete(k)
        this.listener()?.onRestoreEnd?.(e.partition, e.storeName, e.restored)
      }
      this.assignmentDirty = true
      done.push(task)
    }
    return done
  }
}

function keyOf(topic: string, partition: number): string {
  return `${topic}-${partition}`
}
