import { randomUUID } from 'node:crypto'
import { type Logger, silentLogger } from '../../logging/index.js'
import { ErrorCode } from '../protocol/error-codes.js'
import { LogClosedError } from './errors.js'
import { type TopicRecord, TopicStore } from './internal/topic-store.js'
import { LogCleaner } from './cleaner/log-cleaner.js'
import { PartitionLog } from './partition-log.js'
import { describeTopicConfigs, type ConfigEntry, applyIncrementalOps, type IncrementalConfigOp } from './topic-config-ops.js'
import { type LogConfig, type TopicConfigOverrides, validateTopicConfig } from './topic-config.js'
import { INTERNAL_TOPICS, topicNameError, topicNamesCollide } from './topic-name.js'

/** How to open the log manager. */
export interface LogManagerOptions {
  /** Directory owned by the log manager (one sub-directory per topic); omit to keep everything in memory. */
  readonly dataDir?: string
  /** Create unknown topics on first use (Metadata/Produce with auto-creation allowed). Default true. */
  readonly autoCreateTopics?: boolean
  /** Partitions of auto-created topics and of CreateTopics with -1. Default 1. */
  readonly numPartitions?: number
  /** Broker-level defaults for topic configs (e.g. `{ 'segment.bytes': '104857600' }`), over Kafka's. */
  readonly topicDefaults?: TopicConfigOverrides
  /** Wall clock in ms for the logs. Default `Date.now`. */
  readonly clock?: () => number
  readonly logger?: Logger
  /** Per-partition bytes of recent data kept in memory in file mode (default 4 MiB). */
  readonly tailCacheBytes?: number
  /** `producer.id.expiration.ms`: partitions forget producers idle this long (default 1 day). */
  readonly producerIdExpirationMs?: number
}

/** A topic as the broker describes it. */
export interface TopicDescription {
  readonly name: string
  /** A random UUID assigned at creation (for Metadata/Fetch versions that use topic ids). */
  readonly topicId: string
  readonly partitions: number
  readonly isInternal: boolean
  /** Topic-level overrides only (defaults are not listed). */
  readonly configs: TopicConfigOverrides
}

/** The outcome of an admin operation, as Kafka reports it per topic. */
export interface TopicResult {
  /** A Kafka error code; 0 on success. */
  readonly errorCode: number
  readonly errorMessage: string | null
}

/** A CreateTopics entry. -1 (or omitted) partitions / replication factor take the broker defaults. */
export interface CreateTopicRequest {
  readonly name: string
  readonly numPartitions?: number
  readonly replicationFactor?: number
  /** Config overrides; a null value is rejected (INVALID_CONFIG) as Kafka does. */
  readonly configs?: Readonly<Record<string, string | null>>
}

/** DescribeConfigs result for one topic. */
export interface DescribeConfigsResult extends TopicResult {
  readonly configs: readonly ConfigEntry[]
}

interface TopicState {
  record: TopicRecord
  config: LogConfig
  readonly logs: PartitionLog[]
}

const ok: TopicResult = { errorCode: ErrorCode.NONE, errorMessage: null }
const fail = (errorCode: number, errorMessage: string | null): TopicResult => ({ errorCode, errorMessage })

/**
 * All topics and their partition logs: create/delete topics, add partitions, describe and alter
 * topic configs (validated as Kafka does and persisted per topic), auto-creation, and the
 * periodic maintenance (retention). Everything is synchronous and returns Kafka error codes.
 */
export class LogManager {
  /** Whether unknown topics are created on first use. */
  readonly autoCreateTopics: boolean
  /** Default partition count. */
  readonly numPartitions: number
  private readonly topics = new Map<string, TopicState>()
  private readonly store: TopicStore
  private readonly options: LogManagerOptions
  private readonly topicDefaults: TopicConfigOverrides
  private readonly logger: Logger
  /** Compaction of `cleanup.policy=compact` topics, run from maintenance. */
  private readonly cleaner: LogCleaner
  private closed = false

  private constructor(options: LogManagerOptions) {
    this.options = options
    this.autoCreateTopics = options.autoCreateTopics ?? true
    this.numPartitions = options.numPartitions ?? 1
    this.topicDefaults = options.topicDefaults ?? {}
    this.logger = (options.logger ?? silentLogger).child({ component: 'log-manager' })
    this.store = new TopicStore(options.dataDir, this.logger)
    this.cleaner = new LogCleaner({ logger: this.logger })
  }

  /**
   * Opens the manager and, with a data dir, every topic and partition found in it (recovering
   * each active segment's tail).
   *
   * @throws Error invalid `topicDefaults`
   * @throws LogStorageError a log cannot be opened
   */
  static open(options: LogManagerOptions = {}): LogManager {
    const defaults = validateTopicConfig({}, options.topicDefaults ?? {})
    if (!defaults.ok) throw new Error(`Invalid topicDefaults: ${defaults.message}`)
    const manager = new LogManager(options)
    for (const record of manager.store.load()) {
      const parsed = validateTopicConfig(record.configs, manager.topicDefaults)
      if (!parsed.ok) {
        manager.logger.error({ topic: record.name, reason: parsed.message }, 'Stored topic config is invalid; using defaults')
      }
      const config = parsed.ok ? parsed.config : defaults.config
      const state: TopicState = { record, config, logs: [] }
      for (let p = 0; p < record.partitions; p++) state.logs.push(manager.openLog(record.name, p, config))
      manager.topics.set(record.name, state)
    }
    return manager
  }

