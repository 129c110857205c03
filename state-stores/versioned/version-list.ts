/**
 * The layout of a versioned store's history rows: the versions of one key whose validTo falls in
 * one segment, in time order, each `validFrom (8) | validTo (8) | length (4, -1: tombstone) | value`.
 * A tombstone that is the latest version of its key is kept with validTo = validFrom (Kafka's
 * "degenerate" segment record), so that a later out-of-order put still ends where it begins.
 */
import { readLong, writeLong } from '../internal/bytes.js'

/** One version: valid in [from, to); `to` null for the latest version; `value` null for a tombstone. */
export interface Version {
  from: number
  to: number | null
  value: Buffer | null
}

const HEADER = 20

/** Serializes history versions (none of them latest, except a tombstone: stored with to = from). */
export function encodeVersions(versions: readonly Version[]): Buffer {
  let size = 0
  for (const v of versions) size += HEADER + (v.value === null ? 0 : v.value.length)
  const out = Buffer.allocUnsafe(size)
  let at = 0
  for (const v of versions) {
    writeLong(out, at, v.from)
    writeLong(out, at + 8, v.to ?? v.from)
    if (v.value === null) out.writeInt32BE(-1, at + 16)
    else {
      out.writeInt32BE(v.value.length, at + 16)
      v.value.copy(out, at + HEADER)
    }
    at += HEADER + (v.value === null ? 0 : v.value.length)
  }
  return out
}

/** The inverse of `encodeVersions` (a latest tombstone comes back with to = from; the engine resolves it). */
export function decodeVersions(buf: Buffer): Version[] {
  const out: Version[] = []
  let at = 0
  while (at < buf.length) {
    const from = readLong(buf, at)
    const to = readLong(buf, at + 8)
    const length = buf.readInt32BE(at + 16)
    at += HEADER
    if (length < 0) out.push({ from, to, value: null })
    else {
      out.push({ from, to, value: Buffer.from(buf.subarray(at, at + length)) })
      at += length
    }
  }
  return out
}

/** Serializes the latest value row: `timestamp (8) | value`. */
export function encodeLatest(timestamp: number, value: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + value.length)
  writeLong(out, 0, timestamp)
  value.copy(out, 8)
  return out
}

/** The inverse of `encodeLatest`. */
export function decodeLatest(buf: Buffer): Version {
  return { from: readLong(buf, 0), to: null, value: Buffer.from(buf.subarray(8)) }
}
