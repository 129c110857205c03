import {
  atLeast,
  between,
  type ConfigType,
  ConfigValueError,
  gzipLevel,
  listOf,
  oneOf,
  type ParsedValue,
  parseValue,
  type Validator,
} from './internal/config-parsers.js'

const LONG_MAX = '9223372036854775807'

interface ConfigDefinition {
  readonly type: ConfigType
  /** Kafka's default, in the string form DescribeConfigs reports. */
  readonly defaultValue: string
  readonly validate?: Validator
}

/**
 * Every topic-level config Kafka 3.8 accepts (`LogConfig.CONFIG`), with its type, default and
 * validator. Only some change how this broker behaves (see `LogConfig`); the others are accepted,
 * validated and reported, as a real broker would, but have no effect on a single node.
 */
const DEFINITIONS: ReadonlyMap<string, ConfigDefinition> = new Map<string, ConfigDefinition>([
  ['cleanup.policy', { type: 'LIST', defaultValue: 'delete', validate: listOf('compact', 'delete') }],
  ['compression.type', { type: 'STRING', defaultValue: 'producer', validate: oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer') }],
  ['compression.gzip.level', { type: 'INT', defaultValue: '-1', validate: gzipLevel() }],
  ['compression.lz4.level', { type: 'INT', defaultValue: '9', validate: between(1, 17) }],
  ['compression.zstd.level', { type: 'INT', defaultValue: '3', validate: between(-131072, 22) }],
  ['delete.retention.ms', { type: 'LONG', defaultValue: '86400000', validate: atLeast(0) }],
  ['file.delete.delay.ms', { type: 'LONG', defaultValue: '60000', validate: atLeast(0) }],
  ['flush.messages', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(1) }],
  ['flush.ms', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(0) }],
  ['follower.replication.throttled.replicas', { type: 'LIST', defaultValue: '' }],
  ['index.interval.bytes', { type: 'INT', defaultValue: '4096', validate: atLeast(0) }],
  ['leader.replication.throttled.replicas', { type: 'LIST', defaultValue: '' }],
  ['local.retention.bytes', { type: 'LONG', defaultValue: '-2', validate: atLeast(-2) }],
  ['local.retention.ms', { type: 'LONG', defaultValue: '-2', validate: atLeast(-2) }],
  ['max.compaction.lag.ms', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(1) }],
  ['max.message.bytes', { type: 'INT', defaultValue: '1048588', validate: atLeast(0) }],
  ['message.downconversion.enable', { type: 'BOOLEAN', defaultValue: 'true' }],
  ['message.format.version', { type: 'STRING', defaultValue: '3.0-IV1' }],
  ['message.timestamp.after.max.ms', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(0) }],
  ['message.timestamp.before.max.ms', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(0) }],
  ['message.timestamp.difference.max.ms', { type: 'LONG', defaultValue: LONG_MAX, validate: atLeast(0) }],
  ['message.timestamp.type', { type: 'STRING', defaultValue: 'CreateTime', validate: oneOf('CreateTime', 'LogAppendTime') }],
  ['min.cleanable.dirty.ratio', { type: 'DOUBLE', defaultValue: '0.5', validate: between(0, 1) }],
  ['min.compaction.lag.ms', { type: 'LONG', defaultValue: '0', validate: atLeast(0) }],
  ['min.insync.replicas', { type: 'INT', defaultValue: '1', validate: atLeast(1) }],
  ['preallocate', { type: 'BOOLEAN', defaultValue: 'false' }],
  ['remote.storage.enable', { type: 'BOOLEAN', defaultValue: 'false' }],
  ['retention.bytes', { type: 'LONG', defaultValue: '-1' }],
  ['retention.ms', { type: 'LONG', defaultValue: '604800000', validate: atLeast(-1) }],
  ['segment.bytes', { type: 'INT', defaultValue: '1073741824', validate: atLeast(14) }],
  ['segment.index.bytes', { type: 'INT', defaultValue: '10485760', validate: atLeast(4) }],
  ['segment.jitter.ms', { type: 'LONG', defaultValue: '0', validate: atLeast(0) }],
  ['segment.ms', { type: 'LONG', defaultValue: '604800000', validate: atLeast(1) }],
  ['unclean.leader.election.enable', { type: 'BOOLEAN', defaultValue: 'false' }],
])

/** The names of every topic config, sorted (the order DescribeConfigs lists them in). */
export const TOPIC_CONFIG_NAMES: readonly string[] = [...DEFINITIONS.keys()].sort()

/** A topic's config overrides: config name → value string, as sent by CreateTopics/AlterConfigs. */
export type TopicConfigOverrides = Readonly<Record<string, string>>

/**
 * The effective topic configuration the log acts on, parsed from overrides over defaults.
 * Durations are milliseconds and sizes bytes, as JS numbers (Kafka's `Long.MAX_VALUE` becomes
 * 9.223372036854776e18, still "never").
 */
