import type { RestoreCallback, StateStore } from '../../../processor-api/state-store.js'
import type { TaskId } from '../../../processor-api/task-id.js'
import type { Logger } from '../../logging/index.js'
import { TaskStateError, UnknownTopicError } from '../errors.js'
import { changelogSpecOf, ProcessorStateManager } from '../state/processor-state-manager.js'
import type { RawRecord, TopicPartition } from './raw-record.js'
import type { CommittableOffset, StreamTaskOptions, StreamTaskState } from './stream-task-options.js'
import { isPromiseLike, runSteps, type MaybePromise } from './internal/maybe-promise.js'
import { ProcessingState } from './internal/processing-state.js'
import { ProcessorContextImpl } from './internal/processor-context-impl.js'
import { ProcessorNode } from './internal/processor-node.js'
import { createRecordQueue } from './internal/create-record-queue.js'
import { buildTaskStores } from './internal/build-task-stores.js'
import { PartitionGroup } from './internal/partition-group.js'
import { TaskPunctuation } from './internal/task-punctuation.js'
import type { SourceNode } from './internal/source-node.js'
import { buildTaskNodes } from './internal/build-task-nodes.js'
import { InFlightPersist } from './internal/in-flight-persist.js'

export type { CommittableOffset, StreamTaskOptions, StreamTaskState } from './stream-task-options.js'

/**
 * Kafka's `StreamTask`: runs one `ProcessorTopology` for one task id. Records are added per
 * partition (`addRecords`); `process` takes the queued record with the lowest timestamp,
 * advances stream time and pushes it through the processor graph synchronously; punctuators run
 * on stream time and wall-clock time; commits go `prepareCommit()` (flush stores) → the caller
 * sends what the collector buffered (and commits the transaction) → `postCommit()` (stores get
 * their writes with the changelog checkpoints; the engines' writing overlaps further processing
 * and `persisted()` waits for it). Shared by KafkaStreams and the TopologyTestDriver; the only
 * differences are who adds records, the collector, the clock and when commits happen.
 *
 * Every method that can run user code returns a Promise only when some processor or punctuator
 * returned a pending Promise (or a store's init was asynchronous); otherwise it completes synchronously.
 */
export class StreamTask {
  readonly id: TaskId
  readonly stateManager: ProcessorStateManager
  /** True when records were processed or punctuators ran since the last commit. */
  commitNeeded = false
  private readonly state: ProcessingState
  private readonly partitionGroup: PartitionGroup
  private readonly processorNodes: ProcessorNode[]
  private readonly sources: readonly SourceNode[]
  private readonly partitions: TopicPartition[]
  private readonly punctuation: TaskPunctuation
  private readonly builtStores: StateStore[] = []
  private readonly logger: Logger
  private lifecycle: StreamTaskState = 'created'
  /** The persist started by the last `postCommit`, until it settles. */
  private readonly persisting = new InFlightPersist()

  constructor(private readonly options: StreamTaskOptions) {
    this.id = options.id
    this.partitions = [...options.inputPartitions]
    const idText = options.id.toString()
    this.logger = options.config.logger.child({ component: 'stream-task', taskId: idText })
    const globalStores = options.globalStores ?? new Map<string, StateStore>()
    const model = options.model
    this.stateManager = new ProcessorStateManager({
      taskId: options.id,
      changelogPartition: options.id.partition,
      changelogFor: (storeName) => changelogSpecOf(model, storeName),
      logger: this.logger,
    })
    this.state = new ProcessingState(
      options.id,
      options.config,
      options.clock,
      options.collector,
      {
        register: (store: StateStore, restore: RestoreCallback) => this.stateManager.register(store, restore),
        schedule: (nodeName, intervalMs, type, punctuator) => this.punctuation.schedule(nodeName, intervalMs, type, punctuator),
        streamTime: () => this.partitionGroup.streamTime,
        changelogTopic: (storeName) => model.stores.get(storeName)?.changelogTopic ?? null,
      },
      globalStores,
    )
    this.punctuation = new TaskPunctuation(this.state, options.clock)
    const nodes = buildTaskNodes(model, options.topology.nodeNames, this.state)
    this.processorNodes = nodes.processors
    this.sources = nodes.sources
    const queues = options.inputPartitions.map((tp) => createRecordQueue(tp, this.sources, this.state, this.logger))
    this.partitionGroup = new PartitionGroup(queues, options.config.maxTaskIdleMs, this.logger)
  }

