import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Headers } from '../../processor-api/headers.js'
import { ManualClock } from '../../processor-api/time.js'
import { TaskId } from '../../processor-api/task-id.js'
import type { Serde, Serializer, Deserializer } from '../../processor-api/serde/serde.js'
import type { StateStore } from '../../processor-api/state-store.js'
import type { Topology } from '../../processor-api/topology.js'
import { stripCachingLayers } from '../../processor-api/internal/strip-caching.js'
import { buildTopologyModel } from '../../processor-api/internal/build-topology-model.js'
import type { TopologyModel } from '../../processor-api/internal/topology-model.js'
import type { KeyValueStore, TimestampedKeyValueStore } from '../../state-stores/key-value-store.js'
import type { TimestampedWindowStore, WindowStore } from '../../state-stores/window-store.js'
import type { SessionStore } from '../../state-stores/session-store.js'
import { isVersionedKeyValueStore, type VersionedKeyValueStore } from '../../state-stores/versioned-key-value-store.js'
import type { StreamsConfig } from '../config/streams-config.js'
import { parseTestDriverConfig, type TestDriverConfigInput } from './internal/driver-config.js'
import { silentLogger } from '../logging/index.js'
import { UnknownTopicError } from '../runtime/errors.js'
import { StateDirectory } from '../runtime/state/state-directory.js'
import { StreamTask } from '../runtime/task/stream-task.js'
import { GlobalStateUpdateTask } from '../runtime/task/global-state-update-task.js'
import { processorTopologyOf } from '../runtime/task/processor-topology.js'
import { taskConfigFromStreamsConfig } from '../runtime/task/task-config.js'
import { isPromiseLike, runSteps, type MaybePromise } from '../runtime/task/internal/maybe-promise.js'
import { DriverClosedError, ProcessingPendingError, StoreTypeMismatchError } from './errors.js'
import { DriverCollector, type CapturedRecord } from './internal/driver-collector.js'
import { DriverRunner } from './internal/driver-runner.js'
import { KeyValueStoreFacade } from './internal/key-value-store-facade.js'
import { WindowStoreFacade } from './internal/window-store-facade.js'
import { isTimestampedStore, storeKindOf } from './internal/store-kind.js'
import { serdeLabel } from './internal/serde-label.js'
import { TestInputTopic } from './test-input-topic.js'
import { TestOutputTopic } from './test-output-topic.js'

/**
 * What pipe and clock methods return: nothing when all processing finished synchronously (the
 * usual case), a Promise when some processor or store had to wait. `await` it to be safe.
 */
export type PipeResult = void | Promise<void>

/** Kafka's driver runs one task, 0_0, over the whole topology; every topic has partition 0. */
const TASK_ID = new TaskId(0, 0)

/**
 * Kafka's `TopologyTestDriver`: runs a topology without a broker, on the same task engine as
 * KafkaStreams, with a manual wall clock. Each piped record is processed through the whole
 * topology before the pipe call returns (records written to repartition or other source topics
 * are fed back in), and the driver commits after each record, so caches are flushed and KTable
 * results are visible at once. Wall-clock time moves only through `advanceWallClockTime`.
 *
 * Processors may return Promises (e.g. LevelDB range scans): then pipe methods return a Promise
 * and reading outputs before it settles throws `ProcessingPendingError`. Writing
 * `await input.pipeInput(...)` works in both cases. `close()` removes the state directory.
 */
export class TopologyTestDriver {
  private readonly model: TopologyModel
  /** Kafka's `allStateStoreNames()`: every store added, connected or not, then the global stores. */
  private readonly allStateStoreNames: readonly string[]
  private readonly config: StreamsConfig
  private readonly clock: ManualClock
  private readonly collector = new DriverCollector()
  private readonly task: StreamTask | null
  private readonly globalTask: GlobalStateUpdateTask | null
  private readonly stateDirectory: StateDirectory
  private readonly ownedTempDir: string | null
  private readonly runner: DriverRunner
  private pending: Promise<void> | null = null
  private initFailure: { error: unknown } | null = null
  private closed = false

