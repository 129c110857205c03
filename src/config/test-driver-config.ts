import { z } from 'zod'
import type { Logger } from '../logging/index.js'
import { ConfigError } from './config-error.js'
import { toConfigIssues } from './internal/zod-issues.js'

/** Structural shape of a serde (config may not import processor-api; the driver narrows it). */
export interface SerdeLike {
  readonly serializer: { serialize(topic: string, data: never, headers?: never): Buffer | null }
  readonly deserializer: { deserialize(topic: string, data: Buffer | null, headers?: never): unknown }
}

type AnyFunction = (...args: never[]) => unknown

function isSerde(value: unknown): value is SerdeLike {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { serializer?: { serialize?: unknown }; deserializer?: { deserialize?: unknown } }
  return typeof v.serializer?.serialize === 'function' && typeof v.deserializer?.deserialize === 'function'
}

function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { [k: string]: unknown }
  return ['info', 'warn', 'error', 'debug', 'child', 'isLevelEnabled'].every((k) => typeof v[k] === 'function')
}

const serde = z.custom<SerdeLike>(isSerde, { error: 'expected a Serde (an object with serializer and deserializer)' })
const fn = z.custom<AnyFunction>((v) => typeof v === 'function', { error: 'expected a function' })
const intFrom = (min: number): z.ZodNumber => {
  const message = `expected an integer >= ${min}`
  return z.number({ error: message }).int({ error: message }).min(min, { error: message })
}

/**
 * Configuration of the TopologyTestDriver (the streams settings a topology test needs).
 * `TestDriverConfig` is `z.infer` of this schema.
 */
export const testDriverConfigSchema = z.strictObject({
  /** `application.id`: prefixes internal topic names. Kafka's driver uses a dummy id too. */
  applicationId: z
    .string({ error: 'expected a non-empty string' })
    .min(1, { error: 'expected a non-empty string' })
    .default('dummy-topology-test-driver-app-id'),
  /** `state.dir`: where persistent stores live. Absent: a fresh temporary directory, removed by close(). */
  stateDir: z.string({ error: 'expected a directory path' }).min(1, { error: 'expected a directory path' }).optional(),
  /** `default.key.serde` for sources and sinks without their own. */
  defaultKeySerde: serde.optional(),
  /** `default.value.serde`. */
  defaultValueSerde: serde.optional(),
  /** `default.timestamp.extractor` (a TimestampExtractor function). Default: fail on invalid timestamps. */
  defaultTimestampExtractor: fn.optional(),
  /** `default.deserialization.exception.handler`: 'fail' (default), 'continue', or a function returning 'CONTINUE'/'FAIL'. */
  deserializationExceptionHandler: z
    .union([z.literal('fail'), z.literal('continue'), fn], { error: "expected 'fail', 'continue' or a handler function" })
    .default('fail'),
  /** `statestore.cache.max.bytes`: the record cache budget of caching stores (Kafka's default 10 MiB). */
  cacheMaxBytes: intFrom(0).default(10 * 1024 * 1024),
  /** `max.task.idle.ms`: 0 (default) or more to wait for empty inputs; -1 never waits. */
  maxTaskIdleMs: intFrom(-1).default(0),
  /** Logger for the engine; default: silent. */
  logger: z.custom<Logger>(isLogger, { error: 'expected a Logger' }).optional(),
  /** Further settings processors can read from `context.appConfigs`. */
  appConfigs: z.record(z.string(), z.unknown(), { error: 'expected an object of settings' }).optional(),
})

export type TestDriverConfig = z.infer<typeof testDriverConfigSchema>
/** What callers may pass: every field optional. */
export type TestDriverConfigInput = z.input<typeof testDriverConfigSchema>

export const testDriverConfigKeys: readonly string[] = Object.keys(testDriverConfigSchema.shape)

/**
 * Validates the TopologyTestDriver configuration and applies defaults.
 * @throws ConfigError naming every bad key, what it got and what it accepts.
 */
export function parseTestDriverConfig(input: unknown = {}): TestDriverConfig {
  const result = testDriverConfigSchema.safeParse(input ?? {}, { reportInput: true })
  if (result.success) return result.data
  throw new ConfigError('test driver config', toConfigIssues(result.error, testDriverConfigKeys), { cause: result.error })
}
