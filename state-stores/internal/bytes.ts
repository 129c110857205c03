/**
 * Byte helpers shared by the engines and layers: 64-bit big-endian timestamps as JS numbers,
 * latin1 keys (a string whose code units are the bytes, so `<` on strings is byte-wise order),
 * and prefix upper bounds.
 */

import { MAX_REMEMBERED_LENGTH, recentStringOf, rememberByteString } from '../../processor-api/serde/internal/recent-byte-strings.js'

const TWO_POW_32 = 4294967296

/** Writes `value` (an integer ms timestamp, may be negative) as a signed 64-bit big-endian number. */
export function writeLong(buf: Buffer, offset: number, value: number): void {
  const hi = Math.floor(value / TWO_POW_32)
  buf.writeInt32BE(hi, offset)
  buf.writeUInt32BE(value - hi * TWO_POW_32, offset + 4)
}

/** Reads a signed 64-bit big-endian number written by `writeLong`. */
export function readLong(buf: Buffer, offset: number): number {
  return buf.readInt32BE(offset) * TWO_POW_32 + buf.readUInt32BE(offset + 4)
}

// The last conversion either way. Store layers convert the same key several times in a row (a
// get then a put of one key; a flushed cache key turned into bytes, then back into the inner
// store's key), and key buffers are never mutated once handed to a store (the serde contract),
// so the same Buffer object always has the same string. Recent ASCII conversions made elsewhere
// (the String serde's) count too: for ASCII bytes the UTF-8 and latin1 strings are the same.
let memoBuf: Buffer | null = null
let memoStr = ''

/** The bytes of `buf` as a latin1 string: string comparison then equals byte-wise comparison. */
export function toKeyString(buf: Buffer): string {
  if (buf === memoBuf) return memoStr
  let s = recentStringOf(buf)
  if (s === undefined) {
    s = buf.toString('latin1')
    if (s.length <= MAX_REMEMBERED_LENGTH) rememberByteString(buf, s)
  }
  memoBuf = buf
  memoStr = s
  return s
}

/**
 * Tells `toKeyString` that `str` is the latin1 string of `buf` (a caller that kept both, e.g. a
 * cache flushing an entry, spares the store below the conversion and hands it the very string
 * object, whose hash is already computed).
 */
export function rememberKeyString(buf: Buffer, str: string): void {
  memoBuf = buf
  memoStr = str
  if (str.length <= MAX_REMEMBERED_LENGTH) rememberByteString(buf, str)
}

/** The inverse of `toKeyString` (a new Buffer, or the one last converted to this very string). */
export function fromKeyString(key: string): Buffer {
  if (key === memoStr && memoBuf !== null) return memoBuf
  const b = Buffer.from(key, 'latin1')
  memoBuf = b
  memoStr = key
  return b
}

/**
 * The smallest byte string greater than every string starting with `prefix`, or null when
 * there is none (the prefix is empty or all 0xff).
 */
export function prefixUpperBound(prefix: Buffer): Buffer | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const b = prefix[i]!
    if (b !== 0xff) {
      const out = Buffer.allocUnsafe(i + 1)
      prefix.copy(out, 0, 0, i)
      out[i] = b + 1
      return out
    }
  }
  return null
}

/** Concatenates two buffers into a new one (faster than Buffer.concat for two parts). */
export function concat2(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length + b.length)
  a.copy(out, 0)
  b.copy(out, a.length)
  return out
}
