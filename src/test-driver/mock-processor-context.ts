import { Headers } from '../../processor-api/headers.js'
import { ProcessorStateError } from '../../processor-api/errors.js'
import type { Record } from '../../processor-api/record.js'
import type { RecordMetadata } from '../../processor-api/record-metadata.js'
import type { AppConfigs, ProcessorContext } from '../../processor-api/processor-context.js'
import type { Cancellable, PunctuationType, Punctuator } from '../../processor-api/punctuation.js'
import type { CachedRecordContext, RestoreCallback, StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import { TaskId } from '../../processor-api/task-id.js'
import type { Serde } from '../../processor-api/serde/serde.js'
import { parseStreamsConfig } from '../config/streams-config.js'
import type { TestDriverConfigInput } from './internal/driver-config.js'

/** A record a processor forwarded, and the child it named (null: all children). */
export class CapturedForward<K = unknown, V = unknown> {
  constructor(
    readonly record: Record<K, V>,
    readonly childName: string | null = null,
  ) {}

  /** Kafka's text: `CapturedForward{record=..., childName=...}`. */
  toString(): string {
    return `CapturedForward{record=${String(this.record)}, childName=${this.childName === null ? 'Optional.empty' : `Optional[${this.childName}]`}}`
  }
}

/** A punctuator a processor scheduled, which a test can inspect and call by hand. */
export class CapturedPunctuator {
  private isCancelled = false

  constructor(
    readonly intervalMs: number,
    readonly type: PunctuationType,
    readonly punctuator: Punctuator,
  ) {}

  /** The interval in milliseconds (Kafka's `getInterval()`; durations are numbers of ms). */
  getInterval(): number {
    return this.intervalMs
  }
  /** Same as `getInterval()`. */
  getIntervalMs(): number {
    return this.intervalMs
  }
  getType(): PunctuationType {
    return this.type
  }
  getPunctuator(): Punctuator {
    return this.punctuator
  }
  cancel(): void {
    this.isCancelled = true
  }
  cancelled(): boolean {
    return this.isCancelled
  }
}

const NO_RECORD_COLLECTION =
  'MockProcessorContext does not provide record collection. For processor unit tests, use an in-memory state store ' +
  'with change-logging disabled. Alternatively, use the TopologyTestDriver for testing processor/store/topology integration.'

/**
 * Kafka's `MockProcessorContext` (processor.api, test-utils): a `ProcessorContext` for unit-testing
 * one processor without a topology. It captures what the processor forwards (`forwarded()`),
 * schedules (`scheduledPunctuators()`) and commits (`committed()`); record metadata, stream time
 * and wall-clock time are whatever the test sets. Stores are added with `addStateStore`, or
 * initialised against `getStateStoreContext()` (use in-memory stores with logging disabled).
 * Mutable; not thread-safe (nothing here is).
 *
 * @example
 * const context = new MockProcessorContext<string, number>()
 * processor.init(context)
 * processor.process(new Record('foo', 5, 0))
 * expect(context.forwarded().map((f) => f.record.value)).toEqual([8])
 */
export class MockProcessorContext<KForward = unknown, VForward = unknown> implements ProcessorContext<KForward, VForward> {
  readonly applicationId: string
  readonly taskId: TaskId
  readonly appConfigs: AppConfigs
  readonly keySerde: Serde<unknown> | null
  readonly valueSerde: Serde<unknown> | null
  private readonly stateDirectory: string | null
  private metadata: RecordMetadata | null = null
  private systemTimeMs: number | null = null
  private streamTimeMs: number | null = null
  private readonly stores = new Map<string, StateStore>()
  private readonly punctuators: CapturedPunctuator[] = []
  private captured: CapturedForward<KForward, VForward>[] = []
  private commitRequested = false

  /**
   * @param config the settings KafkaStreams takes (validated); without one the application id is
   *   `''`, as Kafka's no-argument constructor, and with one that has none it is `dummy-mock-app-id`.
   * @param taskId default `0_0`.
   * @param stateDir the task's state directory; `stateDir` throws when a store asks for a missing one.
   * @throws ConfigError for an invalid configuration.
   */
  constructor(config?: TestDriverConfigInput, taskId: TaskId = new TaskId(0, 0), stateDir: string | null = null) {
    const given = config ?? {}
    const parsed = parseStreamsConfig({
      bootstrapServers: 'dummy-bootstrap-host:0',
      ...given,
      applicationId: given.applicationId ?? 'dummy-mock-app-id',
    })
    this.applicationId = config === undefined ? '' : parsed.applicationId
    this.taskId = taskId
    this.stateDirectory = stateDir
    this.keySerde = (parsed.defaultKeySerde as Serde<unknown> | undefined) ?? null
    this.valueSerde = (parsed.defaultValueSerde as Serde<unknown> | undefined) ?? null
    // As the runtime's: the user's appConfigs plus the settings given, under their tributary names.
    const { appConfigs: userAppConfigs, ...settings } = given
    this.appConfigs = { ...settings, ...userAppConfigs, applicationId: this.applicationId }
  }

  /**
   * The state directory given to the constructor.
   * @throws ProcessorStateError when none was given.
   */
  get stateDir(): string {
    if (this.stateDirectory === null) {
      throw new ProcessorStateError(
        'The stateDir constructor argument was needed (probably for a state store) but not supplied. You can either ' +
          "reconfigure your test so that it doesn't need access to the disk (such as using an in-memory store), or use " +
          'the full MockProcessorContext constructor to supply a non-null stateDir argument.',
      )
    }
    return this.stateDirectory
  }

  /** Kafka's `appConfigsWithPrefix`: the config entries whose key starts with `prefix`, prefix removed. */
  appConfigsWithPrefix(prefix: string): AppConfigs {
    const out: { [key: string]: unknown } = {}
    for (const [k, v] of Object.entries(this.appConfigs)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v
    return out
  }

  /** Sets what `recordMetadata()` returns (it returns null until this is called). */
  setRecordMetadata(topic: string, partition: number, offset: number): void {
    this.metadata = { topic, partition, offset }
  }
  setCurrentSystemTimeMs(timeMs: number): void {
    this.systemTimeMs = timeMs
  }
  setCurrentStreamTimeMs(timeMs: number): void {
    this.streamTimeMs = timeMs
  }

  recordMetadata(): RecordMetadata | null {
    return this.metadata
  }

  /** @throws ProcessorStateError until `setCurrentSystemTimeMs` was called. */
  currentSystemTimeMs(): number {
    if (this.systemTimeMs === null) throw new ProcessorStateError('System time must be set before use via setCurrentSystemTimeMs().')
    return this.systemTimeMs
  }

  /** @throws ProcessorStateError until `setCurrentStreamTimeMs` was called. */
  currentStreamTimeMs(): number {
    if (this.streamTimeMs === null) throw new ProcessorStateError('Stream time must be set before use via setCurrentStreamTimeMs().')
    return this.streamTimeMs
  }

  /** A store added with `addStateStore` or registered through `getStateStoreContext()`; undefined as Kafka's null when absent. */
  getStateStore<S extends StateStore = StateStore>(name: string): S {
    return this.stores.get(name) as S
  }

  /** Makes `store` available to `getStateStore(store.name)`. */
  addStateStore(store: StateStore): void {
    this.stores.set(store.name, store)
  }

  /** Captures the punctuator; it never fires by itself (call `getPunctuator()` to run it). */
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    const captured = new CapturedPunctuator(intervalMs, type, punctuator)
    this.punctuators.push(captured)
    return { cancel: () => captured.cancel() }
  }

  /** Every punctuator scheduled so far (a copy), cancelled ones included. */
  scheduledPunctuators(): CapturedPunctuator[] {
    return [...this.punctuators]
  }

  forward<K extends KForward, V extends VForward>(record: Record<K, V>, childName?: string): void {
    this.captured.push(new CapturedForward<KForward, VForward>(record, childName ?? null))
  }

  /**
   * What was forwarded since the last reset, in order (a copy). With `childName`: the records sent
   * to that child, including those sent to all children.
   */
  forwarded(childName?: string): CapturedForward<KForward, VForward>[] {
    if (childName === undefined) return [...this.captured]
    return this.captured.filter((c) => c.childName === null || c.childName === childName)
  }

  resetForwards(): void {
    this.captured = []
  }

  commit(): void {
    this.commitRequested = true
  }

  /** True when the processor called `commit()` since the last reset. */
  committed(): boolean {
    return this.commitRequested
  }

  resetCommit(): void {
    this.commitRequested = false
  }

  /**
   * A context to `init` stores with: a store that registers itself becomes available through
   * `getStateStore`. Change logging is not supported (disable logging on the builder).
   */
  getStateStoreContext(): StateStoreContext {
    const self = this
    return {
      get applicationId() {
        return self.applicationId
      },
      get taskId() {
        return self.taskId
      },
      get stateDir() {
        return self.stateDirectory
      },
      get appConfigs() {
        return self.appConfigs
      },
      get keySerde() {
        return self.keySerde
      },
      get valueSerde() {
        return self.valueSerde
      },
      recordMetadata: () => self.metadata,
      currentStreamTimeMs: () => self.currentStreamTimeMs(),
      currentSystemTimeMs: () => self.currentSystemTimeMs(),
      register: (store: StateStore, _restore: RestoreCallback) => void self.stores.set(store.name, store),
      logChange: () => {
        throw new ProcessorStateError(NO_RECORD_COLLECTION)
      },
      currentRecordContext: (): CachedRecordContext => ({
        timestamp: self.streamTimeMs ?? 0,
        headers: new Headers(),
        topic: self.metadata?.topic ?? null,
        partition: self.metadata?.partition ?? -1,
        offset: self.metadata?.offset ?? -1,
      }),
      withRecordContext: (_recordContext: CachedRecordContext, fn: () => void) => fn(),
    }
  }
}
