/**
 * Record batch v2 (magic 2) header access and validation, working on the raw bytes in place.
 *
 * RecordBatch => base_offset:INT64 batch_length:INT32 partition_leader_epoch:INT32 magic:INT8 crc:UINT32
 *   attributes:INT16 last_offset_delta:INT32 base_timestamp:INT64 max_timestamp:INT64 producer_id:INT64
 *   producer_epoch:INT16 base_sequence:INT32 records_count:INT32 records...
 * The CRC-32C covers bytes from `attributes` (offset 21) to the end of the batch, so base_offset and
 * partition_leader_epoch can be rewritten without recomputing it. Nothing here throws on bad client
 * bytes: validation returns a Kafka error code.
 */
import { ErrorCode } from '../error-codes.js'
import { crc32c } from '../primitives/crc32c.js'

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

/** The parsed v2 batch header plus where the batch sits in its buffer. */
export interface RecordBatchHeader {
  /** Offset of the batch's first byte in the buffer it was read from. */
  readonly position: number
  /** Total batch size in bytes (`batchLength + 12`). */
  readonly size: number
  readonly baseOffset: bigint
  readonly batchLength: number
  readonly partitionLeaderEpoch: number
  readonly magic: number
  /** Stored CRC-32C (unsigned). */
  readonly crc: number
  readonly attributes: number
  readonly lastOffsetDelta: number
  readonly baseTimestamp: bigint
  readonly maxTimestamp: bigint
  readonly producerId: bigint
  readonly producerEpoch: number
  readonly baseSequence: number
  readonly recordsCount: number
  /** `attributes & 7`. */
  readonly compression: number
  /** Attributes bit 4. */
  readonly isTransactional: boolean
  /** Attributes bit 5. */
  readonly isControl: boolean
  /** Attributes bit 3 (true = LogAppendTime). */
  readonly isLogAppendTime: boolean
}

/**
 * Reads the header of the batch at `position`. The caller guarantees at least
 * {@link RECORD_BATCH_HEADER_SIZE} bytes are present (see {@link splitBatches}); the fields are
 * returned as stored, unvalidated.
 *
 * @throws RangeError if fewer than 61 bytes are available
 */
export function readBatchHeader(buf: Buffer, position = 0): RecordBatchHeader {
  if (buf.length - position < RECORD_BATCH_HEADER_SIZE) {
    throw new RangeError(`record batch header needs ${RECORD_BATCH_HEADER_SIZE} bytes, ${buf.length - position} available`)
  }
  const attributes = buf.readInt16BE(position + 21)
  const batchLength = buf.readInt32BE(position + 8)
  return {
    position,
    size: batchLength + LOG_OVERHEAD,
    baseOffset: buf.readBigInt64BE(position),
    batchLength,
    partitionLeaderEpoch: buf.readInt32BE(position + 12),
    magic: buf.readInt8(position + 16),
    crc: buf.readUInt32BE(position + 17),
    attributes,
    lastOffsetDelta: buf.readInt32BE(position + 23),
    baseTimestamp: buf.readBigInt64BE(position + 27),
    maxTimestamp: buf.readBigInt64BE(position + 35),
    producerId: buf.readBigInt64BE(position + 43),
    producerEpoch: buf.readInt16BE(position + 51),
    baseSequence: buf.readInt32BE(position + 53),
    recordsCount: buf.readInt32BE(position + 57),
    compression: attributes & BatchAttributes.COMPRESSION_MASK,
    isTransactional: (attributes & BatchAttributes.TRANSACTIONAL) !== 0,
    isControl: (attributes & BatchAttributes.CONTROL) !== 0,
    isLogAppendTime: (attributes & BatchAttributes.TIMESTAMP_TYPE) !== 0,
  }
}

/** Whole batches found in a record set, and how many trailing bytes form an incomplete batch. */
export interface SplitBatches {
  /** Views (no copy) of each complete batch, in order. */
  readonly batches: Buffer[]
  /** Bytes after the last complete batch (a partial batch, e.g. a fetch cut at a size limit). */
  readonly trailingBytes: number
}

/**
 * Splits a RECORDS blob into complete batches using each batch's length field. A trailing
 * partial batch (fewer than 12 bytes, or fewer than its declared size) is reported in
 * `trailingBytes`; a batch declaring a size below the v2 header size ends the split there too
 * (its bytes are counted as trailing). Never throws.
 */
export function splitBatches(buf: Buffer): SplitBatches {
  const batches: Buffer[] = []
  let pos = 0
  const end = buf.length
  while (end - pos >= LOG_OVERHEAD) {
    const size = buf.readInt32BE(pos + 8) + LOG_OVERHEAD
    if (size < RECORD_BATCH_HEADER_SIZE || size > end - pos) break
    batches.push(buf.subarray(pos, pos + size))
    pos += size
  }
  return { batches, trailingBytes: end - pos }
}

/** Options of {@link validateRecordSet}. */
export interface ValidateOptions {
  /**
   * True (default) for batches written by clients (Produce): control batches are rejected and
   * idempotent batches must carry a sequence. False for broker-written data (recovery, markers).
   */
  readonly fromClient?: boolean
  /** Verify the CRC-32C (default true). */
  readonly checkCrc?: boolean
}

/** Outcome of validating a record set. */
export interface RecordSetValidation {
  /** `ErrorCode.NONE` (0) when every batch is valid, else CORRUPT_MESSAGE / INVALID_RECORD / UNSUPPORTED_FOR_MESSAGE_FORMAT. */
  readonly errorCode: number
  /** Why validation failed (null when valid). */
  readonly errorMessage: string | null
  /** Headers of the batches checked (all of them when valid; up to and including the bad one otherwise). */
  readonly batches: readonly RecordBatchHeader[]
  /** Total records (sum of `lastOffsetDelta + 1`), i.e. offsets the set will consume. */
  readonly recordCount: number
}

