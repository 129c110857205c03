import { gunzipSync } from 'node:zlib'
import * as zlib from 'node:zlib'
import { ATTR_COMPRESSION_MASK, ATTR_TIMESTAMP_TYPE, ATTRIBUTES, BASE_TIMESTAMP, HEADER_SIZE, MAX_TIMESTAMP, RECORDS_COUNT } from './batch-header.js'

/** A record's offset and timestamp. */
export interface TimestampAndOffset {
  readonly offset: bigint
  readonly timestamp: bigint
}

type Decompress = (data: Buffer) => Buffer
const zstdDecompress = (zlib as unknown as { zstdDecompressSync?: Decompress }).zstdDecompressSync

/**
 * The first record of the batch at `buf[at, at + size)` whose timestamp is ≥ `target` and whose
 * offset is ≥ `minOffset` (Kafka's `FileRecords.searchForTimestamp`, inner loop), or null.
 * LogAppendTime batches give every record the batch max timestamp. Records are decoded for
 * uncompressed and gzip batches (and zstd where Node has it); for codecs Node lacks, the batch's
 * first eligible offset is returned with the batch max timestamp (a safe early answer).
 */
export function findRecordByTimestamp(buf: Buffer, at: number, size: number, target: bigint, minOffset: bigint): TimestampAndOffset | null {
  const base = buf.readBigInt64BE(at)
  const attributes = buf.readInt16BE(at + ATTRIBUTES)
  const maxTimestamp = buf.readBigInt64BE(at + MAX_TIMESTAMP)
  const first = base > minOffset ? base : minOffset
  if ((attributes & ATTR_TIMESTAMP_TYPE) !== 0) return maxTimestamp >= target ? { offset: first, timestamp: maxTimestamp } : null
  const codec = attributes & ATTR_COMPRESSION_MASK
  let records: Buffer
  const body = buf.subarray(at + HEADER_SIZE, at + size)
  if (codec === 0) records = body
  else if (codec === 1) records = gunzipSync(body)
  else if (codec === 4 && zstdDecompress !== undefined) records = zstdDecompress(body)
  else return maxTimestamp >= target ? { offset: first, timestamp: maxTimestamp } : null
  const baseTimestamp = buf.readBigInt64BE(at + BASE_TIMESTAMP)
  const count = buf.readInt32BE(at + RECORDS_COUNT)
  const cursor = { pos: 0 }
  for (let i = 0; i < count && cursor.pos < records.length; i++) {
    const length = readVarint(records, cursor)
    const start = cursor.pos
    cursor.pos++ // attributes
    const timestamp = baseTimestamp + BigInt(readVarint(records, cursor))
    const offset = base + BigInt(readVarint(records, cursor))
    if (timestamp >= target && offset >= minOffset) return { offset, timestamp }
    cursor.pos = start + length
  }
  return null
}

/** Reads a zig-zag varint/varlong (up to 10 bytes) as a JS number (exact below 2^53). */
function readVarint(buf: Buffer, cursor: { pos: number }): number {
  let value = 0
  let scale = 1
  for (let i = 0; i < 10; i++) {
    const b = buf[cursor.pos++]
    if (b === undefined) break
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) break
    scale *= 128
  }
  return value % 2 === 1 ? -(value + 1) / 2 : value / 2
}
