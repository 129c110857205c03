import type { TopologyModel } from '../../../processor-api/internal/topology-model.js'
import type { ChangelogRecord, RestoreCallback, StateStore } from '../../../processor-api/state-store.js'
import type { TaskId } from '../../../processor-api/task-id.js'
import type { Logger } from '../../logging/index.js'
import { silentLogger } from '../../logging/index.js'
import { TaskStateError } from '../errors.js'

/** Where a store's changelog lives; `topic` null: the store is not logged. */
export interface ChangelogSpec {
  readonly topic: string | null
  /** True when the changelog is a source topic the task also reads (Kafka's source-topic KTable). */
  readonly isSourceTopic: boolean
}

/** A store's changelog in a topology: its own `-changelog` topic, the source topic it reuses, or none. */
export function changelogSpecOf(model: TopologyModel, storeName: string): ChangelogSpec {
  const m = model.stores.get(storeName)
  if (m === undefined) return { topic: null, isSourceTopic: false }
  if (m.changelogTopic !== null) return { topic: m.changelogTopic, isSourceTopic: false }
  return { topic: m.sourceChangelogTopic, isSourceTopic: m.sourceChangelogTopic !== null }
}

/** One registered store's changelog, as the runtime needs it to restore. */
export interface StoreChangelog {
  readonly storeName: string
  readonly topic: string
  readonly partition: number
  /** The checkpoint (next offset to restore from), or null: restore from the beginning. */
  readonly startOffset: number | null
}

interface StoreMetadata {
  readonly store: StateStore
  readonly restore: RestoreCallback
  readonly changelog: ChangelogSpec
  /** Next changelog offset the store's data reflects (checkpoint or restored position); null: unknown. */
  offset: number | null
}

/**
 * Kafka's `ProcessorStateManager` for one task: the stores registered during `init` (in
 * registration order), their changelog topics, restore in batches through each store's restore
 * callback, and the commit-time `flush` and `persist(checkpoint)`.
 */
export class ProcessorStateManager {
  private readonly byName = new Map<string, StoreMetadata>()
  private readonly logger: Logger

  constructor(
    private readonly options: {
      readonly taskId: TaskId
      /** The changelog partition (Kafka: the task's partition). */
      readonly changelogPartition: number
      readonly changelogFor: (storeName: string) => ChangelogSpec
      readonly logger?: Logger
    },
  ) {
    this.logger = options.logger ?? silentLogger
  }

  /**
   * Called by a store (through its context) during `init`.
   * @throws TaskStateError when a store of that name is already registered.
   */
  register(store: StateStore, restore: RestoreCallback): void {
    if (this.byName.has(store.name)) {
      throw new TaskStateError(`Store ${store.name} has already been registered`, { taskId: this.options.taskId.toString() })
    }
    const changelog = this.options.changelogFor(store.name)
    this.byName.set(store.name, { store, restore, changelog, offset: store.committedOffset() })
  }

  /** The registered store of that name, or null. */
  getStore(name: string): StateStore | null {
    return this.byName.get(name)?.store ?? null
  }

  isRegistered(name: string): boolean {
    return this.byName.has(name)
  }

  /** Registered stores in registration order. */
  stores(): StateStore[] {
    return [...this.byName.values()].map((m) => m.store)
  }

  /** The changelogs to restore from (logged stores only), with their start offsets. */
  changelogs(): StoreChangelog[] {
    const out: StoreChangelog[] = []
    for (const [storeName, m] of this.byName) {
      if (m.changelog.topic === null) continue
      out.push({ storeName, topic: m.changelog.topic, partition: this.options.changelogPartition, startOffset: m.offset })
    }
    return out
  }

  /** The next changelog offset a store reflects (checkpoint or restored position), or null. */
  changelogOffset(storeName: string): number | null {
    return this.byName.get(storeName)?.offset ?? null
  }

  /**
   * Applies one batch of changelog records (in offset order) to a store through its restore
   * callback: never put by put through the outer layers.
   * @throws TaskStateError when the store is not registered or not logged.
   */
  restore(storeName: string, records: readonly ChangelogRecord[]): void | Promise<void> {
    const m = this.byName.get(storeName)
    if (m === undefined || m.changelog.topic === null) {
      throw new TaskStateError(`Cannot restore store ${storeName}: it is not a registered logged store`, {
        taskId: this.options.taskId.toString(),
      })
    }
    if (records.length === 0) return
    const next = records[records.length - 1]!.offset + 1
    const r = m.restore(records)
    if (r !== undefined && typeof (r as Promise<void>).then === 'function') {
      return (r as Promise<void>).then(() => {
        m.offset = next
      })
    }
    m.offset = next
  }

  /** Makes restored data and the restored position durable (call when restoration completes). */
  async checkpointRestored(): Promise<void> {
    await Promise.all(
      [...this.byName.values()].map((m) => m.store.persist(m.changelog.topic === null ? null : m.offset)),
    )
  }

  /** Flushes every store in registration order (caches evict and log; engines stage writes). */
  flush(): void {
    for (const m of this.byName.values()) m.store.flush()
  }

  /**
   * Persists every store with its checkpoint: `nextOffset(topic, partition)` is the next offset
   * of the changelog after the commit (null: nothing new was written, keep the previous one).
   */
  async persist(nextOffset: (topic: string, partition: number) => number | null): Promise<void> {
    const partition = this.options.changelogPartition
    await Promise.all(
      [...this.byName.values()].map((m) => {
        const topic = m.changelog.topic
        if (topic === null) return m.store.persist(null)
        const next = nextOffset(topic, partition)
        if (next !== null && (m.offset === null || next > m.offset)) m.offset = next
        return m.store.persist(m.offset)
      }),
    )
  }

  /** Closes every store (in registration order), logging but not stopping on failures; throws the first. */
  async close(): Promise<void> {
    let first: unknown = undefined
    for (const m of this.byName.values()) {
      try {
        await m.store.close()
      } catch (err) {
        this.logger.error({ store: m.store.name, err }, 'Failed to close state store')
        if (first === undefined) first = err
      }
    }
    this.byName.clear()
    if (first !== undefined) throw first
  }
}
