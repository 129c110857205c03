import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../logging/index.js'
import { ConfigError } from './config-error.js'
import { toConfigIssues } from './internal/zod-issues.js'

/** Structural shape of a serde (config may not import processor-api; the runtime narrows it). */
export interface StreamsSerdeLike {
  readonly serializer: { serialize(topic: string, data: never, headers?: never): Buffer | null }
  readonly deserializer: { deserialize(topic: string, data: Buffer | null, headers?: never): unknown }
}

/**
 * Structural shape of a KafkaJS-compatible client (`new Kafka({...})` from kafkajs or a
 * maintained fork): the runtime only calls these three factories, through its kafkajs adapter.
 */
export interface KafkaLike {
  producer(config?: never): unknown
  consumer(config: never): unknown
  admin(config?: never): unknown
}

type AnyFunction = (...args: never[]) => unknown

const MiB = 1024 * 1024
const INT32_MAX = 2_147_483_647

/** Kafka's legal characters for `application.id` (it prefixes topic names): `[a-zA-Z0-9._-]`, at most 249. */
const APPLICATION_ID = /^[a-zA-Z0-9._-]{1,249}$/
const HOST_PORT = /^[^\s:]+:\d{1,5}$/

function isSerde(value: unknown): value is StreamsSerdeLike {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { serializer?: { serialize?: unknown }; deserializer?: { deserialize?: unknown } }
  return typeof v.serializer?.serialize === 'function' && typeof v.deserializer?.deserialize === 'function'
}

function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { [k: string]: unknown }
  return ['info', 'warn', 'error', 'debug', 'child'].every((k) => typeof v[k] === 'function')
}

function isKafka(value: unknown): value is KafkaLike {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { [k: string]: unknown }
  return ['producer', 'consumer', 'admin'].every((k) => typeof v[k] === 'function')
}

function int(min: number, max: number = INT32_MAX): z.ZodNumber {
  const message = max === INT32_MAX ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
}

const serde = z.custom<StreamsSerdeLike>(isSerde, { error: 'expected a Serde (an object with serializer and deserializer)' })
const fn = z.custom<AnyFunction>((v) => typeof v === 'function', { error: 'expected a function' })

/** `'fail'` or `'log-and-continue'` (Kafka's LogAndFail / LogAndContinue handlers), or a function deciding per error. */
const failOrContinue = z.union([z.literal('fail'), z.literal('log-and-continue'), fn], {
  error: "expected 'fail', 'log-and-continue' or a handler function",
})

/** Values of `processingGuarantee` (Kafka's `processing.guarantee`). */
export const PROCESSING_GUARANTEES = ['at_least_once', 'exactly_once_v2'] as const
/** Kafka's `commit.interval.ms` default under at-least-once. */
export const DEFAULT_COMMIT_INTERVAL_MS = 30_000
/** Kafka's `commit.interval.ms` default under exactly-once. */
export const DEFAULT_EOS_COMMIT_INTERVAL_MS = 100