/**
 * Validates a RECORDS blob from a Produce request: it must hold one or more complete v2 batches
 * and nothing else. Per batch: magic 2 (magic 0/1 → UNSUPPORTED_FOR_MESSAGE_FORMAT), length
 * within bounds and CRC-32C matching (else CORRUPT_MESSAGE), records count = lastOffsetDelta+1
 * and > 0, no control batch from clients, a base sequence when a producer id is set (else
 * INVALID_RECORD). Never throws.
 */
export function validateRecordSet(buf: Buffer, options: ValidateOptions = {}): RecordSetValidation {
  const batches: RecordBatchHeader[] = []
  let recordCount = 0
  let pos = 0
  const end = buf.length
  if (end === 0) return invalid(ErrorCode.CORRUPT_MESSAGE, 'empty record set', batches, 0)
  while (pos < end) {
    if (end - pos < LOG_OVERHEAD + 5) return invalid(ErrorCode.CORRUPT_MESSAGE, `truncated batch at byte ${pos}`, batches, recordCount)
    const magic = buf.readInt8(pos + 16)
    if (magic < 2) {
      return invalid(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, `record format magic ${magic} is not supported (need 2)`, batches, recordCount)
    }
    if (magic > 2) return invalid(ErrorCode.CORRUPT_MESSAGE, `unknown record format magic ${magic}`, batches, recordCount)
    const size = buf.readInt32BE(pos + 8) + LOG_OVERHEAD
    if (size < RECORD_BATCH_HEADER_SIZE) return invalid(ErrorCode.CORRUPT_MESSAGE, `batch size ${size} below the header size`, batches, recordCount)
    if (size > end - pos) return invalid(ErrorCode.CORRUPT_MESSAGE, `batch at byte ${pos} declares ${size} bytes, ${end - pos} present`, batches, recordCount)
    const h = readBatchHeader(buf, pos)
    batches.push(h)
    const code = checkBatch(buf, h, options)
    if (code !== null) return invalid(code[0], code[1], batches, recordCount)
    recordCount += h.lastOffsetDelta + 1
    pos += size
  }
  return { errorCode: ErrorCode.NONE, errorMessage: null, batches, recordCount }
}

function checkBatch(buf: Buffer, h: RecordBatchHeader, options: ValidateOptions): [number, string] | null {
  if (options.checkCrc !== false) {
    const actual = crc32c(buf, h.position + BatchOffsets.attributes, h.position + h.size)
    if (actual !== h.crc) return [ErrorCode.CORRUPT_MESSAGE, `CRC mismatch: stored ${h.crc}, computed ${actual}`]
  }
  if (h.compression > CompressionCodec.ZSTD) return [ErrorCode.CORRUPT_MESSAGE, `unknown compression codec ${h.compression}`]
  if (h.lastOffsetDelta < 0 || h.recordsCount !== h.lastOffsetDelta + 1) {
    return [ErrorCode.INVALID_RECORD, `records count ${h.recordsCount} does not match last offset delta ${h.lastOffsetDelta}`]
  }
  if (options.fromClient !== false) {
    if (h.isControl) return [ErrorCode.INVALID_RECORD, 'clients may not write control batches']
    if (h.producerId >= 0n && h.baseSequence < 0) return [ErrorCode.INVALID_RECORD, 'idempotent batch without a base sequence']
  }
  return null
}

function invalid(errorCode: number, errorMessage: string, batches: RecordBatchHeader[], recordCount: number): RecordSetValidation {
  return { errorCode, errorMessage, batches, recordCount }
}

/** True when the batch at `position` has a correct CRC-32C (the buffer must hold the whole batch). */
export function isBatchCrcValid(buf: Buffer, position = 0): boolean {
  const size = buf.readInt32BE(position + 8) + LOG_OVERHEAD
  return crc32c(buf, position + BatchOffsets.attributes, position + size) === buf.readUInt32BE(position + BatchOffsets.crc)
}

/** Overwrites the base offset of the batch at `position` in place (outside the CRC: no recompute). */
export function setBaseOffset(buf: Buffer, baseOffset: bigint, position = 0): void {
  buf.writeBigInt64BE(baseOffset, position)
}

/** Overwrites the partition leader epoch of the batch at `position` in place (outside the CRC). */
export function setPartitionLeaderEpoch(buf: Buffer, epoch: number, position = 0): void {
  buf.writeInt32BE(epoch, position + BatchOffsets.partitionLeaderEpoch)
}

/**
 * Switches the batch at `position` to LogAppendTime with `timestamp` as its max timestamp (what
 * Kafka does for `message.timestamp.type=LogAppendTime` topics). These bytes are covered by the
 * CRC, which is recomputed.
 */
export function setLogAppendTime(buf: Buffer, timestamp: bigint, position = 0): void {
  const attrs = buf.readInt16BE(position + BatchOffsets.attributes)
  buf.writeInt16BE(attrs | BatchAttributes.TIMESTAMP_TYPE, position + BatchOffsets.attributes)
  buf.writeBigInt64BE(timestamp, position + BatchOffsets.maxTimestamp)
  const size = buf.readInt32BE(position + 8) + LOG_OVERHEAD
  buf.writeUInt32BE(crc32c(buf, position + BatchOffsets.attributes, position + size), position + BatchOffsets.crc)
}
