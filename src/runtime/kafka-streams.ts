import { rmSync } from 'node:fs'
import type { Observable } from 'rxjs'
import type { Serializer } from '../../processor-api/serde/serde.js'
import { SystemClock, type Clock } from '../../processor-api/time.js'
import type { KafkaStreamsOptions, StateListener, StreamThreadExceptionResponse, StreamsUncaughtExceptionHandler } from './kafka-streams-options.js'
import type { Topology } from '../../processor-api/topology.js'
import { stripCachingLayers } from '../../processor-api/internal/strip-caching.js'
import { buildTopologyModel } from '../../processor-api/internal/build-topology-model.js'
import type { TopologyModel } from '../../processor-api/internal/topology-model.js'
import { parseStreamsConfig, type StreamsConfig, type StreamsConfigInput } from '../config/streams-config.js'
import { silentLogger, type Logger } from '../logging/index.js'
import { decodeAssignmentInfo } from './assignment/assignment-info.js'
import { StreamsNotStartedError, StreamsStateError, TaskAssignmentError } from './errors.js'
import { StreamsEvents, isValidTransition, type KafkaStreamsState, type StreamsEvent } from './events.js'
import { GlobalStreamThread } from './internal/global-stream-thread.js'
import { prepareTopics, type PreparedTopics } from './internal/internal-topic-manager.js'
import { QueryableStoreProvider } from './internal/queryable-store-provider.js'
import { loadOrCreateProcessId } from './internal/process-id.js'
import { StreamsMetadataState } from './internal/streams-metadata-state.js'
import type { GroupAssignment, KafkaClientSupplier } from './ports.js'
import type { QueryableStoreType } from './queryable-store-types.js'
import type { StateRestoreListener } from './state-restore-listener.js'
import { StateDirectory } from './state/state-directory.js'
import { StreamThread, type StreamThreadState } from './stream-thread.js'
import { KEY_QUERY_METADATA_NOT_AVAILABLE, type KeyQueryMetadata, type StreamsMetadata } from './streams-metadata.js'
import { taskConfigFromStreamsConfig } from './task/task-config.js'

export type { KafkaStreamsOptions, StateListener, StreamThreadExceptionResponse, StreamsUncaughtExceptionHandler } from './kafka-streams-options.js'

/**
 * A Kafka Streams application instance (Kafka's `KafkaStreams`): runs a `Topology` against a
 * Kafka cluster with one stream thread, in a consumer group named by `applicationId`. States
 * follow Kafka: CREATED → REBALANCING ⇄ RUNNING → PENDING_SHUTDOWN → NOT_RUNNING, or
 * PENDING_ERROR → ERROR when the thread dies and the handler says SHUTDOWN_CLIENT.
 *
 * @example
 * const app = new KafkaStreams(builder.build(), { applicationId: 'orders', bootstrapServers: 'localhost:9092' })
 * app.onStateChange((newState, oldState) => logger.info({ newState, oldState }, 'state change'))
 * await app.start()
 * // ...
 * await app.close()
 */
export class KafkaStreams {
  /** The validated configuration. */
  readonly config: StreamsConfig
  private readonly model: TopologyModel
  private readonly events: StreamsEvents
  private readonly logger: Logger
  private readonly clock: Clock
  private readonly stateDirectory: StateDirectory
  private readonly supplierOption: KafkaStreamsOptions['clientSupplier']
  private clients: KafkaClientSupplier | null = null
  private thread: StreamThread | null = null
  private threadIndex = 0
  private globalThread: GlobalStreamThread | null = null
  private metadata: StreamsMetadataState | null = null
  private prepared: PreparedTopics | null = null
  private processId: string | null = null
  private restoreListener: StateRestoreListener | null = null
  private uncaughtHandler: StreamsUncaughtExceptionHandler | null = null
  private closing: Promise<void> | null = null
  private readonly stores: QueryableStoreProvider

