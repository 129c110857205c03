/**
 * Kafka's binary key layouts for windowed data, used both as the engines' storage keys and
 * as changelog keys:
 * - window: `key | windowStart (8 bytes) | seqnum (4 bytes)` (Kafka's `WindowKeySchema`);
 * - session: `key | sessionEnd (8 bytes) | sessionStart (8 bytes)` (Kafka's `SessionKeySchema`).
 * Timestamps are signed 64-bit big-endian.
 */
import { readLong, writeLong } from './bytes.js'

/** Bytes after the key in a window store key. */
export const WINDOW_SUFFIX_SIZE = 12
/** Bytes after the key in a session store key. */
export const SESSION_SUFFIX_SIZE = 16

// The last window key built: a store writes one window to its engine and then to its
// changelog with the same key buffer (never mutated once handed to a store), so it is built once.
let lastKey: Buffer | null = null
let lastStart = 0
let lastSeqnum = 0
let lastWindowKey: Buffer | null = null

/** `key | windowStart | seqnum` (the same buffer as the last call when the arguments are the same). */
export function windowStoreKey(key: Buffer, windowStartMs: number, seqnum: number): Buffer {
  if (key === lastKey && windowStartMs === lastStart && seqnum === lastSeqnum) return lastWindowKey!
  const out = Buffer.allocUnsafe(key.length + WINDOW_SUFFIX_SIZE)
  key.copy(out, 0)
  writeLong(out, key.length, windowStartMs)
  out.writeUInt32BE(seqnum >>> 0, key.length + 8)
  lastKey = key
  lastStart = windowStartMs
  lastSeqnum = seqnum
  lastWindowKey = out
  return out
}

/** Tells `windowStoreKey` that `storeKey` is `key | windowStart | seqnum` (a caller that holds it spares a rebuild). */
export function rememberWindowStoreKey(key: Buffer, windowStartMs: number, seqnum: number, storeKey: Buffer): void {
  lastKey = key
  lastStart = windowStartMs
  lastSeqnum = seqnum
  lastWindowKey = storeKey
}

/** The key part of a window store key (a view, not a copy). */
export function windowKeyOf(storeKey: Buffer): Buffer {
  return storeKey.subarray(0, storeKey.length - WINDOW_SUFFIX_SIZE)
}

/** The window start of a window store key. */
export function windowStartOf(storeKey: Buffer): number {
  return readLong(storeKey, storeKey.length - WINDOW_SUFFIX_SIZE)
}

/** The seqnum of a window store key. */
export function windowSeqnumOf(storeKey: Buffer): number {
  return storeKey.readUInt32BE(storeKey.length - 4)
}

/** `key | sessionEnd | sessionStart`. */
export function sessionStoreKey(key: Buffer, startMs: number, endMs: number): Buffer {
  const out = Buffer.allocUnsafe(key.length + SESSION_SUFFIX_SIZE)
  key.copy(out, 0)
  writeLong(out, key.length, endMs)
  writeLong(out, key.length + 8, startMs)
  return out
}

/** The key part of a session store key (a view, not a copy). */
export function sessionKeyOf(storeKey: Buffer): Buffer {
  return storeKey.subarray(0, storeKey.length - SESSION_SUFFIX_SIZE)
}

/** The session end of a session store key. */
export function sessionEndOf(storeKey: Buffer): number {
  return readLong(storeKey, storeKey.length - SESSION_SUFFIX_SIZE)
}

/** The session start of a session store key. */
export function sessionStartOf(storeKey: Buffer): number {
  return readLong(storeKey, storeKey.length - 8)
}