  /**
   * @param topology the topology to run.
   * @param config the same settings KafkaStreams takes (see `TestDriverConfigInput`), all optional;
   *   validated. Without `stateDir` the driver uses a fresh temporary directory.
   * @param initialWallClockTimeMs the manual clock's start; default: now.
   * @throws ConfigError for an invalid configuration; TopologyError for an invalid topology.
   */
  constructor(topology: Topology, config: TestDriverConfigInput = {}, initialWallClockTimeMs: number = Date.now()) {
    this.config = parseTestDriverConfig(config)
    this.clock = new ManualClock(initialWallClockTimeMs)
    const applicationId = this.config.applicationId
    this.model = buildTopologyModel(topology, applicationId)
    const builder = topology.internalTopologyBuilder
    this.allStateStoreNames = [...builder.stores.keys(), ...builder.globalStores.keys()]
    if (this.config.cacheMaxBytes === 0) stripCachingLayers(this.model)
    this.ownedTempDir = config.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'tributary-test-driver-')) : null
    this.stateDirectory = new StateDirectory(this.ownedTempDir ?? this.config.stateDir, applicationId)
    try {
      const cfg = taskConfigFromStreamsConfig(this.config)
      this.globalTask =
        this.model.globalStores.length === 0
          ? null
          : new GlobalStateUpdateTask({ model: this.model, config: cfg, clock: this.clock, stateDirectory: this.stateDirectory })
      const processorTopology = processorTopologyOf(this.model)
      this.task =
        processorTopology.nodeNames.length === 0
          ? null
          : new StreamTask({
              id: TASK_ID,
              model: this.model,
              topology: processorTopology,
              inputPartitions: processorTopology.sourceTopics.map((topic) => ({ topic, partition: 0 })),
              collector: this.collector,
              config: cfg,
              clock: this.clock,
              stateDirectory: this.stateDirectory,
              globalStores: this.globalTask?.stores ?? new Map(),
            })
      const logger = (this.config.logger ?? silentLogger).child({ component: 'topology-test-driver' })
      this.runner = new DriverRunner(this.task, this.globalTask, processorTopology, this.collector, this.clock, logger)
      const init = runSteps(this.runner.initializeSteps())
      if (isPromiseLike(init)) {
        this.track(
          init.then(undefined, (err: unknown) => {
            this.initFailure = { error: err }
            throw err
          }),
        )
      }
    } catch (err) {
      this.removeStateDir()
      throw err
    }
  }

  /**
   * Creates an input topic handle. `keySerde`/`valueSerde` may be serdes or serializers.
   * @param startTimestampMs timestamp of the first record piped without one; default: the driver's wall-clock time.
   * @param autoAdvanceMs how much that timestamp grows after each such record; default 0.
   */
  createInputTopic<K, V>(
    topic: string,
    keySerde: Serde<K> | Serializer<K>,
    valueSerde: Serde<V> | Serializer<V>,
    startTimestampMs: number = this.clock.nowMs(),
    autoAdvanceMs = 0,
  ): TestInputTopic<K, V> {
    const labels = { key: serdeLabel(keySerde, 'Serializer'), value: serdeLabel(valueSerde, 'Serializer') }
    return new TestInputTopic(this, topic, toSerializer(keySerde), toSerializer(valueSerde), startTimestampMs, autoAdvanceMs, labels)
  }

  /** Creates an output topic handle. `keySerde`/`valueSerde` may be serdes or deserializers. */
  createOutputTopic<K, V>(
    topic: string,
    keySerde: Serde<K> | Deserializer<K>,
    valueSerde: Serde<V> | Deserializer<V>,
  ): TestOutputTopic<K, V> {
    const labels = { key: serdeLabel(keySerde, 'Deserializer'), value: serdeLabel(valueSerde, 'Deserializer') }
    return new TestOutputTopic(this, topic, toDeserializer(keySerde), toDeserializer(valueSerde), labels)
  }

  /**
   * Advances the wall clock by `advanceMs`, fires due wall-clock punctuators, commits, and
   * processes whatever that made processable.
   * @throws RangeError when `advanceMs` is negative.
   */
  advanceWallClockTime(advanceMs: number): PipeResult {
    if (!Number.isFinite(advanceMs) || advanceMs < 0) throw new RangeError(`advanceMs must be >= 0, got ${advanceMs}`)
    return this.run(() => runSteps(this.runner.advanceSteps(advanceMs)))
  }

  /** Resolves when all processing started so far has finished (rejects with its failure). */
  settled(): Promise<void> {
    return this.pending ?? (this.initFailure ? Promise.reject(this.initFailure.error) : Promise.resolve())
  }

  /** Every topic records were written to (outputs, repartition and changelog topics), in order of first write. */
  producedTopicNames(): Set<string> {
    return this.runner.producedTopicNames()
  }

  /**
   * A store that is not a key-value, window, session or versioned store (use the typed getters for those), or null.
   * @throws StoreTypeMismatchError when the store is a built-in kind with its own getter.
   */
  getStateStore(name: string): StateStore | null {
    const store = this.findStore(name)
    if (store === null) return null
    if (isVersionedKeyValueStore(store)) {
      throw new StoreTypeMismatchError(`Store ${name} is a versioned key-value store and should be accessed via \`getVersionedKeyValueStore()\``, {
        storeName: name,
      })
    }
    const kind = storeKindOf(store)
    if (kind !== 'other') {
      const ts = isTimestampedStore(store)
      const getter =
        kind === 'key-value'
          ? ts
            ? 'getTimestampedKeyValueStore'
            : 'getKeyValueStore'
          : kind === 'window'
            ? ts
              ? 'getTimestampedWindowStore'
              : 'getWindowStore'
            : 'getSessionStore'
      throw new StoreTypeMismatchError(
        `Store ${name} is a ${ts ? 'timestamped ' : ''}${kind} store and should be accessed via \`${getter}()\``,
        { storeName: name },
      )
    }
    return store
  }

  /** A key-value store (a timestamped one is seen without its timestamps), or null. */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || storeKindOf(store) !== 'key-value') return null
    if (isTimestampedStore(store)) return new KeyValueStoreFacade(store as unknown as TimestampedKeyValueStore<K, V>)
    return store as unknown as KeyValueStore<K, V>
  }

  /** A timestamped key-value store, or null (also for a plain key-value store). */
  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || storeKindOf(store) !== 'key-value' || !isTimestampedStore(store)) return null
    return store as unknown as TimestampedKeyValueStore<K, V>
  }

  /** A window store (a timestamped one is seen without its timestamps), or null. */
  getWindowStore<K, V>(name: string): WindowStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || storeKindOf(store) !== 'window') return null
    if (isTimestampedStore(store)) return new WindowStoreFacade(store as unknown as TimestampedWindowStore<K, V>)
    return store as unknown as WindowStore<K, V>
  }

  /** A timestamped window store, or null. */
  getTimestampedWindowStore<K, V>(name: string): TimestampedWindowStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || storeKindOf(store) !== 'window' || !isTimestampedStore(store)) return null
    return store as unknown as TimestampedWindowStore<K, V>
  }

  /** A versioned key-value store (Kafka's `getVersionedKeyValueStore`), or null (also for a store of another kind). */
  getVersionedKeyValueStore<K, V>(name: string): VersionedKeyValueStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || !isVersionedKeyValueStore(store)) return null
    return store as unknown as VersionedKeyValueStore<K, V>
  }

  /** A session store, or null. */
  getSessionStore<K, V>(name: string): SessionStore<K, V> | null {
    const store = this.findStore(name)
    if (store === null || storeKindOf(store) !== 'session') return null
    return store as unknown as SessionStore<K, V>
  }

  /**
   * Every store added to the topology (task and global stores) by name, as the engine holds them.
   * As in Kafka, a store connected to no processor is listed too, with null (it is never built).
   */
  getAllStateStores(): Map<string, StateStore | null> {
    this.ensureIdle('read state stores')
    const all = new Map<string, StateStore | null>()
    for (const name of this.allStateStoreNames) all.set(name, this.findStore(name))
    return all
  }

  /**
   * Flushes the stores (emitting what caches hold), closes processors and stores, and removes
   * the state directory. Output topics stay readable. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return
    const prior = this.pending
    this.closed = true
    if (prior !== null) await prior.catch(() => undefined)
    try {
      await runSteps(this.runner.flushSteps())
      await this.task?.close()
      await this.globalTask?.close()
    } finally {
      this.removeStateDir()
    }
  }

  /** @internal Serialized record from a TestInputTopic. */
  pipeRecord(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: Headers): PipeResult {
    if (this.task !== null) this.runner.validateSourceTopicNameRegexPattern(topic)
    if (!this.runner.isTaskInput(topic) && !this.runner.isGlobalInput(topic)) {
      throw new UnknownTopicError(`Unknown topic: ${topic}`, { topic })
    }
    return this.run(() => runSteps(this.runner.pipeSteps(topic, key, value, timestamp, headers)))
  }

  /**
   * @internal Consumes the next unread record of an output topic (for TestOutputTopic).
   * @throws NoSuchElementError when the topic was never written or every record was read.
   */
  readOutput(topic: string): CapturedRecord {
    this.ensureIdle(`read topic ${topic}`)
    return this.runner.readOutput(topic)
  }

  /** @internal Number of unread records of an output topic. */
  outputSize(topic: string): number {
    this.ensureIdle(`read topic ${topic}`)
    return this.runner.outputSize(topic)
  }

  private findStore(name: string): StateStore | null {
    this.ensureIdle(`read state store ${name}`)
    return this.task?.getStore(name) ?? this.globalTask?.stores.get(name) ?? null
  }

  /**
   * Runs `work` now, or after the asynchronous work in progress (if that fails, this call
   * rejects with the same error instead of running).
   */
  private run(work: () => MaybePromise<void>): PipeResult {
    if (this.closed) throw new DriverClosedError()
    if (this.initFailure !== null) throw this.initFailure.error
    const prior = this.pending
    if (prior === null) {
      const r = work()
      if (isPromiseLike(r)) return this.track(r)
      return
    }
    // A failure of the earlier work fails this call too (and is not lost); later calls run normally.
    return this.track(prior.then(work))
  }

  private track(work: PromiseLike<void>): Promise<void> {
    const tracked: Promise<void> = Promise.resolve(work).finally(() => {
      if (this.pending === tracked) this.pending = null
    })
    this.pending = tracked
    return tracked
  }

  private ensureIdle(what: string): void {
    if (this.pending !== null) throw new ProcessingPendingError(what)
  }

  private removeStateDir(): void {
    if (this.ownedTempDir !== null) rmSync(this.ownedTempDir, { recursive: true, force: true })
    else this.stateDirectory.clean()
  }
}

function toSerializer<T>(s: Serde<T> | Serializer<T>): Serializer<T> {
  return 'serializer' in s ? s.serializer : s
}

function toDeserializer<T>(s: Serde<T> | Deserializer<T>): Deserializer<T> {
  return 'deserializer' in s ? s.deserializer : s
}
