/**
 * Record batch v2 (magic 2) header layout: field offsets, attribute bits and codec ids. The one
 * table both the protocol codec and the log read batches with.
 */

/** Bytes before the records: the fixed v2 batch header. */
export const RECORD_BATCH_HEADER_SIZE = 61
/** Bytes before `batchLength`'s payload: base_offset + batch_length (the "log overhead"). */
export const LOG_OVERHEAD = 12

/** Byte offsets of the header fields within a batch. */
export const BatchOffsets = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordsCount: 57,
  records: 61,
} as const

/** Bits of the int16 `attributes` field. */
export const BatchAttributes = {
  /** Bits 0-2: compression codec (see {@link CompressionCodec}). */
  COMPRESSION_MASK: 0x07,
  /** Bit 3: 1 = LogAppendTime, 0 = CreateTime. */
  TIMESTAMP_TYPE: 0x08,
  /** Bit 4: the batch belongs to a transaction. */
  TRANSACTIONAL: 0x10,
  /** Bit 5: control batch (transaction marker). */
  CONTROL: 0x20,
  /** Bit 6: delete horizon set (compaction). */
  DELETE_HORIZON: 0x40,
} as const

/** Compression codec ids (attributes bits 0-2). */
export const CompressionCodec = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const