  /**
   * @throws ConfigError naming each invalid key; TopologyError for an invalid topology.
   */
  constructor(topology: Topology, config: StreamsConfigInput, options: KafkaStreamsOptions = {}) {
    this.config = parseStreamsConfig(config)
    this.logger = (this.config.logger ?? silentLogger).child({ component: 'kafka-streams', applicationId: this.config.applicationId })
    this.model = buildTopologyModel(topology, this.config.applicationId)
    // As Kafka's rewriteTopology: with no cache budget the stores are built without a caching layer.
    if (this.config.cacheMaxBytes === 0) stripCachingLayers(this.model)
    this.clock = options.clock ?? new SystemClock()
    this.stateDirectory = new StateDirectory(this.config.stateDir, this.config.applicationId)
    this.supplierOption = options.clientSupplier
    this.events = new StreamsEvents('CREATED')
    this.stores = new QueryableStoreProvider({
      state: () => this.state,
      storeNames: new Set(this.model.stores.keys()),
      globalStore: (name) => this.globalThread?.stores.get(name),
      localStores: (name) => this.thread?.storesNamed(name) ?? [],
    })
    const handler = this.config.uncaughtExceptionHandler
    if (typeof handler === 'function') this.uncaughtHandler = handler as unknown as StreamsUncaughtExceptionHandler
  }

  /** The current state. */
  get state(): KafkaStreamsState {
    return this.events.state
  }

  /** The state now and every change after (an rxjs Observable; completes when the instance stops). */
  get state$(): Observable<KafkaStreamsState> {
    return this.events.state$
  }

  /** Lifecycle events: state changes, rebalances, assignments, restorations, replaced threads. */
  get events$(): Observable<StreamsEvent> {
    return this.events.events$
  }

  /** Calls `listener(newState, oldState)` on every state change; returns a function that stops it. */
  onStateChange(listener: StateListener): () => void {
    const sub = this.events.events$.subscribe((e) => {
      if (e.type === 'state') listener(e.state, e.previous)
    })
    return () => sub.unsubscribe()
  }

  /** Kafka's `setStateListener`. @throws StreamsStateError unless the instance is CREATED. */
  setStateListener(listener: StateListener): void {
    this.requireCreated('set a state listener')
    this.onStateChange(listener)
  }

  /** Kafka's `setGlobalStateRestoreListener`. @throws StreamsStateError unless the instance is CREATED. */
  setGlobalStateRestoreListener(listener: StateRestoreListener): void {
    this.requireCreated('set a restore listener')
    this.restoreListener = listener
  }

  /** Kafka's `setUncaughtExceptionHandler`. @throws StreamsStateError unless the instance is CREATED. */
  setUncaughtExceptionHandler(handler: StreamsUncaughtExceptionHandler): void {
    this.requireCreated('set an uncaught exception handler')
    this.uncaughtHandler = handler
  }

