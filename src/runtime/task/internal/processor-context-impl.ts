import type { FixedKeyRecord, Record } from '../../../../processor-api/record.js'
import type { RecordMetadata } from '../../../../processor-api/record-metadata.js'
import { Headers } from '../../../../processor-api/headers.js'
import type { AppConfigs, FixedKeyProcessorContext, ProcessorContext } from '../../../../processor-api/processor-context.js'
import type { Cancellable, PunctuationType, Punctuator } from '../../../../processor-api/punctuation.js'
import type { CachedRecordContext, RestoreCallback, StateStore, StateStoreContext } from '../../../../processor-api/state-store.js'
import type { Serde } from '../../../../processor-api/serde/serde.js'
import type { TaskId } from '../../../../processor-api/task-id.js'
import { ProcessorStateError } from '../../../../processor-api/errors.js'
import { NO_HEADERS } from './no-headers.js'
import type { ProcessingState } from './processing-state.js'


/** A record as it flows between nodes: a `Record` or a `FixedKeyRecord` (same fields). */
export type AnyRecord = Record<unknown, unknown> | FixedKeyRecord<unknown, unknown>

/** A node a context forwards to: a processor or a sink. */
export interface ChildNode {
  readonly name: string
  process(record: AnyRecord): void
}

/** The node a context belongs to (null for the context stores are initialised with). */
export interface ContextOwner {
  readonly name: string
  readonly children: readonly ChildNode[]
  readonly childByName: ReadonlyMap<string, ChildNode>
  /** Names of the stores this node may access. */
  readonly storeNames: ReadonlySet<string>
}

/**
 * Kafka's `ProcessorContextImpl`, one per node per task (so an asynchronous processor forwards
 * from the right node whenever its Promise continues). Also the `StateStoreContext` stores are
 * initialised with (owner null). `forward` calls the children directly and synchronously.
 */
export class ProcessorContextImpl implements ProcessorContext, FixedKeyProcessorContext, StateStoreContext {
  readonly applicationId: string
  readonly taskId: TaskId
  readonly appConfigs: AppConfigs
  readonly keySerde: Serde<unknown> | null
  readonly valueSerde: Serde<unknown> | null
  private readonly children: readonly ChildNode[]

  constructor(
    private readonly state: ProcessingState,
    private readonly owner: ContextOwner | null,
  ) {
    this.applicationId = state.config.applicationId
    this.taskId = state.taskId
    this.appConfigs = state.config.appConfigs
    this.keySerde = state.config.defaultKeySerde
    this.valueSerde = state.config.defaultValueSerde
    this.children = owner === null ? [] : owner.children
  }

  get stateDir(): string | null {
    return this.state.stateDir
  }

  recordMetadata(): RecordMetadata | null {
    return this.state.recordMetadata()
  }

  currentStreamTimeMs(): number {
    return this.state.hooks.streamTime()
  }

  currentSystemTimeMs(): number {
    return this.state.clock.nowMs()
  }

  forward(record: AnyRecord, childName?: string): void {
    const state = this.state
    const prevTimestamp = state.timestamp
    const prevHeaders = state.headerSource
    const prevContext = state.contextObject
    state.timestamp = record.timestamp
    state.headerSource = record
    state.contextObject = null
    try {
      if (childName === undefined) {
        const children = this.children
        for (let i = 0; i < children.length; i++) children[i]!.process(record)
      } else {
        const child = this.owner?.childByName.get(childName)
        if (child === undefined) {
          throw new ProcessorStateError(
            `Unknown downstream node: ${childName} either does not exist or is not connected to this processor` +
              `${this.owner ? ` (${this.owner.name})` : ''}.`,
          )
        }
        child.process(record)
      }
    } finally {
      state.timestamp = prevTimestamp
      state.headerSource = prevHeaders
      state.contextObject = prevContext
    }
  }

  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    if (!Number.isFinite(intervalMs) || intervalMs < 1) {
      throw new RangeError(`The minimum supported scheduling interval is 1 millisecond, got ${intervalMs}`)
    }
    if (this.owner === null) throw new ProcessorStateError('Only processors can schedule punctuations')
    return this.state.hooks.schedule(this.owner.name, intervalMs, type, punctuator)
  }

  getStateStore<S extends StateStore = StateStore>(name: string): S {
    const global = this.state.globalStores.get(name)
    if (global !== undefined) return global as S
    if (this.owner === null) throw new ProcessorStateError(`Accessing store ${name} from an unknown node`)
    if (!this.owner.storeNames.has(name)) {
      throw new ProcessorStateError(
        `Processor ${this.owner.name} has no access to StateStore ${name} as the store is not connected to the ` +
          `processor. If you add stores manually via 'addStateStore()', make sure to connect the added store to the ` +
          `processor by providing the processor name to 'addStateStore()' or connect them via ` +
          `'connectProcessorAndStateStores()'. DSL users need to provide the store name to 'process()' or ` +
          `'processValues()', or return a StoreBuilder from the supplier's 'stores()'.`,
      )
    }
    const store = this.state.stores.get(name)
    if (store === undefined) throw new ProcessorStateError(`State store ${name} is not initialised in task ${this.state.taskIdText}`)
    return store as S
  }

  commit(): void {
    this.state.commitRequested = true
  }

  register(store: StateStore, restore: RestoreCallback): void {
    this.state.hooks.register(store, restore)
  }

  logChange(storeName: string, key: Buffer, value: Buffer | null, timestamp: number, headers?: Headers): void {
    const topic = this.state.hooks.changelogTopic(storeName)
    if (topic === null) throw new ProcessorStateError(`Store ${storeName} is not logged: it has no changelog topic`)
    this.state.collector.send({
      topic,
      partition: this.state.taskId.partition,
      key,
      value,
      timestamp,
      headers: headers ?? NO_HEADERS,
    })
  }

  currentRecordContext(): CachedRecordContext | null {
    return this.state.currentRecordContext()
  }

  withRecordContext(recordContext: CachedRecordContext, fn: () => void): void {
    this.state.withRecordContext(recordContext, fn)
  }
}