  /**
   * Creates a topic (CreateTopics), checking in Kafka's order: name, collision, existence, config
   * values, replication factor, partitions. With `validateOnly` nothing is created.
   * `isInternal` (default: whether the name is `__consumer_offsets` or `__transaction_state`) marks topics the broker itself uses.
   */
  createTopic(request: CreateTopicRequest, opts: { validateOnly?: boolean; isInternal?: boolean } = {}): TopicResult {
    this.ensureOpen()
    const { name } = request
    const nameError = topicNameError(name)
    if (nameError !== undefined) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError)
    if (this.topics.has(name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`)
    for (const existing of this.topics.keys()) {
      if (topicNamesCollide(existing, name)) {
        return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${existing}`)
      }
    }
    const overrides: Record<string, string> = {}
    const nulls: string[] = []
    for (const [key, value] of Object.entries(request.configs ?? {})) {
      if (value === null) nulls.push(key)
      else overrides[key] = value
    }
    if (nulls.length > 0) return fail(ErrorCode.INVALID_CONFIG, `Null value not supported for topic configs: ${nulls.join(',')}`)
    const parsed = validateTopicConfig(overrides, this.topicDefaults)
    if (!parsed.ok) return fail(ErrorCode.INVALID_CONFIG, parsed.message)
    const rf = request.replicationFactor ?? -1
    if (rf === 0 || rf < -1) {
      return fail(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0, or -1 to use the default value.')
    }
    if (rf > 1) {
      return fail(
        ErrorCode.INVALID_REPLICATION_FACTOR,
        `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only 1 broker(s) are registered.`,
      )
    }
    const requested = request.numPartitions ?? -1
    if (requested === 0 || requested < -1) return fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions was set to an invalid non-positive value.')
    if (opts.validateOnly) return ok
    const record: TopicRecord = {
      name,
      topicId: randomUUID(),
      partitions: requested === -1 ? this.numPartitions : requested,
      isInternal: opts.isInternal ?? INTERNAL_TOPICS.has(name),
      configs: overrides,
    }
    const state: TopicState = { record, config: parsed.config, logs: [] }
    try {
      this.store.prepareNew(name)
      this.store.save(record)
      for (let p = 0; p < record.partitions; p++) state.logs.push(this.openLog(name, p, parsed.config))
    } catch (err) {
      for (const log of state.logs) log.close()
      this.logger.error({ err, topic: name }, 'Topic creation failed')
      return fail(ErrorCode.KAFKA_STORAGE_ERROR, `Cannot create topic '${name}': ${String(err)}`)
    }
    this.topics.set(name, state)
    this.logger.info({ topic: name, partitions: record.partitions }, 'Created topic')
    return ok
  }

  /**
   * Returns the topic, creating it with the broker defaults when it is unknown and auto-creation
   * is on (Metadata/Produce). Internal topics are never auto-created (their coordinators do it).
   */
  ensureTopic(name: string): TopicResult & { readonly topic?: TopicDescription } {
    const existing = this.getTopic(name)
    if (existing !== undefined) return { ...ok, topic: existing }
    if (!this.autoCreateTopics || INTERNAL_TOPICS.has(name)) {
      return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.')
    }
    const created = this.createTopic({ name })
    if (created.errorCode !== ErrorCode.NONE) return created
    return { ...ok, topic: this.getTopic(name) as TopicDescription }
  }

  /** Deletes a topic and all its data (DeleteTopics). */
  deleteTopic(name: string): TopicResult {
    this.ensureOpen()
    const state = this.topics.get(name)
    if (state === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.')
    for (const log of state.logs) log.close()
    this.topics.delete(name)
    try {
      this.store.remove(name)
    } catch (err) {
      this.logger.error({ err, topic: name }, 'Could not remove the files of a deleted topic')
    }
    this.logger.info({ topic: name }, 'Deleted topic')
    return ok
  }

  /** Raises a topic's partition count to `count` (CreatePartitions). */
  createPartitions(name: string, count: number, opts: { validateOnly?: boolean } = {}): TopicResult {
    this.ensureOpen()
    const state = this.topics.get(name)
    if (state === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.')
    const current = state.record.partitions
    if (count === current) return fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partition(s).`)
    if (count < current) {
      return fail(ErrorCode.INVALID_PARTITIONS, `The topic ${name} currently has ${current} partition(s); ${count} would not be an increase.`)
    }
    if (opts.validateOnly) return ok
    const record = { ...state.record, partitions: count }
    try {
      this.store.save(record)
      for (let p = current; p < count; p++) state.logs.push(this.openLog(name, p, state.config))
    } catch (err) {
      return fail(ErrorCode.KAFKA_STORAGE_ERROR, `Cannot add partitions to '${name}': ${String(err)}`)
    }
    state.record = record
    return ok
  }

  /** The topic's effective configs (DescribeConfigs); `keys` null/omitted lists all. */
  describeConfigs(name: string, keys?: readonly string[] | null): DescribeConfigsResult {
    const state = this.topics.get(name)
    if (state === undefined) return { ...fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.'), configs: [] }
    return { ...ok, configs: describeTopicConfigs(state.record.configs, this.topicDefaults, keys ?? null) }
  }

  /** Replaces all of a topic's overrides (legacy AlterConfigs; null values are dropped). */
  alterConfigs(name: string, configs: Readonly<Record<string, string | null>>, opts: { validateOnly?: boolean } = {}): TopicResult {
    const next: Record<string, string> = {}
    for (const [k, v] of Object.entries(configs)) if (v !== null) next[k] = v
    return this.replaceConfigs(name, next, opts.validateOnly ?? false)
  }

  /** Applies SET/DELETE/APPEND/SUBTRACT operations to a topic's overrides (IncrementalAlterConfigs). */
  incrementalAlterConfigs(name: string, ops: readonly IncrementalConfigOp[], opts: { validateOnly?: boolean } = {}): TopicResult {
    const state = this.topics.get(name)
    if (state === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.')
    const applied = applyIncrementalOps(state.record.configs, ops)
    if (typeof applied === 'string') return fail(ErrorCode.INVALID_CONFIG, applied)
    return this.replaceConfigs(name, applied, opts.validateOnly ?? false)
  }

  /** The topic, or undefined. */
  getTopic(name: string): TopicDescription | undefined {
    const state = this.topics.get(name)
    return state === undefined ? undefined : describe(state.record)
  }

  /** Every topic, sorted by name. */
  listTopics(): TopicDescription[] {
    return [...this.topics.values()].map((s) => describe(s.record)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** The log of one partition, or undefined when the topic or partition does not exist. */
  getLog(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.logs[partition]
  }

  /**
   * Periodic housekeeping (call every few seconds): retention of every log, compaction of
   * compacted topics when due, producer-state snapshots and expiry, flush.ms fsyncs. Returns
   * segments deleted and logs cleaned.
   */
  runMaintenance(nowMs: number): { readonly deletedSegments: number; readonly cleanedLogs: number } {
    let deletedSegments = 0
    let cleanedLogs = 0
    for (const state of this.topics.values()) {
      for (const log of state.logs) {
        try {
          deletedSegments += log.applyRetention(nowMs)
          if (log.config.compactEnabled && this.cleaner.maybeClean(log, nowMs) !== null) cleanedLogs++
          log.maintainProducerState(nowMs, this.options.producerIdExpirationMs)
          log.maybeFlush(nowMs)
        } catch (err) {
          this.logger.error({ err, topic: log.topic, partition: log.partition }, 'Log maintenance failed')
        }
      }
    }
    return { deletedSegments, cleanedLogs }
  }

  /** fsyncs every log. */
  flush(): void {
    for (const state of this.topics.values()) for (const log of state.logs) log.flush()
  }

  /** Closes every log. Idempotent. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const state of this.topics.values()) for (const log of state.logs) log.close()
  }

  private replaceConfigs(name: string, next: Record<string, string>, validateOnly: boolean): TopicResult {
    this.ensureOpen()
    const state = this.topics.get(name)
    if (state === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.')
    const parsed = validateTopicConfig(next, this.topicDefaults)
    if (!parsed.ok) return fail(ErrorCode.INVALID_CONFIG, parsed.message)
    if (validateOnly) return ok
    const record = { ...state.record, configs: next }
    try {
      this.store.save(record)
    } catch (err) {
      return fail(ErrorCode.KAFKA_STORAGE_ERROR, `Cannot persist the configs of '${name}': ${String(err)}`)
    }
    state.record = record
    state.config = parsed.config
    for (const log of state.logs) log.updateConfig(parsed.config)
    return ok
  }

  private openLog(topic: string, partition: number, config: LogConfig): PartitionLog {
    const dir = this.store.partitionDir(topic, partition)
    return PartitionLog.open({
      topic,
      partition,
      config,
      ...(dir === undefined ? {} : { dir }),
      ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
      ...(this.options.tailCacheBytes === undefined ? {} : { tailCacheBytes: this.options.tailCacheBytes }),
      logger: this.logger,
    })
  }

  private ensureOpen(): void {
    if (this.closed) throw new LogClosedError('The log manager is closed')
  }
}

function describe(record: TopicRecord): TopicDescription {
  return { name: record.name, topicId: record.topicId, partitions: record.partitions, isInternal: record.isInternal, configs: { ...record.configs } }
}
