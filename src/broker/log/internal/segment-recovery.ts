import { batchCrcFault } from '../../protocol/records/batch-rules.js'
import { BATCH_LENGTH, HEADER_SIZE, LAST_OFFSET_DELTA, LOG_OVERHEAD, MAGIC, MAX_TIMESTAMP } from './batch-header.js'
import type { Segment } from './segment.js'

const WINDOW_BYTES = 8 * 1024 * 1024
const MAX_REL_OFFSET = 0x7fffffff

/** What recovering one segment did. */
export interface SegmentRecovery {
  /** Whether the whole segment was scanned (indexes missing or damaged, or a tail was corrupt). */
  readonly fullScan: boolean
  /** Bytes cut from the end of the file. */
  readonly truncatedBytes: number
}

/**
 * Whether the loaded indexes of a segment are plausible: columns increasing, entries inside the
 * file, and an empty time index only for an empty offset index. Cheap; reads nothing.
 */
export function indexesLookSound(seg: Segment): boolean {
  if (seg.offsetIndex.firstInvalid(seg.size) !== seg.offsetIndex.count) return false
  if (seg.timeIndex.firstInvalid(MAX_REL_OFFSET) !== seg.timeIndex.count) return false
  return !(seg.timeIndex.count === 0 && seg.offsetIndex.count > 0)
}

/**
 * Recovers a segment opened from disk. `tail` validates only the batches appended since the last
 * time-index entry (where a crash can have torn the file) and falls back to a full scan when
 * that fails or the indexes look damaged; `full` validates every batch. Each batch is checked
 * for length bounds, magic 2, CRC32C and increasing offsets; the file is truncated at the first
 * bad batch and both indexes are rebuilt for the scanned part and rewritten.
 */
export function recoverSegment(seg: Segment, mode: 'tail' | 'full', indexIntervalBytes: number): SegmentRecovery {
  const fileSize = seg.size
  if (mode === 'tail' && indexesLookSound(seg) && seg.timeIndex.count > 0) {
    const last = seg.timeIndex.last() as { timestamp: bigint; rel: number }
    const entry = seg.offsetIndex.floorIndex(last.rel)
    const startPos = entry < 0 ? 0 : seg.offsetIndex.positionAt(entry)
    seg.resetForScan(startPos, entry + 1)
    if (startPos > 0) {
      seg.maxTimestamp = last.timestamp
      seg.offsetOfMaxTimestamp = seg.baseOffset + BigInt(last.rel)
    }
    const expectedRel = entry < 0 ? -1 : seg.offsetIndex.relAt(entry)
    const end = scan(seg, startPos, fileSize, indexIntervalBytes, startPos === 0 ? seg.baseOffset : -1n, expectedRel)
    const lastTime = seg.timeIndex.last()
    if (end === fileSize && (lastTime === undefined || lastTime.rel <= seg.rel(seg.nextOffset - 1n))) {
      seg.rewriteIndexFiles()
      return { fullScan: false, truncatedBytes: 0 }
    }
  }
  seg.resetForScan(0, 0)
  const end = scan(seg, 0, fileSize, indexIntervalBytes, seg.baseOffset, -1)
  if (end < fileSize) seg.truncateTo(end)
  seg.rewriteIndexFiles()
  return { fullScan: true, truncatedBytes: fileSize - end }
}

/**
 * Validates batches from `startPos` while they are sound, feeding each to `seg.indexBatch`;
 * returns the position of the first bad byte (or `fileSize`). `firstBase` (-1n: unknown) is the
 * smallest acceptable first base offset; `firstRel` (-1: unchecked) the relative last offset the
 * first batch must have (the index entry that pointed at it).
 */
function scan(seg: Segment, startPos: number, fileSize: number, indexIntervalBytes: number, firstBase: bigint, firstRel: number): number {
  let pos = startPos
  let win: Buffer = Buffer.alloc(0)
  let winPos = pos
  let minBase = firstBase
  while (pos < fileSize) {
    let c = pos - winPos
    if (c + HEADER_SIZE > win.length) {
      if (fileSize - pos < HEADER_SIZE) return pos
      win = seg.readRaw(pos, Math.min(WINDOW_BYTES, fileSize - pos))
      winPos = pos
      c = 0
      if (win.length < HEADER_SIZE) return pos
    }
    const size = win.readInt32BE(c + BATCH_LENGTH) + LOG_OVERHEAD
    if (size < HEADER_SIZE || size > fileSize - pos) return pos
    if (c + size > win.length) {
      win = seg.readRaw(pos, Math.max(size, Math.min(WINDOW_BYTES, fileSize - pos)))
      winPos = pos
      c = 0
      if (win.length < size) return pos
    }
    if (win.readInt8(c + MAGIC) !== 2) return pos
    if (batchCrcFault(win, c, size) !== null) return pos
    const base = win.readBigInt64BE(c)
    const delta = win.readInt32BE(c + LAST_OFFSET_DELTA)
    const last = base + BigInt(delta)
    if (delta < 0 || base < seg.baseOffset || (minBase >= 0n && base < minBase)) return pos
    const rel = seg.rel(last)
    if (rel > MAX_REL_OFFSET) return pos
    if (pos === startPos && firstRel >= 0 && rel !== firstRel) return pos
    seg.indexBatch(last, win.readBigInt64BE(c + MAX_TIMESTAMP), size, indexIntervalBytes)
    minBase = last + 1n
    pos += size
  }
  return pos
}
