import { Record } from '../../../processor-api/record.js'
import { TaskId } from '../../../processor-api/task-id.js'
import type { StateStore } from '../../../processor-api/state-store.js'
import type { Clock } from '../../../processor-api/time.js'
import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import type { Logger } from '../../logging/index.js'
import { ProcessorStateError } from '../../../processor-api/errors.js'
import { TaskStateError, UnknownTopicError } from '../errors.js'
import { ProcessorStateManager } from '../state/processor-state-manager.js'
import type { StateDirectory } from '../state/state-directory.js'
import type { RawRecord } from './raw-record.js'
import type { RecordCollector } from './record-collector.js'
import type { TaskConfig } from './task-config.js'
import { isPromiseLike, runSteps, type MaybePromise } from './internal/maybe-promise.js'
import { ProcessingState } from './internal/processing-state.js'
import { ProcessorContextImpl } from './internal/processor-context-impl.js'
import type { ProcessorNode } from './internal/processor-node.js'
import type { SourceNode } from './internal/source-node.js'
import { buildTaskNodes } from './internal/build-task-nodes.js'
import { handleDeserializationFailure } from './internal/handle-deserialization-failure.js'

/** Kafka's task id of the global task. */
const GLOBAL_TASK_ID = new TaskId(-1, -1)

const NO_COLLECTOR: RecordCollector = {
  send: () => {
    throw new ProcessorStateError('Global state processors cannot produce records')
  },
  partitionsFor: () => null,
  lastOffset: () => null,
}

/** What a global task is built from. */
export interface GlobalStateUpdateTaskOptions {
  readonly model: TopologyModel
  readonly config: TaskConfig
  readonly clock: Clock
  /** Global stores live in `<stateDir>/<applicationId>/global`; null: no directory. */
  readonly stateDirectory: StateDirectory | null
}

/**
 * Kafka's `GlobalStateUpdateTask`: keeps the global stores (addGlobalStore, GlobalKTable) up to
 * date by feeding every record of their topics, deserialized with the source's deserializers
 * and stamped with the record's own timestamp, to the store's update processor. Global stores are
 * readable by every processor of every task.
 */
export class GlobalStateUpdateTask {
  /** The global stores by name (pass to each StreamTask as `globalStores`). */
  readonly stores = new Map<string, StateStore>()
  readonly stateManager: ProcessorStateManager
  private readonly state: ProcessingState
  private readonly sourcesByTopic = new Map<string, SourceNode>()
  private readonly processors: ProcessorNode[] = []
  private readonly nextOffsets = new Map<string, Map<number, number>>()
  private readonly logger: Logger
  private lifecycle: 'created' | 'running' | 'closed' = 'created'

  constructor(private readonly options: GlobalStateUpdateTaskOptions) {
    const { model } = options
    this.logger = options.config.logger.child({ component: 'global-stream-task' })
    const topicOfStore = new Map(model.globalStores.map((g) => [g.store.name, g.topic]))
    this.stateManager = new ProcessorStateManager({
      taskId: GLOBAL_TASK_ID,
      changelogPartition: 0,
      changelogFor: (storeName) => ({ topic: topicOfStore.get(storeName) ?? null, isSourceTopic: true }),
      logger: this.logger,
    })
    this.state = new ProcessingState(
      GLOBAL_TASK_ID,
      options.config,
      options.clock,
      NO_COLLECTOR,
      {
        register: (store, restore) => this.stateManager.register(store, restore),
        schedule: () => {
          throw new ProcessorStateError('Global state processors cannot schedule punctuations')
        },
        streamTime: () => -1,
        changelogTopic: () => null,
      },
      this.stores,
    )
    for (const g of model.globalStores) {
      const nodes = buildTaskNodes(model, [g.sourceName, g.processorName], this.state)
      this.sourcesByTopic.set(g.topic, nodes.sources[0]!)
      this.processors.push(...nodes.processors)
    }
  }

  /** The topics the global stores are built from. */
  topics(): string[] {
    return [...this.sourcesByTopic.keys()]
  }

