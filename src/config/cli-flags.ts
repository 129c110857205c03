import { z } from 'zod'
import type { LogLevel } from '../logging/index.js'
import { type BrokerConfig, parseBrokerConfig } from './broker-config.js'
import { BROKER_CONFIG_NAMES, brokerConfigValueOf } from './broker-config-names.js'
import { ConfigError, type ConfigIssue } from './config-error.js'

/**
 * The `tributary` command line's flags: one zod schema per command over the strings `parseArgs`
 * hands back, turning them into typed values with their defaults. A bad value is a `ConfigError`
 * whose issues are keyed by the flag (`--max`) and say what is accepted and what was given.
 */

/** Levels the `--log-level` flags accept. */
export const CLI_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const satisfies readonly LogLevel[]
/** How `produce` encodes and `consume` prints keys and values. */
export const CLI_RECORD_FORMATS = ['string', 'long', 'int', 'double', 'hex', 'base64'] as const
/** `demo --processing-guarantee` values, the default first. */
export const CLI_DEMO_GUARANTEES = ['exactly_once_v2', 'at_least_once'] as const
/** `describe --format` values. */
export const CLI_DESCRIBE_FORMATS = ['text', 'mermaid'] as const
/** Default `--bootstrap`: the bundled broker's default address. */
export const DEFAULT_BOOTSTRAP = '127.0.0.1:9092'

/** One flag: how `parseArgs` reads it and the schema its value goes through. */
export interface CliFlag<T> {
  readonly type: 'string' | 'boolean'
  readonly multiple?: boolean
  readonly schema: z.ZodType<T>
}

/** The flags of one command: the `parseArgs` option table and the validation of what it parsed. */
export interface CliFlagSet<T> {
  readonly options: { readonly [flag: string]: { readonly type: 'string' | 'boolean'; readonly multiple?: boolean } }
  /**
   * Validates parsed flag values (`--help` and unknown keys are ignored), applying defaults.
   *
   * @throws ConfigError one issue per bad flag, keyed `--<flag>`
   */
  parse(values: { readonly [flag: string]: unknown }): T
}

type FlagValues<S> = { [K in keyof S]: S[K] extends CliFlag<infer T> ? T : never }

function flagSet<S extends { readonly [flag: string]: CliFlag<unknown> }>(flags: S): CliFlagSet<FlagValues<S>> {
  const shape: { [flag: string]: z.ZodType } = {}
  const options: { [flag: string]: { type: 'string' | 'boolean'; multiple?: boolean } } = {}
  for (const [name, flag] of Object.entries(flags)) {
    shape[name] = flag.schema
    options[name] = flag.multiple === true ? { type: flag.type, multiple: true } : { type: flag.type }
  }
  const schema = z.object(shape)
  return {
    options,
    parse(values) {
      const result = schema.safeParse(values)
      if (result.success) return result.data as FlagValues<S>
      throw new ConfigError('command-line flags', result.error.issues.map((i) => ({ key: `--${String(i.path[0])}`, message: i.message })))
    },
  }
}

/** A string flag checked and converted by `convert`, which returns the value or the reason it is refused. */
function converted<T>(fallback: T, convert: (raw: string) => T | { readonly refused: string }): CliFlag<T> {
  return {
    type: 'string',
    schema: z
      .string()
      .optional()
      .transform((raw, ctx): T => {
        if (raw === undefined) return fallback
        const out = convert(raw)
        if (typeof out === 'object' && out !== null && 'refused' in out) {
          ctx.issues.push({ code: 'custom', message: `expected ${out.refused} (got "${raw}")`, input: raw })
          return z.NEVER
        }
        return out
      }),
  }
}