export interface LogConfig {
  /** `cleanup.policy` contains `delete`: retention by time/size applies. */
  readonly deleteEnabled: boolean
  /** `cleanup.policy` contains `compact`. */
  readonly compactEnabled: boolean
  /** `retention.ms`; -1 keeps data forever. */
  readonly retentionMs: number
  /** `retention.bytes`; -1 means no size limit. */
  readonly retentionBytes: number
  /** `segment.bytes`: roll to a new segment beyond this size. */
  readonly segmentBytes: number
  /** `segment.ms`: roll a segment this long after its first record. */
  readonly segmentMs: number
  /** `index.interval.bytes`: bytes between offset-index entries. */
  readonly indexIntervalBytes: number
  /** `max.message.bytes`: largest accepted batch. */
  readonly maxMessageBytes: number
  /** `message.timestamp.type`. */
  readonly messageTimestampType: 'CreateTime' | 'LogAppendTime'
  /** `flush.messages`: fsync after this many records. */
  readonly flushMessages: number
  /** `flush.ms`: fsync when the last one is older than this (checked by maintenance). */
  readonly flushMs: number
  /** `min.cleanable.dirty.ratio` (for compaction). */
  readonly minCleanableDirtyRatio: number
  /** `delete.retention.ms`: how long compaction keeps tombstones. */
  readonly deleteRetentionMs: number
  /** `min.compaction.lag.ms`. */
  readonly minCompactionLagMs: number
  /** `max.compaction.lag.ms`. */
  readonly maxCompactionLagMs: number
  /** `compression.type` (accepted; stored batches are never recompressed). */
  readonly compressionType: string
}

/** The result of validating overrides: the parsed config, or Kafka's INVALID_CONFIG message. */
export type TopicConfigValidation = { readonly ok: true; readonly config: LogConfig } | { readonly ok: false; readonly message: string }

/**
 * Validates config overrides the way Kafka's `LogConfig.validate` does: unknown names, value
 * types and ranges, then the min/max compaction lag cross-check. `defaults` are broker-level
 * overrides of Kafka's defaults (assumed valid).
 */
export function validateTopicConfig(overrides: TopicConfigOverrides, defaults: TopicConfigOverrides = {}): TopicConfigValidation {
  for (const name of Object.keys(overrides)) {
    if (!DEFINITIONS.has(name)) return { ok: false, message: `Unknown topic config name: ${name}` }
  }
  try {
    const values = new Map<string, ParsedValue>()
    for (const [name, def] of DEFINITIONS) {
      const raw = overrides[name] ?? defaults[name] ?? def.defaultValue
      const parsed = parseValue(name, raw, def.type)
      def.validate?.(name, parsed)
      values.set(name, parsed)
    }
    const minLag = values.get('min.compaction.lag.ms') as bigint
    const maxLag = values.get('max.compaction.lag.ms') as bigint
    if (minLag > maxLag) {
      return { ok: false, message: `conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})` }
    }
    return { ok: true, config: toLogConfig(values) }
  } catch (err) {
    if (err instanceof ConfigValueError) return { ok: false, message: err.message }
    throw err
  }
}

/** Kafka's default for `name`, or undefined for an unknown config. */
export function topicConfigDefault(name: string): string | undefined {
  return DEFINITIONS.get(name)?.defaultValue
}

/** Whether `name` is a LIST-typed topic config (APPEND/SUBTRACT apply). */
export function isListTopicConfig(name: string): boolean {
  return DEFINITIONS.get(name)?.type === 'LIST'
}

/** Whether `name` is a topic config Kafka knows. */
export function isTopicConfigName(name: string): boolean {
  return DEFINITIONS.has(name)
}

/** The effective config with only Kafka's (and the broker's) defaults. */
export function defaultLogConfig(defaults: TopicConfigOverrides = {}): LogConfig {
  const result = validateTopicConfig({}, defaults)
  if (!result.ok) throw new Error(`Invalid broker topic defaults: ${result.message}`)
  return result.config
}

function toLogConfig(v: Map<string, ParsedValue>): LogConfig {
  const num = (name: string): number => {
    const x = v.get(name)
    return typeof x === 'bigint' ? Number(x) : (x as number)
  }
  const policy = v.get('cleanup.policy') as readonly string[]
  return {
    deleteEnabled: policy.includes('delete'),
    compactEnabled: policy.includes('compact'),
    retentionMs: num('retention.ms'),
    retentionBytes: num('retention.bytes'),
    segmentBytes: num('segment.bytes'),
    segmentMs: num('segment.ms'),
    indexIntervalBytes: num('index.interval.bytes'),
    maxMessageBytes: num('max.message.bytes'),
    messageTimestampType: v.get('message.timestamp.type') as 'CreateTime' | 'LogAppendTime',
    flushMessages: num('flush.messages'),
    flushMs: num('flush.ms'),
    minCleanableDirtyRatio: num('min.cleanable.dirty.ratio'),
    deleteRetentionMs: num('delete.retention.ms'),
    minCompactionLagMs: num('min.compaction.lag.ms'),
    maxCompactionLagMs: num('max.compaction.lag.ms'),
    compressionType: v.get('compression.type') as string,
  }
}
