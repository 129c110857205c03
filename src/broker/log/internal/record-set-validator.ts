import { type BatchFault, batchCrcFault, batchFieldFault } from '../../protocol/records/batch-rules.js'
import { CorruptRecordBatchError, InvalidRecordBatchError, RecordTooLargeError } from '../errors.js'
import { BASE_OFFSET, HEADER_SIZE, LAST_OFFSET_DELTA, LOG_OVERHEAD, MAGIC, MAX_TIMESTAMP, RECORDS_COUNT } from './batch-header.js'

/** Who is appending: clients get Kafka's client-side checks, the broker's coordinators do not. */
export type AppendOrigin = 'client' | 'coordinator'

/** What to check and how to name the partition in messages. */
export interface ValidateOptions {
  readonly maxMessageBytes: number
  readonly origin: AppendOrigin
  readonly verifyCrc: boolean
  readonly topic: string
  readonly partition: number
}

/**
 * The complete batches found in a produced record set. Reused between appends (the hot path
 * allocates nothing per batch); valid until the next `scan`.
 */
export class RecordSetScan {
  /** Number of complete batches. */
  count = 0
  /** Start of each batch in the source buffer. */
  readonly positions: number[] = []
  /** Size of each batch (including the 12-byte prefix). */
  readonly sizes: number[] = []
  /** `lastOffsetDelta` of each batch. */
  readonly deltas: number[] = []
  /** Bytes covered by complete batches (a trailing partial batch is dropped, as Kafka does). */
  totalBytes = 0
  /** Offsets the set consumes: sum of `lastOffsetDelta + 1`. */
  totalOffsets = 0
  /** Sum of `recordsCount`. */
  recordCount = 0
  /** Largest `maxTimestamp` (-1n when none). */
  maxTimestamp = -1n
  /** Index of the first batch holding `maxTimestamp`. */
  maxTimestampBatch = 0

  /**
   * Walks `buf` batch by batch and validates each the way Kafka's `analyzeAndValidateRecords`
   * and `LogValidator.validateBatch` do.
   *
   * @throws CorruptRecordBatchError bad length, magic or CRC32C
   * @throws RecordTooLargeError a batch above `max.message.bytes`
   * @throws InvalidRecordBatchError record count/offset range mismatch, non-zero base offset,
   *   client control batch, missing sequence for an idempotent producer
   */
  scan(buf: Buffer, opts: ValidateOptions): this {
    this.count = 0
    this.positions.length = 0
    this.sizes.length = 0
    this.deltas.length = 0
    this.totalOffsets = 0
    this.recordCount = 0
    this.maxTimestamp = -1n
    this.maxTimestampBatch = 0
    const ctx = { topic: opts.topic, partition: opts.partition }
    const tp = `${opts.topic}-${opts.partition}`
    let pos = 0
    const end = buf.length
    while (end - pos >= LOG_OVERHEAD) {
      const size = buf.readInt32BE(pos + 8) + LOG_OVERHEAD
      if (size < HEADER_SIZE) {
        throw new CorruptRecordBatchError(
          `Record batch in the append to ${tp} is corrupt (the size ${size} is smaller than the minimum allowed overhead ${HEADER_SIZE})`,
          ctx,
        )
      }
      if (end - pos < MAGIC + 1) break
      const magic = buf.readInt8(pos + MAGIC)
      if (magic !== 2) {
        throw new CorruptRecordBatchError(`Unsupported record batch magic ${magic} in the append to ${tp} (only magic 2 is stored)`, ctx)
      }
      if (end - pos < size) break // a trailing partial batch is ignored, as Kafka's ByteBufferLogInputStream does
      if (size > opts.maxMessageBytes) {
        throw new RecordTooLargeError(
          `The record batch size in the append to ${tp} is ${size} bytes which exceeds the maximum configured value of ${opts.maxMessageBytes}.`,
          { recordList: false, ...ctx },
        )
      }
      if (opts.verifyCrc) {
        const fault = batchCrcFault(buf, pos, size)
        if (fault !== null) throw faultError(fault, opts.origin, tp, ctx)
      }
      if (opts.origin === 'client' && (buf.readInt32BE(pos + BASE_OFFSET) !== 0 || buf.readInt32BE(pos + BASE_OFFSET + 4) !== 0)) {
        const base = buf.readBigInt64BE(pos + BASE_OFFSET)
        throw new InvalidRecordBatchError(`The baseOffset of the record batch in the append to ${tp} should be 0, but it is ${base}`, ctx)
      }
      const fault = batchFieldFault(buf, pos, opts.origin === 'client')
      if (fault !== null) throw faultError(fault, opts.origin, tp, ctx)
      const delta = buf.readInt32BE(pos + LAST_OFFSET_DELTA)
      const records = buf.readInt32BE(pos + RECORDS_COUNT)
      const maxTs = buf.readBigInt64BE(pos + MAX_TIMESTAMP)
      if (maxTs > this.maxTimestamp) {
        this.maxTimestamp = maxTs
        this.maxTimestampBatch = this.count
      }
      this.positions.push(pos)
      this.sizes.push(size)
      this.deltas.push(delta)
      this.totalOffsets += delta + 1
      this.recordCount += records
      this.count++
      pos += size
    }
    this.totalBytes = pos
    return this
  }
}

/** The error Kafka raises for a broken batch rule, with Kafka's message. */
function faultError(fault: BatchFault, origin: AppendOrigin, tp: string, ctx: { topic: string; partition: number }): Error {
  switch (fault.kind) {
    case 'crc':
      return new CorruptRecordBatchError(`Record is corrupt (stored crc = ${fault.stored}, computed crc = ${fault.computed}) in topic partition ${tp}.`, ctx)
    case 'offset-range':
      return new InvalidRecordBatchError(
        origin === 'client'
          ? `Batch has an invalid offset range: [0, ${fault.lastOffsetDelta}] in topic partition ${tp}`
          : `Batch has an invalid offset range (lastOffsetDelta ${fault.lastOffsetDelta}) in topic partition ${tp}`,
        ctx,
      )
    case 'records-count':
      return new InvalidRecordBatchError(`Invalid reported count for record batch: ${fault.recordsCount} in topic partition ${tp}`, ctx)
    case 'count-mismatch':
      return new InvalidRecordBatchError(
        `Inconsistent batch offset range [0, ${fault.lastOffsetDelta}] and count of records ${fault.recordsCount} in topic partition ${tp}`,
        ctx,
      )
    case 'control':
      return new InvalidRecordBatchError(`Clients are not allowed to write control records in topic partition ${tp}`, ctx)
    case 'sequence':
      return new InvalidRecordBatchError(
        `Invalid sequence number ${fault.baseSequence} in record batch with producerId ${fault.producerId} in topic partition ${tp}`,
        ctx,
      )
  }
}