const schemaShape = {
  /** `application.id`: the consumer group id, the prefix of internal topics and the state directory name. Required. */
  applicationId: z
    .string({ error: 'expected a string of letters, digits, ".", "_" or "-" (1 to 249 characters)' })
    .regex(APPLICATION_ID, { error: 'expected a string of letters, digits, ".", "_" or "-" (1 to 249 characters)' }),
  /** `bootstrap.servers`: `'host:port'`, a comma-separated list, or an array. Required unless `kafka` is given. */
  bootstrapServers: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: "expected 'host:port', a comma-separated list of them, or an array of 'host:port' strings",
    })
    .optional(),
  /** A KafkaJS-compatible `Kafka` instance to use instead of `bootstrapServers`. */
  kafka: z.custom<KafkaLike>(isKafka, { error: 'expected a KafkaJS-compatible Kafka instance (with producer, consumer and admin)' }).optional(),
  /** Client id prefix of the runtime's clients; default: the application id. */
  clientId: z.string({ error: 'expected a non-empty string' }).min(1, { error: 'expected a non-empty string' }).optional(),
  /** `processing.guarantee`. */
  processingGuarantee: z
    .enum(PROCESSING_GUARANTEES, { error: `expected one of ${PROCESSING_GUARANTEES.join(', ')}` })
    .default('at_least_once'),
  /** `commit.interval.ms`; default 30000, or 100 under exactly_once_v2 (Kafka's defaults). */
  commitIntervalMs: int(0).optional(),
  /** `num.standby.replicas`. */
  numStandbyReplicas: int(0, 100).default(0),
  /** `state.dir`. */
  stateDir: z
    .string({ error: 'expected a directory path' })
    .min(1, { error: 'expected a directory path' })
    .default(join(tmpdir(), 'tributary-streams')),
  /** `statestore.cache.max.bytes`: the record cache budget of caching stores. */
  cacheMaxBytes: int(0, Number.MAX_SAFE_INTEGER).default(10 * MiB),
  /** `default.key.serde`. */
  defaultKeySerde: serde.optional(),
  /** `default.value.serde`. */
  defaultValueSerde: serde.optional(),
  /** `default.timestamp.extractor` (a TimestampExtractor function); default: fail on invalid timestamps. */
  defaultTimestampExtractor: fn.optional(),
  /**
   * `deserialization.exception.handler`: `'fail'` (default), `'log-and-continue'`,
   * `{ deadLetterTopic }` (send the raw record there with the error in headers, then continue),
   * or a function returning `'CONTINUE'`/`'FAIL'`.
   */
  deserializationExceptionHandler: z
    .union(
      [
        z.literal('fail'),
        z.literal('log-and-continue'),
        z.strictObject({ deadLetterTopic: z.string().min(1) }),
        fn,
      ],
      { error: "expected 'fail', 'log-and-continue', { deadLetterTopic: '<topic>' } or a handler function" },
    )
    .default('fail'),
  /** `production.exception.handler`: what to do when a record cannot be serialized or sent. */
  productionExceptionHandler: failOrContinue.default('fail'),
  /** `processing.exception.handler` (KIP-1033): what to do when a processor throws. */
  processingExceptionHandler: failOrContinue.default('fail'),
  /**
   * What to do when the stream thread dies (Kafka's `StreamsUncaughtExceptionHandler`):
   * `'SHUTDOWN_CLIENT'` (default) or `'REPLACE_THREAD'`, or a function of the error returning one.
   */
  uncaughtExceptionHandler: z
    .union([z.literal('SHUTDOWN_CLIENT'), z.literal('REPLACE_THREAD'), fn], {
      error: "expected 'SHUTDOWN_CLIENT', 'REPLACE_THREAD' or a handler function",
    })
    .default('SHUTDOWN_CLIENT'),
  /** `application.server`: `'host:port'` of this instance for interactive-query discovery. */
  applicationServer: z.string({ error: "expected 'host:port'" }).regex(HOST_PORT, { error: "expected 'host:port'" }).optional(),
  /** `max.task.idle.ms`: 0 (default) or more to wait for empty inputs; -1 never waits. */
  maxTaskIdleMs: int(-1).default(0),
  /** `replication.factor` of internal topics; -1 (default) uses the broker's default. */
  replicationFactor: z
    .number({ error: 'expected -1 or an integer >= 1' })
    .int({ error: 'expected -1 or an integer >= 1' })
    .refine((n) => n === -1 || n >= 1, { error: 'expected -1 or an integer >= 1' })
    .default(-1),
  /** Consumer `session.timeout.ms` (Kafka Streams' default 45000). */
  sessionTimeoutMs: int(1).default(45_000),
  /** Consumer `heartbeat.interval.ms`. */
  heartbeatIntervalMs: int(1).default(3_000),
  /** Consumer `max.poll.interval.ms`, used as the group rebalance timeout. */
  rebalanceTimeoutMs: int(1).default(300_000),
  /** Producer `transaction.timeout.ms` under exactly-once (Kafka Streams' default 10000). */
  transactionTimeoutMs: int(1).default(10_000),
  /** `poll.ms`: how long the stream thread waits for records when it has nothing to do. */
  pollMs: int(1).default(100),
  /** `buffered.records.per.partition`: records buffered per input partition before it is paused. */
  bufferedRecordsPerPartition: int(1).default(1000),
  /** Logger for the runtime; default: silent. */
  logger: z.custom<Logger>(isLogger, { error: 'expected a Logger (an object with info/warn/error/debug/child)' }).optional(),
  /** Further settings processors can read from `context.appConfigs`. */
  appConfigs: z.record(z.string(), z.unknown(), { error: 'expected an object of settings' }).optional(),
}

/** The keys `StreamsConfigInput` accepts, in schema order. */
export const streamsConfigKeys: readonly string[] = Object.keys(schemaShape)

/**
 * The KafkaStreams configuration schema. Defaults follow Kafka Streams' `StreamsConfig`; the
 * commit interval default depends on the processing guarantee. `StreamsConfig` is `z.infer` of it.
 */
export const streamsConfigSchema = z
  .strictObject(schemaShape)
  .refine((c) => c.bootstrapServers !== undefined || c.kafka !== undefined, {
    error: "required unless a kafka instance is given (expected 'host:port' or an array of them)",
    path: ['bootstrapServers'],
  })
  .refine((c) => c.bootstrapServers === undefined || c.kafka === undefined, {
    error: 'give either bootstrapServers or kafka, not both',
    path: ['kafka'],
  })
  .transform((c) => ({
    ...c,
    commitIntervalMs:
      c.commitIntervalMs ??
      (c.processingGuarantee === 'exactly_once_v2' ? DEFAULT_EOS_COMMIT_INTERVAL_MS : DEFAULT_COMMIT_INTERVAL_MS),
    bootstrapServers: normalizeServers(c.bootstrapServers),
  }))

function normalizeServers(servers: string | string[] | undefined): string[] | undefined {
  if (servers === undefined) return undefined
  const list = typeof servers === 'string' ? servers.split(',') : servers
  return list.map((s) => s.trim()).filter((s) => s.length > 0)
}

/** A complete, validated streams configuration (defaults filled in, servers as a list). */
export type StreamsConfig = z.infer<typeof streamsConfigSchema>

/** What callers pass to `new KafkaStreams(topology, config)`. */
export type StreamsConfigInput = z.input<typeof streamsConfigSchema>

/**
 * Validates a KafkaStreams configuration and fills in the defaults.
 * @throws ConfigError naming every bad key, what it got and what it accepts.
 */
export function parseStreamsConfig(input: unknown): StreamsConfig {
  const result = streamsConfigSchema.safeParse(input ?? {}, { reportInput: true })
  if (result.success) return result.data
  throw new ConfigError('streams config', toConfigIssues(result.error, streamsConfigKeys), { cause: result.error })
}
