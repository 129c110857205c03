/**
 * Builds record batch v2 bytes (uncompressed or gzip). Used for broker-written control batches
 * (transaction markers) and by tests; the produce/fetch path never re-encodes client batches.
 *
 * Record => length:VARINT attributes:INT8 timestamp_delta:VARLONG offset_delta:VARINT
 *   key_length:VARINT key value_length:VARINT value header_count:VARINT [header]
 * Header => key_length:VARINT key value_length:VARINT value     (length -1 = null)
 */
import { gzipSync } from 'node:zlib'
import { crc32c } from '../../../wire/crc32c.js'
import { Writer } from '../primitives/writer.js'
import { BatchAttributes, BatchOffsets, CompressionCodec, LOG_OVERHEAD, RECORD_BATCH_HEADER_SIZE } from './record-batch.js'

/** A record header: UTF-8 key and nullable bytes value. */
export interface RecordHeaderInput {
  readonly key: string
  readonly value: Buffer | null
}

/** One record to put in a batch. */
export interface RecordInput {
  /** Key bytes (null or omitted = null key). */
  readonly key?: Buffer | null
  /** Value bytes (null or omitted = null value, a tombstone). */
  readonly value?: Buffer | null
  /** Record headers (default none). */
  readonly headers?: readonly RecordHeaderInput[]
  /** Absolute timestamp in ms; wins over `timestampDelta`. Default: the batch base timestamp. */
  readonly timestamp?: bigint
  /** Timestamp relative to the batch base timestamp (used when `timestamp` is omitted). */
  readonly timestampDelta?: bigint
  /** Offset relative to the batch base offset (default: the record's index). */
  readonly offsetDelta?: number
}

/** Batch-level settings of {@link buildRecordBatch}. */
export interface RecordBatchOptions {
  /** Base offset (default 0). */
  readonly baseOffset?: bigint
  /** Partition leader epoch (default 0). */
  readonly partitionLeaderEpoch?: number
  /** Base timestamp (default: the first record's `timestamp`, else 0). */
  readonly baseTimestamp?: bigint
  /** Producer id (default -1: not idempotent). */
  readonly producerId?: bigint
  /** Producer epoch (default -1). */
  readonly producerEpoch?: number
  /** Base sequence (default -1). */
  readonly baseSequence?: number
  /** Set the transactional attribute bit. */
  readonly transactional?: boolean
  /** Set the control attribute bit (transaction markers). */
  readonly control?: boolean
  /** Use LogAppendTime; `maxTimestamp` then is the append time. */
  readonly logAppendTime?: boolean
  /** Max timestamp override (default: the largest record timestamp). */
  readonly maxTimestamp?: bigint
  /** Compression: `'none'` (default) or `'gzip'`. */
  readonly compression?: 'none' | 'gzip'
}

/**
 * Encodes `records` as one v2 batch with a correct CRC-32C.
 *
 * @throws RangeError when `records` is empty (a batch holds at least one record)
 */
export function buildRecordBatch(records: readonly RecordInput[], options: RecordBatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch needs at least one record')
  const first = records[0] as RecordInput
  const baseTimestamp = options.baseTimestamp ?? first.timestamp ?? 0n
  let maxTimestamp = -1n
  let lastOffsetDelta = 0
  const body = new Writer(256)
  records.forEach((r, i) => {
    const ts = r.timestamp ?? baseTimestamp + (r.timestampDelta ?? 0n)
    if (ts > maxTimestamp) maxTimestamp = ts
    const offsetDelta = r.offsetDelta ?? i
    if (offsetDelta > lastOffsetDelta) lastOffsetDelta = offsetDelta
    const rec = new Writer(128)
    encodeRecord(rec, r, ts - baseTimestamp, offsetDelta)
    const bytes = rec.toBuffer()
    body.varint(bytes.length).raw(bytes)
  })
  let recordsBytes = body.toBuffer()
  let codec: number = CompressionCodec.NONE
  if (options.compression === 'gzip') {
    recordsBytes = gzipSync(recordsBytes)
    codec = CompressionCodec.GZIP
  }
  let attributes = codec
  if (options.logAppendTime === true) attributes |= BatchAttributes.TIMESTAMP_TYPE
  if (options.transactional === true) attributes |= BatchAttributes.TRANSACTIONAL
  if (options.control === true) attributes |= BatchAttributes.CONTROL

  const size = RECORD_BATCH_HEADER_SIZE + recordsBytes.length
  const buf = Buffer.allocUnsafe(size)
  buf.writeBigInt64BE(options.baseOffset ?? 0n, BatchOffsets.baseOffset)
  buf.writeInt32BE(size - LOG_OVERHEAD, BatchOffsets.batchLength)
  buf.writeInt32BE(options.partitionLeaderEpoch ?? 0, BatchOffsets.partitionLeaderEpoch)
  buf.writeInt8(2, BatchOffsets.magic)
  buf.writeInt16BE(attributes, BatchOffsets.attributes)
  buf.writeInt32BE(lastOffsetDelta, BatchOffsets.lastOffsetDelta)
  buf.writeBigInt64BE(baseTimestamp, BatchOffsets.baseTimestamp)
  buf.writeBigInt64BE(options.maxTimestamp ?? maxTimestamp, BatchOffsets.maxTimestamp)
  buf.writeBigInt64BE(options.producerId ?? -1n, BatchOffsets.producerId)
  buf.writeInt16BE(options.producerEpoch ?? -1, BatchOffsets.producerEpoch)
  buf.writeInt32BE(options.baseSequence ?? -1, BatchOffsets.baseSequence)
  buf.writeInt32BE(records.length, BatchOffsets.recordsCount)
  recordsBytes.copy(buf, RECORD_BATCH_HEADER_SIZE)
  buf.writeUInt32BE(crc32c(buf, BatchOffsets.attributes, size), BatchOffsets.crc)
  return buf
}

function encodeRecord(w: Writer, r: RecordInput, timestampDelta: bigint, offsetDelta: number): void {
  w.int8(0)
  w.varlong(timestampDelta)
  w.varint(offsetDelta)
  writeVarBytes(w, r.key ?? null)
  writeVarBytes(w, r.value ?? null)
  const headers = r.headers ?? []
  w.varint(headers.length)
  for (const h of headers) {
    const k = Buffer.from(h.key, 'utf8')
    w.varint(k.length).raw(k)
    writeVarBytes(w, h.value)
  }
}

function writeVarBytes(w: Writer, b: Buffer | null): void {
  if (b === null) w.varint(-1)
  else w.varint(b.length).raw(b)
}
