import { BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD, OFFSET_RANGE_BYTES } from './batch-header.js'
import type { Segment } from './segment.js'

/** Largest single read; a batch bigger than this is still read whole. */
const MAX_VIEW_BYTES = 8 * 1024 * 1024
const EMPTY: Buffer = Buffer.alloc(0)

/** The state of one `read` as it walks segments. */
export interface ReadState {
  readonly records: Buffer[]
  /** Bytes collected. */
  size: number
  /** Byte budget left (may go negative after a forced first batch). */
  remaining: number
  readonly minOneBatch: boolean
  /** Set once a batch did not fit, or the offset cap was reached: stop walking. */
  done: boolean
}

/**
 * Collects whole batches of `seg` from position `startPos` (a batch boundary at or before the
 * batch holding `fetchOffset`): skips batches that end before `fetchOffset`, stops before a batch
 * reaching `maxOffset` or one that does not fit the budget (unless it is the first batch and
 * `minOneBatch`). Contiguous batches become one zero-copy slice of the view they were read in.
 *
 * @param skipSlack extra bytes to read up front to cover the skipped batches (the index interval)
 */
export function collectBatches(seg: Segment, startPos: number, fetchOffset: bigint, maxOffset: bigint, st: ReadState, skipSlack: number): void {
  let pos = startPos
  let view = EMPTY
  let viewPos = pos
  let runStart = -1
  let runEnd = -1
  const end = seg.size
  while (pos < end) {
    let c = pos - viewPos
    if (c + OFFSET_RANGE_BYTES > view.length) {
      if (runStart >= 0) st.records.push(view.subarray(runStart, runEnd))
      runStart = -1
      const want = Math.max(st.remaining, 0) + (st.size === 0 ? skipSlack : OFFSET_RANGE_BYTES)
      view = seg.view(pos, Math.min(MAX_VIEW_BYTES, want))
      viewPos = pos
      c = 0
      if (view.length < OFFSET_RANGE_BYTES) break
    }
    const size = view.readInt32BE(c + BATCH_LENGTH) + LOG_OVERHEAD
    const last = view.readBigInt64BE(c) + BigInt(view.readInt32BE(c + LAST_OFFSET_DELTA))
    if (last < fetchOffset) {
      pos += size
      continue
    }
    if (last >= maxOffset || (size > st.remaining && !(st.minOneBatch && st.size === 0))) {
      st.done = true
      break
    }
    if (c + size > view.length) {
      if (runStart >= 0) st.records.push(view.subarray(runStart, runEnd))
      runStart = -1
      view = seg.view(pos, Math.max(size, Math.min(MAX_VIEW_BYTES, st.remaining)))
      viewPos = pos
      c = 0
      if (view.length < size) break
    }
    if (runStart < 0) runStart = c
    runEnd = c + size
    st.size += size
    st.remaining -= size
    pos += size
  }
  if (runStart >= 0) st.records.push(view.subarray(runStart, runEnd))
}

/**
 * Calls `visit(buf, at, size)` for every whole batch of `seg` from position `startPos` until it
 * returns true (stop) or the segment ends. `buf` is only valid during the call.
 */
export function forEachBatch(seg: Segment, startPos: number, visit: (buf: Buffer, at: number, size: number) => boolean): boolean {
  let pos = startPos
  let view = EMPTY
  let viewPos = pos
  const end = seg.size
  while (pos < end) {
    let c = pos - viewPos
    if (c + OFFSET_RANGE_BYTES > view.length) {
      view = seg.view(pos, 256 * 1024)
      viewPos = pos
      c = 0
      if (view.length < OFFSET_RANGE_BYTES) return false
    }
    const size = view.readInt32BE(c + BATCH_LENGTH) + LOG_OVERHEAD
    if (c + size > view.length) {
      view = seg.view(pos, Math.max(size, 256 * 1024))
      viewPos = pos
      c = 0
      if (view.length < size) return false
    }
    if (visit(view, c, size)) return true
    pos += size
  }
  return false
}
