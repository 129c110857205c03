import { z } from 'zod'
import type { Logger, LogLevel } from '../logging/index.js'
import { ConfigError } from './config-error.js'
import { toConfigIssues } from './internal/zod-issues.js'

const MiB = 1024 * 1024
const INT32_MAX = 2_147_483_647
const DAY_MS = 24 * 60 * 60 * 1000

function int(min: number, max: number): z.ZodNumber {
  const message = max === INT32_MAX ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
}

function text(what: string): z.ZodString {
  return z.string({ error: `expected a non-empty string (${what})` }).min(1, { error: `expected a non-empty string (${what})` })
}

function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { [k: string]: unknown }
  return ['info', 'warn', 'error', 'debug', 'child'].every((k) => typeof v[k] === 'function')
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const satisfies readonly LogLevel[]

/**
 * The bundled broker's configuration schema. Defaults follow Apache Kafka's broker defaults
 * (names in the comments) except where a single-node development broker needs otherwise.
 * `BrokerConfig` is `z.infer` of this schema.
 */
export const brokerConfigSchema = z
  .strictObject({
    /** Interface to bind. Kafka listens everywhere; we default to loopback only. */
    host: text('a host name or IP address').default('127.0.0.1'),
    /** TCP port; 0 binds an ephemeral port (read it back from `Broker.address`). */
    port: int(0, 65535).default(9092),
    /** Directory for logs, offsets and metadata. Absent: everything stays in memory. */
    dataDir: text('a directory path').optional(),
    /** Host written into Metadata/FindCoordinator responses (`advertised.listeners`); defaults to `host`. */
    advertisedHost: text('a host name or IP address').optional(),
    /** Port written into Metadata/FindCoordinator responses; defaults to the bound port. */
    advertisedPort: int(1, 65535).optional(),
    /** `node.id`: this broker's id, also the controller and coordinator id. */
    nodeId: int(0, INT32_MAX).default(0),
    /** Cluster id reported in Metadata; absent: persisted in the data dir or generated. */
    clusterId: text('a cluster id').optional(),
    /** `auto.create.topics.enable`. */
    autoCreateTopics: z.boolean({ error: 'expected true or false' }).default(true),
    /** `num.partitions`: partitions of auto-created topics and CreateTopics with -1. */
    numPartitions: int(1, 10_000).default(1),
    /** `default.replication.factor`: only 1 exists on a single node. */
    defaultReplicationFactor: z.literal(1, { error: 'expected 1 (the broker is single-node)' }).default(1),
    /** `socket.request.max.bytes`: larger request frames close the connection. */
    maxRequestBytes: int(1024, INT32_MAX).default(100 * MiB),
    /** Concurrent client connections accepted (`max.connections`). */
    maxConnections: int(1, 1_000_000).default(1000),
    /** `message.max.bytes`: default of the topic config `max.message.bytes`. */
    messageMaxBytes: int(0, INT32_MAX).default(1_048_588),
    /** `group.initial.rebalance.delay.ms`; tests use 0. */
    groupInitialRebalanceDelayMs: int(0, INT32_MAX).default(3000),
    /** `group.min.session.timeout.ms`. */
    groupMinSessionTimeoutMs: int(0, INT32_MAX).default(6000),
    /** `group.max.session.timeout.ms`. */
    groupMaxSessionTimeoutMs: int(0, INT32_MAX).default(1_800_000),
    /** `log.segment.bytes`. */
    logSegmentBytes: int(14, INT32_MAX).default(1024 * MiB),
    /** `log.roll.ms`. */
    logSegmentMs: z.number({ error: 'expected an integer >= 1' }).int().min(1, { error: 'expected an integer >= 1' }).default(7 * DAY_MS),
    /** `log.retention.ms` (-1: keep forever). */
    logRetentionMs: z.number({ error: 'expected -1 or an integer >= 0' }).int().min(-1, { error: 'expected -1 or an integer >= 0' }).default(7 * DAY_MS),
    /** `log.retention.bytes` per partition (-1: unlimited). */
    logRetentionBytes: z.number({ error: 'expected -1 or an integer >= 0' }).int().min(-1, { error: 'expected -1 or an integer >= 0' }).default(-1),
    /** `log.retention.check.interval.ms`: how often the maintenance timer runs. */
    logRetentionCheckIntervalMs: int(1, INT32_MAX).default(300_000),
    /** `transaction.max.timeout.ms`: InitProducerId with a larger transaction timeout gets INVALID_TRANSACTION_TIMEOUT. */
    transactionMaxTimeoutMs: int(1, INT32_MAX).default(900_000),
    /** `transaction.abort.timed.out.transaction.cleanup.interval.ms`: how often transactions past their timeout are aborted. */
    transactionAbortCheckIntervalMs: int(1, INT32_MAX).default(10_000),
    /** `transactional.id.expiration.ms`: transactional ids idle this long are forgotten. */
    transactionalIdExpirationMs: int(1, INT32_MAX).default(604_800_000),
    /** `producer.id.expiration.ms`: partitions forget idle producers' sequence state after this long. */
    producerIdExpirationMs: int(1, INT32_MAX).default(86_400_000),
    /** Minimum level of the broker's own logger (ignored when `logger` is given). */
    logLevel: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
    /** A logger to use instead of creating one (for example `silentLogger` in tests). */
    logger: z.custom<Logger>(isLogger, { error: 'expected a Logger (an object with info/warn/error/debug/child)' }).optional(),
  })
  .refine((c) => c.groupMinSessionTimeoutMs <= c.groupMaxSessionTimeoutMs, {
    error: 'must not exceed groupMaxSessionTimeoutMs',
    path: ['groupMinSessionTimeoutMs'],
  })

/** A complete, validated broker configuration (every default filled in). */
export type BrokerConfig = z.infer<typeof brokerConfigSchema>

/** What callers may pass: every field optional, defaults applied by `parseBrokerConfig`. */
export type BrokerConfigInput = z.input<typeof brokerConfigSchema>

/** The keys `BrokerConfigInput` accepts, in schema order. */
export const brokerConfigKeys: readonly string[] = Object.keys(brokerConfigSchema.shape)

/**
 * Validates a broker configuration and fills in the defaults.
 * @throws ConfigError naming every bad key, what it got and what it accepts.
 */
export function parseBrokerConfig(input: unknown = {}): BrokerConfig {
  const result = brokerConfigSchema.safeParse(input ?? {}, { reportInput: true })
  if (result.success) return result.data
  throw new ConfigError('broker config', toConfigIssues(result.error, brokerConfigKeys), { cause: result.error })
}
