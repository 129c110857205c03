/**
 * Byte positions inside a record batch v2 header (magic 2) and small readers for them. The log
 * keeps batches byte-for-byte as received, so it only ever looks at (and rewrites) header fields.
 *
 * Layout: baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 | crc u32 |
 * attributes i16 | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64 | producerId i64 |
 * producerEpoch i16 | baseSequence i32 | recordsCount i32 | records...
 */

/** Offset of `baseOffset` (int64). */
export const BASE_OFFSET = 0
/** Offset of `batchLength` (int32): bytes after this field. */
export const BATCH_LENGTH = 8
/** Offset of `partitionLeaderEpoch` (int32), not covered by the CRC. */
export const LEADER_EPOCH = 12
/** Offset of `magic` (int8). */
export const MAGIC = 16
/** Offset of the CRC-32C (uint32) of everything from `attributes` to the end. */
export const CRC = 17
/** Offset of `attributes` (int16); the CRC covers from here. */
export const ATTRIBUTES = 21
/** Offset of `lastOffsetDelta` (int32). */
export const LAST_OFFSET_DELTA = 23
/** Offset of `baseTimestamp` (int64). */
export const BASE_TIMESTAMP = 27
/** Offset of `maxTimestamp` (int64). */
export const MAX_TIMESTAMP = 35
/** Offset of `producerId` (int64). */
export const PRODUCER_ID = 43
/** Offset of `producerEpoch` (int16). */
export const PRODUCER_EPOCH = 51
/** Offset of `baseSequence` (int32). */
export const BASE_SEQUENCE = 53
/** Offset of `recordsCount` (int32). */
export const RECORDS_COUNT = 57
/** Size of the fixed header; records start here. */
export const HEADER_SIZE = 61
/** baseOffset + batchLength: the bytes not counted by `batchLength`. */
export const LOG_OVERHEAD = 12
/** Bytes needed to know a batch's offset range (`baseOffset`..`lastOffsetDelta`). */
export const OFFSET_RANGE_BYTES = 27

/** Attribute bits. */
export const ATTR_COMPRESSION_MASK = 0x07
export const ATTR_TIMESTAMP_TYPE = 0x08
export const ATTR_TRANSACTIONAL = 0x10
export const ATTR_CONTROL = 0x20

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
