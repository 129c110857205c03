/**
 * Kafka `ConfigDef` value parsing and validators, reproducing its error texts
 * (`Invalid value <v> for configuration <name>: <reason>`).
 */

/** A config value type, as in `ConfigDef.Type`. */
export type ConfigType = 'INT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'LIST'

/** A parsed config value. */
export type ParsedValue = number | bigint | boolean | string | readonly string[]

/** Thrown (internally) with Kafka's exact message when a value does not parse or validate. */
export class ConfigValueError extends Error {}

/** Kafka's `ConfigException(name, value, message)` text. */
export function invalidValue(name: string, value: unknown, reason: string): ConfigValueError {
  return new ConfigValueError(`Invalid value ${String(value)} for configuration ${name}: ${reason}`)
}

const INT_RE = /^[+-]?\d+$/
const DOUBLE_RE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?$/
const INT32_MIN = -(2n ** 31n)
const INT32_MAX = 2n ** 31n - 1n
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Parses `raw` as `ConfigDef.parseType` does (values are trimmed first). */
export function parseValue(name: string, raw: string, type: ConfigType): ParsedValue {
  const v = raw.trim()
  switch (type) {
    case 'BOOLEAN':
      if (v.toLowerCase() === 'true') return true
      if (v.toLowerCase() === 'false') return false
      throw invalidValue(name, raw, 'Expected value to be either true or false')
    case 'STRING':
      return v
    case 'LIST':
      return v === '' ? [] : v.split(/\s*,\s*/)
    case 'INT':
    case 'LONG': {
      const big = INT_RE.test(v) ? BigInt(v) : undefined
      const [min, max] = type === 'INT' ? [INT32_MIN, INT32_MAX] : [INT64_MIN, INT64_MAX]
      if (big === undefined || big < min || big > max) throw invalidValue(name, raw, `Not a number of type ${type}`)
      return type === 'INT' ? Number(big) : big
    }
    case 'DOUBLE': {
      if (!DOUBLE_RE.test(v)) throw invalidValue(name, raw, 'Not a number of type DOUBLE')
      return Number(v.replace(/[fFdD]$/, ''))
    }
  }
}

/** A validator over a parsed value; throws `ConfigValueError`. */
export type Validator = (name: string, value: ParsedValue) => void

function asNumber(value: ParsedValue): number {
  return typeof value === 'bigint' ? Number(value) : (value as number)
}

/** `ConfigDef.Range.atLeast(min)`. */
export function atLeast(min: number): Validator {
  return (name, value) => {
    if (asNumber(value) < min) throw invalidValue(name, value, `Value must be at least ${min}`)
  }
}

/** `ConfigDef.Range.between(min, max)`. */
export function between(min: number, max: number): Validator {
  return (name, value) => {
    const n = asNumber(value)
    if (n < min) throw invalidValue(name, value, `Value must be at least ${min}`)
    if (n > max) throw invalidValue(name, value, `Value must be no more than ${max}`)
  }
}

/** `ConfigDef.ValidString.in(...)`. */
export function oneOf(...valid: string[]): Validator {
  return (name, value) => {
    if (!valid.includes(value as string)) throw invalidValue(name, value, `String must be one of: ${valid.join(', ')}`)
  }
}

/** `ConfigDef.ValidList.in(...)`: each element must be one of `valid`. */
export function listOf(...valid: string[]): Validator {
  return (name, value) => {
    for (const item of value as readonly string[]) {
      if (!valid.includes(item)) throw invalidValue(name, item, `String must be one of: ${valid.join(', ')}`)
    }
  }
}

/** The gzip level validator (`CompressionType.GZIP.levelValidator()`): 1..9 or -1. */
export function gzipLevel(): Validator {
  return (name, value) => {
    const n = asNumber(value)
    if (n > 9 || (n < 1 && n !== -1)) throw invalidValue(name, value, 'Value must be between 1 and 9 or equal to -1')
  }
}