/** An integer within [min, max], or `fallback` when absent. */
function integer(fallback: number, min: number, max: number = Number.MAX_SAFE_INTEGER): CliFlag<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`
  return converted<number>(fallback, (raw) => {
    const n = /^-?[0-9]+$/.test(raw) ? Number(raw) : Number.NaN
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : { refused: range }
  })
}

/** A positive number (decimals allowed), or null when absent. */
function positiveNumber(): CliFlag<number | null> {
  return converted<number | null>(null, (raw) => {
    const n = /^[0-9]*\.?[0-9]+$/.test(raw) ? Number(raw) : Number.NaN
    return n > 0 ? n : { refused: 'a positive number' }
  })
}

/** One of `accepted`, or `fallback` when absent. */
function choice<const T extends string>(accepted: readonly T[], fallback: T): CliFlag<T> {
  return converted<T>(fallback, (raw) => ((accepted as readonly string[]).includes(raw) ? (raw as T) : { refused: `one of ${accepted.join(', ')}` }))
}

/** Any string, or undefined when absent. */
function text(): CliFlag<string | undefined> {
  return { type: 'string', schema: z.string().optional() }
}

/** A non-empty string (`what` says which), or undefined when absent. */
function nonEmpty(what: string): CliFlag<string | undefined> {
  return converted<string | undefined>(undefined, (raw) => (raw === '' ? { refused: what } : raw))
}

function boolean(): CliFlag<boolean> {
  return { type: 'boolean', schema: z.boolean().optional().transform((v) => v === true) }
}

const HOST_PORT = /^[^\s:,]+:[0-9]{1,5}$/

/** `host:port[,host:port...]` as a list; absent: `fallback` (null: no default). */
function bootstrap(fallback: string | null): CliFlag<string[] | null> {
  const parse = (raw: string): string[] | { refused: string } => {
    const list = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
    return list.length > 0 && list.every((s) => HOST_PORT.test(s)) ? list : { refused: 'host:port or a comma-separated list of them' }
  }
  const fallbackList = fallback === null ? null : (parse(fallback) as string[])
  return converted<string[] | null>(fallbackList, parse)
}

/** Repeatable `key=value` flags as an object. */
function keyValues(): CliFlag<{ [key: string]: string }> {
  return {
    type: 'string',
    multiple: true,
    schema: z
      .array(z.string())
      .optional()
      .transform((values, ctx) => {
        const out: { [key: string]: string } = {}
        for (const v of values ?? []) {
          const eq = v.indexOf('=')
          if (eq <= 0) {
            ctx.issues.push({ code: 'custom', message: `expected key=value (got "${v}")`, input: v })
            return z.NEVER
          }
          out[v.slice(0, eq)] = v.slice(eq + 1)
        }
        return out
      }),
  }
}

const recordFormat = (): CliFlag<(typeof CLI_RECORD_FORMATS)[number]> => choice(CLI_RECORD_FORMATS, 'string')
const logLevel = (): CliFlag<LogLevel> => choice<LogLevel>(CLI_LOG_LEVELS, 'warn')

/** `tributary consume` flags. */
export const consumeFlags = flagSet({
  bootstrap: bootstrap(DEFAULT_BOOTSTRAP),
  'from-beginning': boolean(),
  group: nonEmpty('a non-empty group id'),
  max: integer(Number.MAX_SAFE_INTEGER, 1),
  'timeout-ms': integer(0, 1),
  'key-format': recordFormat(),
  'value-format': recordFormat(),
  'key-separator': text(),
  'value-only': boolean(),
})

/** `tributary produce` flags. */
export const produceFlags = flagSet({
  bootstrap: bootstrap(DEFAULT_BOOTSTRAP),
  'key-separator': nonEmpty('a non-empty separator'),
  'key-format': recordFormat(),
  'value-format': recordFormat(),
})

/** `tributary topics` flags (-1: the broker's default). */
export const topicsFlags = flagSet({
  bootstrap: bootstrap(DEFAULT_BOOTSTRAP),
  partitions: integer(-1, 1, 1_000_000),
  'replication-factor': integer(-1, 1, 32_767),
  config: keyValues(),
  'if-not-exists': boolean(),
})

/** `tributary run` flags (no `--bootstrap`: the bundled broker). */
export const runFlags = flagSet({
  bootstrap: bootstrap(null),
  'application-id': text(),
  'state-dir': text(),
  port: integer(9092, 0, 65535),
  'data-dir': text(),
  'log-level': logLevel(),
})

/** `tributary demo` flags (no `--duration`: until stopped; no `--bootstrap`: the bundled broker). */
export const demoFlags = flagSet({
  duration: positiveNumber(),
  rate: integer(300, 1, 1_000_000),
  partitions: integer(4, 1, 1000),
  'processing-guarantee': choice(CLI_DEMO_GUARANTEES, 'exactly_once_v2'),
  top: integer(5, 1, 100),
  bootstrap: bootstrap(null),
  'log-level': logLevel(),
})

/** `tributary describe` flags. */
export const describeFlags = flagSet({
  format: choice(CLI_DESCRIBE_FORMATS, 'text'),
})

/** `tributary broker` flags, and the broker config key each one sets. */
const BROKER_FLAG_KEYS = { host: 'host', port: 'port', 'data-dir': 'dataDir', 'log-level': 'logLevel' } as const

/**
 * `tributary broker` flags: each sets one key of the broker config, validated by its schema.
 * `--override name=value` (repeatable) sets any other config by its Kafka name.
 */
export const brokerFlags: CliFlagSet<BrokerConfig> = {
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'log-level': { type: 'string' },
    override: { type: 'string', multiple: true },
  },
  parse(values) {
    const input: { [key: string]: unknown } = {}
    /** Config key → the flag (or `--override <name>`) it came from, for error messages. */
    const origin = new Map<string, string>()
    const issues: ConfigIssue[] = []
    for (const [flag, key] of Object.entries(BROKER_FLAG_KEYS)) {
      const raw = values[flag]
      // A port of digits is a number for the schema; anything else is shown to the user as given.
      if (typeof raw === 'string') input[key] = flag === 'port' && /^[0-9]+$/.test(raw) ? Number(raw) : raw
      origin.set(key, `--${flag}`)
    }
    const overrides = values['override']
    for (const item of Array.isArray(overrides) ? (overrides as unknown[]) : []) {
      const text = String(item)
      const eq = text.indexOf('=')
      const name = eq < 0 ? text : text.slice(0, eq)
      const key = BROKER_CONFIG_NAMES.get(name)
      if (eq <= 0) issues.push({ key: '--override', message: `expected name=value (got "${text}")` })
      else if (key === undefined) {
        issues.push({ key: '--override', message: `unknown broker config "${name}" (known: ${[...BROKER_CONFIG_NAMES.keys()].join(', ')})` })
      } else {
        input[key] = brokerConfigValueOf(text.slice(eq + 1))
        origin.set(key, `--override ${name}`)
      }
    }
    if (issues.length > 0) throw new ConfigError('command-line flags', issues)
    try {
      return parseBrokerConfig(input)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      const named: ConfigIssue[] = err.issues.map((i) => ({ key: origin.get(i.key) ?? i.key, message: i.message }))
      throw new ConfigError('command-line flags', named, { cause: err })
    }
  },
}