  /**
   * Starts the instance: checks source topics, creates internal topics, bootstraps global stores,
   * starts the stream thread (state REBALANCING until tasks are assigned and restored).
   * @throws StreamsStateError when already started; MissingSourceTopicError, NotCopartitionedError,
   * InternalTopicError or a client error when the cluster does not fit the topology (the instance
   * then goes to ERROR).
   */
  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new StreamsStateError(`KafkaStreams can only be started once; state is ${this.state}`, { state: this.state })
    this.transition('REBALANCING')
    try {
      this.processId = loadOrCreateProcessId(this.stateDirectory.appDir)
      const clients = this.clientSupplier()
      const admin = clients.admin({ clientId: this.clientId('admin') })
      await admin.connect()
      try {
        this.prepared = await prepareTopics(admin, this.model, { replicationFactor: this.config.replicationFactor, logger: this.logger })
      } finally {
        await admin.close()
      }
      this.metadata = new StreamsMetadataState(this.model, this.prepared.planInput, this.prepared.partitionCounts)
      if (this.model.globalStores.length > 0) await this.startGlobalThread(this.prepared)
      if ((this.state as KafkaStreamsState) !== 'REBALANCING') {
        // Closed while starting: nothing else may keep running.
        await this.globalThread?.stop().catch(() => undefined)
        return
      }
      this.startStreamThread()
    } catch (err) {
      this.logger.error({ err }, 'Failed to start')
      await this.shutDownWithError(err)
      throw err
    }
  }

  /**
   * Stops the instance: the thread commits, closes its tasks (checkpointing stores) and leaves
   * the group. Resolves true when shutdown completed within `timeoutMs` (default: no limit).
   */
  async close(options: { timeoutMs?: number } = {}): Promise<boolean> {
    const state = this.state
    if (state === 'NOT_RUNNING' || state === 'ERROR') return true
    if (this.closing === null) {
      if (state === 'CREATED') {
        this.transition('PENDING_SHUTDOWN')
        this.transition('NOT_RUNNING')
        this.events.complete()
        return true
      }
      if (state !== 'PENDING_ERROR') this.transition('PENDING_SHUTDOWN')
      this.closing = this.shutDownInternals().then(() => {
        if (this.state === 'PENDING_SHUTDOWN') this.transition('NOT_RUNNING')
        this.events.complete()
      })
    }
    if (options.timeoutMs === undefined) {
      await this.closing
      return true
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.timeoutMs)))
    try {
      return await Promise.race([this.closing.then(() => true), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Deletes this application's local state directory (`<stateDir>/<applicationId>`), as Kafka's
   * `cleanUp`; stores are then restored from their changelogs on the next start.
   * @throws StreamsStateError while the instance is running.
   */
  cleanUp(): void {
    const s = this.state
    if (s !== 'CREATED' && s !== 'NOT_RUNNING' && s !== 'ERROR') {
      throw new StreamsStateError(`Cannot clean up while running; state is ${s}`, { state: s })
    }
    rmSync(this.stateDirectory.appDir, { recursive: true, force: true })
  }

  /**
   * A read-only view of a state store across this instance's tasks (Kafka's `store`).
   * @throws StreamsNotStartedError before `start`; StateStoreNotAvailableError when the instance
   * is shutting down or stopped; UnknownStateStoreError for a store the topology lacks;
   * InvalidStateStoreError when the store is not of `type`. Queries through the view throw
   * StateStoreMigratedError (retriable) while no local instance is available.
   */
  store<T>(storeName: string, type: QueryableStoreType<T>): T {
    return this.stores.store(storeName, type)
  }


  /**
   * Every instance of the application with an `applicationServer` (Kafka's `metadataForAllStreamsClients`).
   * @throws StreamsNotStartedError before `start`.
   */
  metadataForAllStreamsClients(): StreamsMetadata[] {
    this.requireStarted()
    return this.metadata?.all() ?? []
  }

  /** Instances hosting `storeName` (Kafka's `streamsMetadataForStore`). */
  streamsMetadataForStore(storeName: string): StreamsMetadata[] {
    this.requireStarted()
    return this.metadata?.forStore(storeName) ?? []
  }

  /**
   * Which instance hosts `key` of `storeName` as active (and which as standby), from the key
   * serialized as the store's source topic would see it (Kafka's `queryMetadataForKey`).
   * Returns `KEY_QUERY_METADATA_NOT_AVAILABLE` while unknown.
   */
  queryMetadataForKey<K>(storeName: string, key: K, keySerializer: Serializer<K>): KeyQueryMetadata {
    this.requireStarted()
    const metadata = this.metadata
    const topic = metadata?.sourceTopicOfStore(storeName) ?? null
    if (metadata === null || topic === null) return KEY_QUERY_METADATA_NOT_AVAILABLE
    return metadata.keyQueryMetadata(storeName, keySerializer.serialize(topic, key))
  }

  private startStreamThread(): void {
    const prepared = this.prepared!
    const threadId = `${this.clientId('StreamThread')}-${++this.threadIndex}`
    const thread = new StreamThread({
      threadId,
      config: this.config,
      model: this.model,
      planInput: prepared.planInput,
      taskConfig: taskConfigFromStreamsConfig(this.config),
      clients: this.clientSupplier(),
      processId: this.processId!,
      stateDirectory: this.stateDirectory,
      globalStores: this.globalThread?.stores ?? new Map(),
      partitionCounts: new Map(prepared.partitionCounts),
      resetLatest: prepared.resetLatest,
      clock: this.clock,
      restoreListener: () => this.restoreListener,
      onStateChange: (s) => this.onThreadState(thread, s),
      onAssignment: (a) => this.onAssignment(a),
      logger: this.config.logger ?? silentLogger,
    })
    this.thread = thread
    thread.start().then(
      () => undefined,
      (err: unknown) => this.onThreadDeath(thread, err),
    )
  }

  private async startGlobalThread(prepared: PreparedTopics): Promise<void> {
    const clients = this.clientSupplier()
    const partitions = new Map<string, number>()
    for (const g of this.model.globalStores) partitions.set(g.topic, prepared.partitionCounts.get(g.topic) ?? 1)
    this.globalThread = new GlobalStreamThread({
      model: this.model,
      config: taskConfigFromStreamsConfig(this.config),
      clock: this.clock,
      stateDirectory: this.stateDirectory,
      consumer: clients.restoreConsumer({ clientId: this.clientId('global-consumer') }),
      partitions,
      commitIntervalMs: this.config.commitIntervalMs,
      pollMs: this.config.pollMs,
      onError: (err) => {
        this.logger.error({ err }, 'Global stream thread failed')
        void this.shutDownWithError(err)
      },
      logger: this.logger,
    })
    await this.globalThread.bootstrap()
    this.globalThread.start()
  }

  private onThreadState(thread: StreamThread, s: StreamThreadState): void {
    if (thread !== this.thread) return
    const state = this.state
    if (state !== 'REBALANCING' && state !== 'RUNNING') return
    if (s === 'RUNNING') this.transition('RUNNING')
    else if (s === 'PARTITIONS_REVOKED' || s === 'PARTITIONS_ASSIGNED' || s === 'STARTING') {
      if (state === 'RUNNING') this.transition('REBALANCING')
      if (s === 'PARTITIONS_REVOKED') this.events.emit({ type: 'rebalance-started' })
    }
  }

  private onAssignment(a: GroupAssignment): void {
    this.metadata?.update(a.members)
    let standby: readonly string[] = []
    try {
      if (a.userData !== null && a.userData.length > 0) standby = decodeAssignmentInfo(a.userData).standbyTasks
    } catch {
      // The thread reports undecodable assignments.
    }
    this.events.emit({ type: 'assigned', partitions: a.partitions, standbyTasks: standby })
  }

  private onThreadDeath(thread: StreamThread, err: unknown): void {
    if (thread !== this.thread || this.closing !== null) return
    let response: StreamThreadExceptionResponse = 'SHUTDOWN_CLIENT'
    const configured = this.config.uncaughtExceptionHandler
    try {
      if (this.uncaughtHandler !== null) response = this.uncaughtHandler(err)
      else if (configured === 'REPLACE_THREAD') response = 'REPLACE_THREAD'
    } catch (handlerError) {
      this.logger.error({ err: handlerError }, 'The uncaught exception handler threw; shutting down')
    }
    // A new thread would hit the same assignment error: the topology does not fit the cluster.
    if (err instanceof TaskAssignmentError) response = 'SHUTDOWN_CLIENT'
    if (response === 'REPLACE_THREAD' && (this.state === 'RUNNING' || this.state === 'REBALANCING')) {
      this.logger.warn({ err }, 'Stream thread died; replacing it')
      this.events.emit({ type: 'thread-replaced', error: err })
      if (this.state === 'RUNNING') this.transition('REBALANCING')
      this.startStreamThread()
      return
    }
    this.logger.error({ err }, 'Stream thread died; shutting down the client')
    void this.shutDownWithError(err)
  }

  private async shutDownWithError(err: unknown): Promise<void> {
    if (this.closing !== null || this.state === 'ERROR') return
    this.events.emit({ type: 'error', error: err })
    this.transition('PENDING_ERROR')
    this.closing = this.shutDownInternals().then(() => {
      this.transition('ERROR')
      this.events.complete()
    })
    await this.closing
  }

  private async shutDownInternals(): Promise<void> {
    const thread = this.thread
    if (thread !== null) {
      thread.requestShutdown()
      await thread.start().catch(() => undefined)
    }
    if (this.globalThread !== null) await this.globalThread.stop().catch((err: unknown) => this.logger.warn({ err }, 'Stopping the global thread failed'))
  }

  private transition(to: KafkaStreamsState): void {
    const from = this.state
    if (from === to) return
    if (!isValidTransition(from, to)) {
      this.logger.debug({ from, to }, 'Ignoring invalid state transition')
      return
    }
    this.logger.info({ from, to }, 'State transition')
    this.events.setState(to)
  }

  private clientSupplier(): KafkaClientSupplier {
    if (this.clients !== null) return this.clients
    const option = this.supplierOption
    if (option === undefined) {
      throw new StreamsStateError("No Kafka client supplier: use KafkaStreams from 'tributary' (kafkajs) or pass options.clientSupplier", {
        state: this.state,
      })
    }
    this.clients = typeof option === 'function' ? option(this.config, this.config.logger ?? silentLogger) : option
    return this.clients
  }

  private clientId(suffix: string): string {
    return `${this.config.clientId ?? this.config.applicationId}-${this.processId ?? 'unknown'}-${suffix}`
  }

  private requireCreated(action: string): void {
    if (this.state !== 'CREATED') throw new StreamsStateError(`Can only ${action} in state CREATED; state is ${this.state}`, { state: this.state })
  }

  private requireStarted(what = 'query metadata'): void {
    if (this.state === 'CREATED') throw new StreamsNotStartedError(what)
  }

}
