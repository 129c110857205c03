/**
 * Byte-key ranges `[from, to]` as every store's range query takes them: both ends inclusive,
 * null for unbounded, compared byte-wise. Kafka returns an empty iterator for an inverted range.
 */

/** True when both ends are given and `from` sorts after `to` (the range holds nothing). */
export function isInvertedRange(from: Buffer | null, to: Buffer | null): boolean {
  return from !== null && to !== null && Buffer.compare(from, to) > 0
}

/** True when `key` lies in `[from, to]`. */
export function isInRange(key: Buffer, from: Buffer | null, to: Buffer | null): boolean {
  if (from !== null && Buffer.compare(key, from) < 0) return false
  return to === null || Buffer.compare(key, to) <= 0
}
