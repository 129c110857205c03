/**
 * Scan bounds over the window and session key layouts (Kafka's key schemas' lower and upper
 * range), shared by the engines, which scan store keys, and the caching layers, whose cache keys
 * are `segment | store key` and so take the same bounds as per-segment suffixes.
 */
import { SESSION_SUFFIX_SIZE, WINDOW_SUFFIX_SIZE, sessionStoreKey, windowStoreKey } from './store-keys.js'

const MAX_SEQNUM = 0xffffffff

/**
 * The first window store key of `key` with a window start at or after `from`. Timestamps are
 * signed, so a negative one would sort after every positive one: the bound starts at 0, as
 * Kafka's `lowerRangeFixedSize` (`Math.max(0, from)`).
 */
export function windowFetchLowerBound(key: Buffer, from: number): Buffer {
  return windowStoreKey(key, Math.max(0, from), 0)
}

/** The last window store key of `key` with a window start at or before `to` (`to` >= 0). */
export function windowFetchUpperBound(key: Buffer, to: number): Buffer {
  return windowStoreKey(key, to, MAX_SEQNUM)
}

/** An upper bound of every window store key of the keys up to `keyTo`; null when unbounded. */
export function windowRangeUpperBound(keyTo: Buffer | null): Buffer | null {
  return keyTo === null ? null : maxSuffixed(keyTo, WINDOW_SUFFIX_SIZE)
}

/**
 * The first session store key of `key` that may end at or after `earliestEnd` (layout
 * `key | end | start`); from end 0 when `earliestEnd` is negative, as Kafka's `lowerRangeFixedSize`.
 */
export function sessionFindLowerBound(key: Buffer, earliestEnd: number): Buffer {
  return sessionStoreKey(key, 0, Math.max(0, earliestEnd))
}

/** An upper bound of every session store key of `key`. */
export function sessionFindUpperBound(key: Buffer): Buffer {
  return maxSuffixed(key, SESSION_SUFFIX_SIZE)
}

/** An upper bound of every session store key of the keys up to `keyTo`; null when unbounded. */
export function sessionRangeUpperBound(keyTo: Buffer | null): Buffer | null {
  return keyTo === null ? null : maxSuffixed(keyTo, SESSION_SUFFIX_SIZE)
}

/** `key` followed by `n` bytes of 0xff. */
function maxSuffixed(key: Buffer, n: number): Buffer {
  const out = Buffer.alloc(key.length + n, 0xff)
  key.copy(out, 0)
  return out
}
