/**
 * Kafka version-range strings as used in the message JSON schemas: `'0+'` (0 and up),
 * `'3-5'` (inclusive), `'4'` (exactly), `'none'` (never).
 */

/** An inclusive version range; `max` is `Infinity` for open ranges, and `min > max` means none. */
export interface VersionRange {
  /** Lowest version in the range. */
  readonly min: number
  /** Highest version in the range (`Infinity` for `'N+'`). */
  readonly max: number
}

/** The empty range (`'none'`). */
export const NO_VERSIONS: VersionRange = Object.freeze({ min: 1, max: 0 })

/**
 * Parses a Kafka version-range string.
 *
 * @throws Error on a malformed string (schemas are static, so this is a programming error)
 */
export function parseVersions(spec: string): VersionRange {
  const s = spec.trim()
  if (s === 'none' || s === '') return NO_VERSIONS
  let m = /^(\d+)\+$/.exec(s)
  if (m !== null) return { min: Number(m[1]), max: Infinity }
  m = /^(\d+)-(\d+)$/.exec(s)
  if (m !== null) return { min: Number(m[1]), max: Number(m[2]) }
  m = /^(\d+)$/.exec(s)
  if (m !== null) return { min: Number(m[1]), max: Number(m[1]) }
  throw new Error(`invalid version range: '${spec}'`)
}

/** True when `version` lies in `range`. */
export function inRange(range: VersionRange, version: number): boolean {
  return version >= range.min && version <= range.max
}
