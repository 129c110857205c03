import { gunzipSync } from 'node:zlib'
import { CompressionCodec } from '../../protocol/records/record-batch.js'
import { ATTR_COMPRESSION_MASK, ATTRIBUTES, HEADER_SIZE, RECORDS_COUNT } from '../internal/batch-header.js'

/** What the cleaner needs of one record: its offset delta, key bytes (`keyStart` -1: null key) and whether the value is null. */
export type RecordVisitor = (offsetDelta: number, data: Buffer, keyStart: number, keyEnd: number, valueIsNull: boolean) => void

/**
 * Walks the records of the batch at `at` (`size` bytes) in `buf` without decoding them into objects (the cleaner reads every
 * record of a compacted log twice; `decodeRecords` is several times slower). Handles uncompressed
 * and gzip batches; returns false for other codecs (the caller keeps such batches whole) and
 * for malformed record data.
 */
export function scanRecords(buf: Buffer, at: number, size: number, visit: RecordVisitor): boolean {
  const codec = buf.readInt16BE(at + ATTRIBUTES) & ATTR_COMPRESSION_MASK
  let data = buf
  let pos = at + HEADER_SIZE
  let end = at + size
  if (codec === CompressionCodec.GZIP) {
    try {
      data = gunzipSync(buf.subarray(pos, end))
    } catch {
      return false
    }
    pos = 0
    end = data.length
  } else if (codec !== CompressionCodec.NONE) return false
  const count = buf.readInt32BE(at + RECORDS_COUNT)
  // ZigZag varint reader; NaN on truncation.
  const varint = (): number => {
    let value = 0
    let shift = 0
    for (;;) {
      if (pos >= end || shift > 63) return Number.NaN
      const b = data[pos++] as number
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) break
      shift += 7
    }
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2
  }
  for (let i = 0; i < count; i++) {
    const length = varint()
    const recordEnd = pos + length
    if (!(length >= 0) || recordEnd > end) return false
    pos += 1 // attributes
    varint() // timestamp delta
    const offsetDelta = varint()
    const keyLength = varint()
    const keyStart = keyLength >= 0 ? pos : -1
    if (keyLength > 0) pos += keyLength
    const keyEnd = keyStart >= 0 ? pos : -1
    const valueLength = varint()
    if (Number.isNaN(offsetDelta) || Number.isNaN(valueLength) || pos > recordEnd) return false
    visit(offsetDelta, data, keyStart, keyEnd, valueLength < 0)
    pos = recordEnd
  }
  return true
}

/**
 * Whether any record of the batches at `positions` (with `sizes`) in `buf` has a null key (Kafka
 * rejects those on compacted topics). Batches whose codec cannot be read here are not checked.
 */
export function hasKeylessRecord(buf: Buffer, positions: readonly number[], sizes: readonly number[], count: number): boolean {
  let keyless = false
  for (let i = 0; i < count && !keyless; i++) {
    scanRecords(buf, positions[i] as number, sizes[i] as number, (_delta, _data, keyStart) => {
      if (keyStart < 0) keyless = true
    })
  }
  return keyless
}
