import type { LogReadResult, ReadOptions } from '../partition-log-types.js'
import { LAST_OFFSET_DELTA } from './batch-header.js'
import { collectBatches, forEachBatch, type ReadState } from './batch-reader.js'
import type { Segment } from './segment.js'
import { segmentIndexFor, startPosition } from './segment-search.js'

/**
 * The read path over a partition's segments: whole batches from the one holding `fetchOffset`,
 * up to `maxBytes` (the first batch regardless with `minOneBatch`), stopping before a batch that
 * reaches `opts.maxOffset`. The caller checks the offset range and wraps file-system errors.
 *
 * @param skipSlack extra bytes read up front to cover the batches skipped after an index entry
 */
export function readSegments(segs: readonly Segment[], fetchOffset: bigint, maxBytes: number, opts: ReadOptions, skipSlack: number): LogReadResult {
  const st: ReadState = { records: [], size: 0, remaining: maxBytes, minOneBatch: opts.minOneBatch, done: false }
  for (let i = segmentIndexFor(segs, fetchOffset); i < segs.length && !st.done; i++) {
    const seg = segs[i] as Segment
    if (seg.baseOffset >= opts.maxOffset) break
    collectBatches(seg, startPosition(seg, fetchOffset), fetchOffset, opts.maxOffset, st, skipSlack)
  }
  return { records: st.records, size: st.size }
}

/**
 * Visits every stored batch, oldest first, from the one that contains `fromOffset`; `batch` is
 * valid only during the call; `visit` returns true to stop.
 */
export function visitBatches(
  segs: readonly Segment[],
  fromOffset: bigint,
  visit: (batch: Buffer, baseOffset: bigint, lastOffset: bigint) => boolean | void,
): void {
  let stop = false
  for (let i = segmentIndexFor(segs, fromOffset); i < segs.length && !stop; i++) {
    const seg = segs[i] as Segment
    stop = forEachBatch(seg, startPosition(seg, fromOffset), (buf, at, size) => {
      const base = buf.readBigInt64BE(at)
      const last = base + BigInt(buf.readInt32BE(at + LAST_OFFSET_DELTA))
      if (last < fromOffset) return false
      return visit(buf.subarray(at, at + size), base, last) === true
    })
  }
}