  /** Where the task is in its lifecycle. */
  get taskState(): StreamTaskState {
    return this.lifecycle
  }

  /** The partitions this task consumes. */
  get inputPartitions(): readonly TopicPartition[] {
    return this.partitions
  }

  /**
   * Adds input partitions (e.g. new topics matching a pattern source). Existing ones are ignored.
   * @throws UnknownTopicError when no source reads a partition's topic.
   */
  addInputPartitions(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      if (this.partitionGroup.queue(tp.topic, tp.partition) !== undefined) continue
      this.partitionGroup.addQueue(createRecordQueue(tp, this.sources, this.state, this.logger))
      this.partitions.push({ topic: tp.topic, partition: tp.partition })
    }
  }

  /**
   * Builds the task's stores and initialises them (each registers with `stateManager`). The
   * runtime then restores changelogs through `stateManager` before `completeRestoration`.
   * @throws TaskStateError when called twice, or when a store does not register itself.
   * @throws StateDirectoryLockedError when another instance holds the task's state directory.
   */
  initializeStateStores(): MaybePromise<void> {
    this.expectState('created', 'initialise its state stores')
    return runSteps(this.initializeStoresSteps())
  }

  /** Instantiates and initialises the processors (in topology order); the task is then running. */
  completeRestoration(): MaybePromise<void> {
    this.expectState('restoring', 'complete restoration')
    return runSteps(this.initializeProcessorsSteps())
  }

  /**
   * Buffers consumed records (in offset order) of one input partition. The task keeps the array
   * as it is (no copy): the caller must not modify it afterwards.
   */
  addRecords(topic: string, partition: number, records: readonly RawRecord[]): void {
    const queue = this.partitionGroup.queue(topic, partition)
    if (queue === undefined) {
      throw new UnknownTopicError(`Partition ${topic}-${partition} is not an input of task ${this.id.toString()}`, { topic })
    }
    queue.addRawRecords(records)
  }

  /**
   * Tells the task how far behind the end of a partition the consumer is (Kafka's fetched lag):
   * null/-1 unknown, 0 caught up. Used by the `max.task.idle.ms` rule for empty partitions.
   */
  updateLag(topic: string, partition: number, lag: number | null): void {
    const queue = this.partitionGroup.queue(topic, partition)
    if (queue !== undefined) queue.lag = lag === null || lag < 0 ? -1 : lag
  }

  /** Restores a partition's time, e.g. from committed offset metadata (stream time follows). */
  setPartitionTime(topic: string, partition: number, time: number): void {
    this.partitionGroup.setPartitionTime(topic, partition, time)
  }

  /** True when some input partition has buffered records. */
  hasRecordsQueued(): boolean {
    return this.partitionGroup.hasBuffered()
  }

  /** Number of buffered records over all input partitions. */
  numBuffered(): number {
    return this.partitionGroup.numBuffered()
  }

  /** True when the task is running and the `max.task.idle.ms` rule allows processing now. */
  isProcessable(nowMs: number): boolean {
    return this.lifecycle === 'running' && this.partitionGroup.readyToProcess(nowMs)
  }

  /** The task's stream time: the largest record timestamp processed, or -1. */
  streamTime(): number {
    return this.partitionGroup.streamTime
  }

  /** True when a processor asked for a commit (`context.commit()`) since the last one. */
  get commitRequested(): boolean {
    return this.state.commitRequested
  }

  /** A store of this task by name, or null. */
  getStore(name: string): StateStore | null {
    return this.stateManager.getStore(name) ?? this.state.stores.get(name) ?? null
  }

  /**
   * Processes the queued record with the lowest timestamp, if the task is processable. Returns
   * false when nothing was processed; a Promise when some processor returned one (awaited here).
   * @throws TaskProcessingError (or the StreamsError a processor threw) when processing fails.
   */
  process(nowMs: number): MaybePromise<boolean> {
    if (this.lifecycle !== 'running') this.expectState('running', 'process records')
    const group = this.partitionGroup
    if (!group.readyToProcess(nowMs)) return false
    const record = group.nextRecord()
    if (record === null) return false
    const queue = group.lastQueue!
    const state = this.state
    state.setRecordContext(record.timestamp, record, queue.topic, queue.partition, queue.inFlight)
    try {
      // What the source's `forward` would do, minus saving and restoring the record context
      // it would set to the values just set.
      const children = queue.source.children
      for (let i = 0; i < children.length; i++) children[i]!.process(record)
    } catch (err) {
      // Abandon what earlier siblings started for this failed record.
      state.pending = []
      throw err
    }
    this.commitNeeded = true
    if (state.pending.length === 0) {
      queue.markProcessed()
      return true
    }
    return state.drainPending().then(() => {
      queue.markProcessed()
      return true
    })
  }

  /** Processes up to `maxRecords` records; returns how many were processed. */
  processBatch(nowMs: number, maxRecords: number): MaybePromise<number> {
    let n = 0
    while (n < maxRecords) {
      const r = this.process(nowMs)
      if (r === false) return n
      n++
      if (r !== true) {
        const done = n
        return r.then(() => this.processBatch(nowMs, maxRecords - done)).then((more) => done + more)
      }
    }
    return n
  }

  /** Fires stream-time punctuators due at the current stream time. Returns true when any fired. */
  maybePunctuateStreamTime(): MaybePromise<boolean> {
    return this.markCommitNeeded(this.punctuation.punctuateStreamTime(this.partitionGroup.streamTime))
  }

  /** Fires wall-clock punctuators due at the clock's current time. Returns true when any fired. */
  maybePunctuateSystemTime(): MaybePromise<boolean> {
    return this.markCommitNeeded(this.punctuation.punctuateWallClock())
  }

  /**
   * First half of a commit: flushes the stores in registration order (caches evict downstream
   * and log changes). Afterwards the caller sends what the collector holds.
   */
  prepareCommit(): MaybePromise<void> {
    if (this.lifecycle === 'closed') return
    const state = this.state
    state.clearRecordContext()
    this.stateManager.flush()
    if (state.pending.length > 0) return state.drainPending()
  }

  /** Consumed positions to commit (next offset per input partition that made progress). */
  committableOffsets(): CommittableOffset[] {
    const out: CommittableOffset[] = []
    for (const q of this.partitionGroup.queues) {
      if (q.consumedOffset >= 0) {
        out.push({ topic: q.topic, partition: q.partition, offset: q.consumedOffset + 1, partitionTime: q.partitionTime })
      }
    }
    return out
  }

  /**
   * Second half of a commit, after the collector's records are acknowledged (and the
   * transaction committed): persists every store with its checkpoint, the next changelog
   * offset as reported by the collector (source-topic stores: the next consumed offset).
   */
  async postCommit(): Promise<void> {
    if (this.lifecycle === 'closed') return
    await this.persisted()
    const collector = this.options.collector
    const sourceTopics = new Set(this.options.topology.sourceTopics)
    // The checkpoints are taken and the staged writes handed to the engines now; the engines'
    // own writing (LevelDB's batch write, on a libuv thread) overlaps the processing that follows.
    const persisting = this.stateManager.persist((topic, partition) => {
      if (sourceTopics.has(topic)) {
        const q = this.partitionGroup.queue(topic, partition)
        return q === undefined || q.consumedOffset < 0 ? null : q.consumedOffset + 1
      }
      const last = collector.lastOffset(topic, partition)
      return last === null ? null : last + 1
    })
    this.persisting.track(persisting)
    this.commitNeeded = false
    this.state.commitRequested = false
  }

  /**
   * Resolves when the stores hold what the last `postCommit` handed them (data and checkpoints
   * durable). A failed persist is thrown here, by the next `postCommit` and by `close`.
   */
  persisted(): Promise<void> {
    return this.persisting.settled()
  }

  /** Closes the processors (in topology order) and cancels punctuations. Idempotent. */
  closeTopology(): MaybePromise<void> {
    if (this.lifecycle !== 'running') return
    this.lifecycle = 'restoring'
    this.punctuation.clear()
    return runSteps(this.closeProcessorsSteps())
  }

  /** Closes processors and stores and releases the state directory. Idempotent. */
  async close(): Promise<void> {
    if (this.lifecycle === 'closed') return
    let failure: { error: unknown } | null = null
    try {
      await this.closeTopology()
    } catch (err) {
      failure = { error: err }
    }
    try {
      await this.persisted()
    } catch (err) {
      if (failure === null) failure = { error: err }
    }
    this.lifecycle = 'closed'
    const registered = new Set(this.stateManager.stores())
    try {
      await this.stateManager.close()
    } catch (err) {
      if (failure === null) failure = { error: err }
    }
    for (const s of this.builtStores) {
      if (!registered.has(s) && s.isOpen) {
        try {
          await s.close()
        } catch (err) {
          this.logger.warn({ store: s.name, err }, 'Failed to close unregistered store')
        }
      }
    }
    this.options.stateDirectory?.unlock(this.id.toString())
    this.partitionGroup.queues.forEach((q) => q.clear())
    if (failure !== null) throw failure.error
  }

  private *initializeStoresSteps(): Generator<unknown, void, unknown> {
    const { model, topology, stateDirectory } = this.options
    for (const store of buildTaskStores(model, topology.storeNames, this.state.globalStores)) {
      this.builtStores.push(store)
      this.state.stores.set(store.name, store)
    }
    if (stateDirectory !== null && this.builtStores.some((s) => s.persistent)) {
      const idText = this.id.toString()
      stateDirectory.lock(idText)
      this.state.stateDir = stateDirectory.directoryFor(idText)
    }
    const storeContext = new ProcessorContextImpl(this.state, null)
    this.options.beforeStoreInit?.(storeContext)
    for (const store of this.builtStores) {
      const r = store.init(storeContext, store)
      if (isPromiseLike(r)) yield r
      if (!this.stateManager.isRegistered(store.name)) {
        throw new TaskStateError(`Store ${store.name} did not register itself (context.register) during init`, {
          taskId: this.id.toString(),
        })
      }
    }
    this.lifecycle = 'restoring'
  }

  private *initializeProcessorsSteps(): Generator<unknown, void, unknown> {
    for (const node of this.processorNodes) {
      const r = node.init()
      if (isPromiseLike(r)) yield r
    }
    this.state.clearRecordContext()
    this.lifecycle = 'running'
  }

  private *closeProcessorsSteps(): Generator<unknown, void, unknown> {
    for (const node of this.processorNodes) {
      const r = node.close()
      if (isPromiseLike(r)) yield r
    }
  }

  private markCommitNeeded(punctuated: MaybePromise<boolean>): MaybePromise<boolean> {
    if (punctuated === true) this.commitNeeded = true
    else if (punctuated !== false) {
      return punctuated.then((fired) => {
        if (fired) this.commitNeeded = true
        return fired
      })
    }
    return punctuated
  }

  private expectState(expected: StreamTaskState, action: string): void {
    if (this.lifecycle !== expected) {
      throw new TaskStateError(`Task ${this.id.toString()} cannot ${action} in state ${this.lifecycle}`, {
        taskId: this.id.toString(),
      })
    }
  }
}
