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
import { BatchAttributes, BatchOffsets, CompressionCodec, LOG_OVERHEAD, RECORD_BATCH_HEADER_SIZE } from './batch-layout.js'
import { type BatchFault, batchCrcFault, batchFieldFault, computeBatchCrc } from './batch-rules.js'

export { BatchAttributes, BatchOffsets, CompressionCodec, LOG_OVERHEAD, RECORD_BATCH_HEADER_SIZE }

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
 * INVALID_RECORD); the rules are `batch-rules.ts`, shared with the log's append scan. Broker-written
 * batches (`fromClient: false`) need only a non-negative last offset delta: compaction leaves fewer
 * records than offsets. Never throws.
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
  const crcFault = options.checkCrc !== false ? batchCrcFault(buf, h.position, h.size) : null
  if (crcFault !== null) return describeFault(crcFault)
  if (h.compression > CompressionCodec.ZSTD) return [ErrorCode.CORRUPT_MESSAGE, `unknown compression codec ${h.compression}`]
  const fault = batchFieldFault(buf, h.position, options.fromClient !== false)
  return fault === null ? null : describeFault(fault)
}

/** The Kafka error code and short message for a broken batch rule. */
function describeFault(fault: BatchFault): [number, string] {
  switch (fault.kind) {
    case 'crc':
      return [ErrorCode.CORRUPT_MESSAGE, `CRC mismatch: stored ${fault.stored}, computed ${fault.computed}`]
    case 'offset-range':
    case 'records-count':
    case 'count-mismatch':
      return [ErrorCode.INVALID_RECORD, `records count ${fault.recordsCount} does not match last offset delta ${fault.lastOffsetDelta}`]
    case 'control':
      return [ErrorCode.INVALID_RECORD, 'clients may not write control batches']
    case 'sequence':
      return [ErrorCode.INVALID_RECORD, 'idempotent batch without a base sequence']
  }
}

function invalid(errorCode: number, errorMessage: string, batches: RecordBatchHeader[], recordCount: number): RecordSetValidation {
  return { errorCode, errorMessage, batches, recordCount }
}

/** True when the batch at `position` has a correct CRC-32C (the buffer must hold the whole batch). */
export function isBatchCrcValid(buf: Buffer, position = 0): boolean {
  return batchCrcFault(buf, position, buf.readInt32BE(position + BatchOffsets.batchLength) + LOG_OVERHEAD) === null
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
  const size = buf.readInt32BE(position + BatchOffsets.batchLength) + LOG_OVERHEAD
  buf.writeUInt32BE(computeBatchCrc(buf, position, size), position + BatchOffsets.crc)
}
