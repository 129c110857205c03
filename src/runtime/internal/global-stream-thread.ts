import type { StateStore } from '../../../processor-api/state-store.js'
import type { Clock } from '../../../processor-api/time.js'
import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import type { Logger } from '../../logging/index.js'
import type { ConsumedBatch, PartitionPosition, RestoreConsumerPort } from '../ports.js'
import type { StateDirectory } from '../state/state-directory.js'
import { GlobalStateUpdateTask } from '../task/global-state-update-task.js'
import { isPromiseLike } from '../task/internal/maybe-promise.js'
import type { TaskConfig } from '../task/task-config.js'

/** What the global thread is built from. */
export interface GlobalStreamThreadOptions {
  readonly model: TopologyModel
  readonly config: TaskConfig
  readonly clock: Clock
  readonly stateDirectory: StateDirectory
  readonly consumer: RestoreConsumerPort
  /** Partition counts of the global topics. */
  readonly partitions: ReadonlyMap<string, number>
  readonly commitIntervalMs: number
  readonly pollMs: number
  readonly onError: (error: unknown) => void
  readonly logger: Logger
}

/**
 * Kafka's `GlobalStreamThread`: reads every partition of the global topics into the global
 * stores (GlobalKTables and `addGlobalStore`) before stream processing starts (`bootstrap`),
 * then keeps them current in the background, flushing and checkpointing every commit interval.
 * A store with a checkpoint on a one-partition topic resumes from it; otherwise from the start.
 */
export class GlobalStreamThread {
  private readonly task: GlobalStateUpdateTask
  private running = false
  private loop: Promise<void> | null = null
  private lastCommitMs = 0

  constructor(private readonly options: GlobalStreamThreadOptions) {
    this.task = new GlobalStateUpdateTask({ model: options.model, config: options.config, clock: options.clock, stateDirectory: options.stateDirectory })
  }

  /** The global stores by name (readable by every task). */
  get stores(): ReadonlyMap<string, StateStore> {
    return this.task.stores
  }

  /** Initialises the global stores and reads their topics up to the current end. */
  async bootstrap(): Promise<void> {
    const init = this.task.initialize()
    if (isPromiseLike(init)) await init
    await this.options.consumer.connect()
    const checkpoints = new Map(this.task.stateManager.changelogs().map((c) => [c.topic, c.startOffset]))
    const positions: PartitionPosition[] = []
    for (const topic of this.task.topics()) {
      const n = this.options.partitions.get(topic) ?? 1
      for (let partition = 0; partition < n; partition++) {
        positions.push({ topic, partition, offset: n === 1 ? (checkpoints.get(topic) ?? null) : null })
      }
    }
    this.options.consumer.assign(positions)
    const ends = await this.options.consumer.endOffsets(positions)
    const behind = (): boolean =>
      positions.some((p) => {
        const end = ends.get(`${p.topic}-${p.partition}`) ?? 0
        const pos = this.options.consumer.position(p)
        return end > 0 && (pos === null || pos < end)
      })
    while (behind()) await this.apply(await this.options.consumer.poll(100))
    await this.checkpoint()
    this.lastCommitMs = this.options.clock.nowMs()
    this.options.logger.info({ stores: [...this.task.stores.keys()] }, 'Global stores bootstrapped')
  }

  /** Keeps the global stores current until `stop`. */
  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  /** Stops the background loop, checkpoints and closes the global stores. */
  async stop(): Promise<void> {
    this.running = false
    await this.loop
    await this.checkpoint().catch((err: unknown) => this.options.logger.warn({ err }, 'Global checkpoint failed'))
    await this.task.close()
    await this.options.consumer.close()
  }

  private async run(): Promise<void> {
    try {
      while (this.running) {
        await this.apply(await this.options.consumer.poll(this.options.pollMs))
        const now = this.options.clock.nowMs()
        if (now - this.lastCommitMs >= this.options.commitIntervalMs) {
          this.lastCommitMs = now
          await this.checkpoint()
        }
      }
    } catch (err) {
      this.running = false
      this.options.onError(err)
    }
  }

  private async apply(batches: readonly ConsumedBatch[]): Promise<void> {
    for (const b of batches) {
      for (const r of b.records) {
        const done = this.task.update(b.topic, b.partition, r)
        if (isPromiseLike(done)) await done
      }
    }
  }

  private async checkpoint(): Promise<void> {
    this.task.flushState()
    await this.task.persist()
  }
}
