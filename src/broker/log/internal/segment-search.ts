import { LAST_OFFSET_DELTA, MAX_TIMESTAMP } from './batch-header.js'
import { forEachBatch } from './batch-reader.js'
import { findRecordByTimestamp, type TimestampAndOffset } from './record-timestamps.js'
import type { Segment } from './segment.js'

const MAX_REL_OFFSET = 0x7fffffff

/** `rel` clamped to the int32 range the indexes use. */
export function clampRel(rel: number): number {
  return rel < 0 ? 0 : rel > MAX_REL_OFFSET ? MAX_REL_OFFSET : rel
}

/** Index of the last segment whose base offset is ≤ `offset` (0 when none). */
export function segmentIndexFor(segs: readonly Segment[], offset: bigint): number {
  let lo = 0
  let hi = segs.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if ((segs[mid] as Segment).baseOffset <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Position in `seg` to start scanning from to meet the batch holding `offset`. */
export function startPosition(seg: Segment, offset: bigint): number {
  return seg.baseOffset <= offset ? seg.offsetIndex.lookup(clampRel(seg.rel(offset))) : 0
}

/**
 * Kafka's `searchOffsetInLocalLog`: in the first segment whose largest timestamp reaches
 * `timestamp`, start from the time index hint and return the first record (offset ≥ `minOffset`)
 * with a timestamp ≥ `timestamp`; go on to later segments if that one has none.
 */
export function searchTimestamp(segs: readonly Segment[], timestamp: bigint, minOffset: bigint): TimestampAndOffset | null {
  for (let i = segmentIndexFor(segs, minOffset); i < segs.length; i++) {
    const seg = segs[i] as Segment
    if (seg.size === 0 || seg.largestTimestamp < timestamp) continue
    const rel = seg.timeIndex.lookup(timestamp)
    const hint = seg.baseOffset + BigInt(rel < 0 ? 0 : rel)
    let found: TimestampAndOffset | null = null
    forEachBatch(seg, startPosition(seg, hint > minOffset ? hint : minOffset), (buf, at, size) => {
      const last = buf.readBigInt64BE(at) + BigInt(buf.readInt32BE(at + LAST_OFFSET_DELTA))
      if (last < minOffset || buf.readBigInt64BE(at + MAX_TIMESTAMP) < timestamp) return false
      found = findRecordByTimestamp(buf, at, size, timestamp, minOffset)
      return found !== null
    })
    if (found !== null) return found
  }
  return null
}

/**
 * How many of the oldest segments Kafka's `deletableSegments` would delete: a prefix for which
 * `predicate` holds, never a last segment that is empty.
 */
export function countDeletable(segs: readonly Segment[], predicate: (seg: Segment, next: Segment | undefined) => boolean): number {
  let n = 0
  while (n < segs.length) {
    const seg = segs[n] as Segment
    const next = segs[n + 1]
    if ((next === undefined && seg.size === 0) || !predicate(seg, next)) break
    n++
  }
  return n
}
