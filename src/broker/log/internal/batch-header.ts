/**
 * Byte positions inside a record batch v2 header (magic 2) and small readers for them. The log
 * keeps batches byte-for-byte as received, so it only ever looks at (and rewrites) header fields.
 *
 * Layout: baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 | crc u32 |
 * attributes i16 | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64 | producerId i64 |
 * producerEpoch i16 | baseSequence i32 | recordsCount i32 | records...
 */

import { BatchAttributes, BatchOffsets, LOG_OVERHEAD as OVERHEAD, RECORD_BATCH_HEADER_SIZE } from '../../protocol/records/batch-layout.js'

/** Field offsets, named for the log's byte-level code; the layout itself is the protocol's `BatchOffsets`. */
export const {
  baseOffset: BASE_OFFSET,
  batchLength: BATCH_LENGTH,
  partitionLeaderEpoch: LEADER_EPOCH,
  magic: MAGIC,
  crc: CRC,
  attributes: ATTRIBUTES,
  lastOffsetDelta: LAST_OFFSET_DELTA,
  baseTimestamp: BASE_TIMESTAMP,
  maxTimestamp: MAX_TIMESTAMP,
  producerId: PRODUCER_ID,
  producerEpoch: PRODUCER_EPOCH,
  baseSequence: BASE_SEQUENCE,
  recordsCount: RECORDS_COUNT,
} = BatchOffsets
/** Size of the fixed header; records start here. */
export const HEADER_SIZE = RECORD_BATCH_HEADER_SIZE
/** baseOffset + batchLength: the bytes not counted by `batchLength`. */
export const LOG_OVERHEAD = OVERHEAD
/** Bytes needed to know a batch's offset range (`baseOffset`..`lastOffsetDelta`). */
export const OFFSET_RANGE_BYTES = BatchOffsets.baseTimestamp

/** Attribute bits. */
export const { COMPRESSION_MASK: ATTR_COMPRESSION_MASK, TIMESTAMP_TYPE: ATTR_TIMESTAMP_TYPE, TRANSACTIONAL: ATTR_TRANSACTIONAL, CONTROL: ATTR_CONTROL } = BatchAttributes

/** Total size (including the 12-byte prefix) of the batch starting at `pos`. */
export function batchSizeAt(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD
}

/** `baseOffset` of the batch at `pos`. */
export function baseOffsetAt(buf: Buffer, pos: number): bigint {
  return buf.readBigInt64BE(pos + BASE_OFFSET)
}

/** Last offset (`baseOffset + lastOffsetDelta`) of the batch at `pos`. */
export function lastOffsetAt(buf: Buffer, pos: number): bigint {
  return buf.readBigInt64BE(pos + BASE_OFFSET) + BigInt(buf.readInt32BE(pos + LAST_OFFSET_DELTA))
}

/** `maxTimestamp` of the batch at `pos`. */
export function maxTimestampAt(buf: Buffer, pos: number): bigint {
  return buf.readBigInt64BE(pos + MAX_TIMESTAMP)
}