  /** Builds and initialises the global stores, then their update processors. */
  initialize(): MaybePromise<void> {
    if (this.lifecycle !== 'created') {
      throw new TaskStateError('The global task is already initialised', { taskId: GLOBAL_TASK_ID.toString() })
    }
    return runSteps(this.initializeSteps())
  }

  /**
   * Applies one record of a global topic. Undeserializable records go to the configured handler.
   * @throws UnknownTopicError when `topic` feeds no global store.
   */
  update(topic: string, partition: number, raw: RawRecord): MaybePromise<void> {
    const source = this.sourcesByTopic.get(topic)
    if (source === undefined) throw new UnknownTopicError(`Topic ${topic} feeds no global store`, { topic })
    if (this.lifecycle !== 'running') {
      throw new TaskStateError(`The global task cannot process records in state ${this.lifecycle}`, {
        taskId: GLOBAL_TASK_ID.toString(),
      })
    }
    this.recordOffset(topic, partition, raw.offset + 1)
    let key: unknown
    let value: unknown
    try {
      const headers = raw.headers ?? undefined
      key = source.keyDeserializer.deserialize(topic, raw.key, headers)
      value = source.valueDeserializer.deserialize(topic, raw.value, headers)
    } catch (err) {
      handleDeserializationFailure(this.state, { topic, partition, source }, raw, err, this.logger)
      return
    }
    const state = this.state
    const record = new Record(key, value, raw.timestamp, raw.headers ?? undefined)
    state.setRecordContext(raw.timestamp, record, topic, partition, raw.offset)
    try {
      source.context.forward(record)
    } finally {
      state.clearRecordContext()
    }
    if (state.pending.length > 0) return state.drainPending()
  }

  /** Flushes the global stores (caches evict). */
  flushState(): void {
    this.stateManager.flush()
  }

  /**
   * Persists the global stores. The checkpoint is the next offset of the store's topic when only
   * partition 0 of it was seen; with several partitions the checkpoint is left unset (a single
   * number cannot hold them) and the store is rebuilt from its topic on restart.
   */
  async persist(): Promise<void> {
    await this.stateManager.persist((topic) => {
      const offsets = this.nextOffsets.get(topic)
      if (offsets === undefined || offsets.size !== 1) return null
      return offsets.get(0) ?? null
    })
  }

  /** Closes the update processors and the global stores. Idempotent. */
  async close(): Promise<void> {
    if (this.lifecycle === 'closed') return
    const wasRunning = this.lifecycle === 'running'
    this.lifecycle = 'closed'
    if (wasRunning) for (const p of this.processors) await p.close()
    await this.stateManager.close()
    this.options.stateDirectory?.unlock('global')
  }

  private recordOffset(topic: string, partition: number, next: number): void {
    let m = this.nextOffsets.get(topic)
    if (m === undefined) {
      m = new Map()
      this.nextOffsets.set(topic, m)
    }
    m.set(partition, next)
  }

  private *initializeSteps(): Generator<unknown, void, unknown> {
    const built: StateStore[] = []
    for (const g of this.options.model.globalStores) {
      const store = g.store.builder.build()
      built.push(store)
      this.stores.set(store.name, store)
    }
    const dir = this.options.stateDirectory
    if (dir !== null && built.some((s) => s.persistent)) {
      dir.lock('global')
      this.state.stateDir = dir.directoryFor('global')
    }
    const context = new ProcessorContextImpl(this.state, null)
    for (const store of built) {
      const r = store.init(context, store)
      if (isPromiseLike(r)) yield r
      if (!this.stateManager.isRegistered(store.name)) {
        throw new TaskStateError(`Global store ${store.name} did not register itself during init`, {
          taskId: GLOBAL_TASK_ID.toString(),
        })
      }
    }
    for (const p of this.processors) {
      const r = p.init()
      if (isPromiseLike(r)) yield r
    }
    this.lifecycle = 'running'
  }
}
