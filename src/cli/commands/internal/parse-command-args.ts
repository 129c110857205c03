import { parseArgs, type ParseArgsConfig } from 'node:util'
import { EXIT_USAGE } from '../../cli-command.js'
import type { CliIo } from '../../cli-io.js'
import { UsageError } from './usage-error.js'

/** The option table of a command, as `node:util` `parseArgs` takes it. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>

/** Parsed flags (string or boolean, possibly repeated) and positional arguments. */
export interface ParsedArgs {
  readonly values: { readonly [flag: string]: string | boolean | (string | boolean)[] | undefined }
  readonly positionals: readonly string[]
}

/**
 * Parses a command's arguments strictly (`-h/--help` is added). Returns the parsed arguments,
 * or the exit code to return at once: 0 after printing the usage for `--help`, 2 (with the
 * usage on stderr) for an unknown or malformed flag.
 */
export function parseCommandArgs(command: string, usage: string, args: readonly string[], options: CliOptions, io: CliIo): ParsedArgs | number {
  let parsed: ParsedArgs
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true })
  } catch (err) {
    io.err(`tributary ${command}: ${(err as Error).message}`)
    io.err(usage)
    return EXIT_USAGE
  }
  if (parsed.values['help'] === true) {
    io.out(usage)
    return 0
  }
  return parsed
}

/** A flag's string value (the last one when repeated), or undefined. */
export function stringFlag(parsed: ParsedArgs, flag: string): string | undefined {
  const v = parsed.values[flag]
  if (Array.isArray(v)) {
    const last = v[v.length - 1]
    return typeof last === 'string' ? last : undefined
  }
  return typeof v === 'string' ? v : undefined
}

/** Every value of a repeatable string flag. */
export function stringFlags(parsed: ParsedArgs, flag: string): string[] {
  const v = parsed.values[flag]
  if (v === undefined) return []
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')
}

/** True when a boolean flag was given. */
export function booleanFlag(parsed: ParsedArgs, flag: string): boolean {
  return parsed.values[flag] === true
}

/**
 * An integer flag within [min, max], or `fallback` when absent.
 * @throws UsageError naming the flag, the accepted range and the value given.
 */
export function integerFlag(parsed: ParsedArgs, flag: string, fallback: number, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const raw = stringFlag(parsed, flag)
  if (raw === undefined) return fallback
  const n = /^-?[0-9]+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`
    throw new UsageError(`--${flag}: expected ${range} (got "${raw}")`)
  }
  return n
}

/**
 * A positive number flag (decimals allowed), or `fallback` when absent.
 * @throws UsageError naming the flag and the value given.
 */
export function positiveNumberFlag(parsed: ParsedArgs, flag: string, fallback: number): number {
  const raw = stringFlag(parsed, flag)
  if (raw === undefined) return fallback
  const n = /^[0-9]*\.?[0-9]+$/.test(raw) ? Number(raw) : Number.NaN
  if (!(n > 0)) throw new UsageError(`--${flag}: expected a positive number (got "${raw}")`)
  return n
}

/**
 * One of `accepted`, or `fallback` when absent.
 * @throws UsageError naming the flag and the accepted values.
 */
export function choiceFlag<T extends string>(parsed: ParsedArgs, flag: string, accepted: readonly T[], fallback: T): T {
  const raw = stringFlag(parsed, flag)
  if (raw === undefined) return fallback
  if (!(accepted as readonly string[]).includes(raw)) throw new UsageError(`--${flag}: expected one of ${accepted.join(', ')} (got "${raw}")`)
  return raw as T
}

const HOST_PORT = /^[^\s:,]+:[0-9]{1,5}$/

/** Default `--bootstrap`: the bundled broker's default address. */
export const DEFAULT_BOOTSTRAP = '127.0.0.1:9092'

/**
 * `--bootstrap host:port[,host:port...]` as a list, or `fallback` when absent.
 * @throws UsageError naming the flag and the expected form.
 */
export function bootstrapFlag(parsed: ParsedArgs, fallback: string | null = DEFAULT_BOOTSTRAP): string[] | null {
  const raw = stringFlag(parsed, 'bootstrap') ?? fallback
  if (raw === null) return null
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
  if (list.length === 0 || !list.every((s) => HOST_PORT.test(s))) {
    throw new UsageError(`--bootstrap: expected host:port or a comma-separated list of them (got "${raw}")`)
  }
  return list
}
