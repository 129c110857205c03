/**
 * The records of the offsets log (JSON payloads inside CRC frames) and their validation on load.
 * Offsets travel as decimal strings; every offset entry keeps its commit sequence number so the
 * newest write wins across transactional and plain commits, even after compaction.
 */

/** `[topic, partition, offset, leaderEpoch, metadata, commitTimestampMs, seq]`. */
export type OffsetTuple = [string, number, string, number, string, number, number]

/** Every record kind the log holds. */
export type OffsetLogRecord =
  | { readonly k: 'commit'; readonly g: string; readonly o: readonly OffsetTuple[] }
  | { readonly k: 'txn'; readonly g: string; readonly p: string; readonly e: number; readonly o: readonly OffsetTuple[] }
  | { readonly k: 'txnEnd'; readonly p: string; readonly c: boolean }
  | { readonly k: 'group'; readonly g: string; readonly gen: number; readonly pt: string | null; readonly pn: string | null }
  | { readonly k: 'delGroup'; readonly g: string }
  | { readonly k: 'delTopic'; readonly t: string }
  | { readonly k: 'delOffsets'; readonly g: string; readonly o: readonly (readonly [string, number])[] }

type Json = { readonly [key: string]: unknown }

const isString = (v: unknown): v is string => typeof v === 'string'
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isBigintString = (v: unknown): v is string => typeof v === 'string' && /^-?\d+$/.test(v)

function isOffsetTuple(v: unknown): v is OffsetTuple {
  return (
    Array.isArray(v) &&
    v.length === 7 &&
    isString(v[0]) &&
    isInt(v[1]) &&
    isBigintString(v[2]) &&
    isInt(v[3]) &&
    isString(v[4]) &&
    isInt(v[5]) &&
    isInt(v[6])
  )
}

function isTuples(v: unknown): v is OffsetTuple[] {
  return Array.isArray(v) && v.every(isOffsetTuple)
}

function isPartitionRefs(v: unknown): v is [string, number][] {
  return Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === 2 && isString(r[0]) && isInt(r[1]))
}

/** Parses and validates one payload; undefined if it is not a record this version understands. */
export function decodeOffsetLogRecord(payload: Buffer): OffsetLogRecord | undefined {
  let value: unknown
  try {
    value = JSON.parse(payload.toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Json
  switch (r['k']) {
    case 'commit':
      return isString(r['g']) && isTuples(r['o']) ? { k: 'commit', g: r['g'], o: r['o'] } : undefined
    case 'txn':
      return isString(r['g']) && isBigintString(r['p']) && isInt(r['e']) && isTuples(r['o'])
        ? { k: 'txn', g: r['g'], p: r['p'], e: r['e'], o: r['o'] }
        : undefined
    case 'txnEnd':
      return isBigintString(r['p']) && typeof r['c'] === 'boolean' ? { k: 'txnEnd', p: r['p'], c: r['c'] } : undefined
    case 'group':
      return isString(r['g']) && isInt(r['gen']) && isNullableString(r['pt']) && isNullableString(r['pn'])
        ? { k: 'group', g: r['g'], gen: r['gen'], pt: r['pt'], pn: r['pn'] }
        : undefined
    case 'delGroup':
      return isString(r['g']) ? { k: 'delGroup', g: r['g'] } : undefined
    case 'delTopic':
      return isString(r['t']) ? { k: 'delTopic', t: r['t'] } : undefined
    case 'delOffsets':
      return isString(r['g']) && isPartitionRefs(r['o']) ? { k: 'delOffsets', g: r['g'], o: r['o'] } : undefined
    default:
      return undefined
  }
}

/** Serializes one record as a log payload. */
export function encodeOffsetLogRecord(record: OffsetLogRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8')
}
