/**
 * Encodes Kafka record batches (magic 2, uncompressed), the format Produce v3+ carries:
 *
 * RecordBatch => baseOffset:INT64 batchLength:INT32 partitionLeaderEpoch:INT32 magic:INT8 crc:UINT32
 *   attributes:INT16 lastOffsetDelta:INT32 baseTimestamp:INT64 maxTimestamp:INT64 producerId:INT64
 *   producerEpoch:INT16 baseSequence:INT32 recordCount:INT32 [Record]
 * Record => length:VARINT attributes:INT8 timestampDelta:VARLONG offsetDelta:VARINT
 *   keyLength:VARINT key valueLength:VARINT value headerCount:VARINT [Header]
 * Header => keyLength:VARINT key valueLength:VARINT value          (length -1 = null)
 *
 * The CRC-32C covers everything from `attributes` to the end. One buffer is sized up front and
 * written once: no per-record allocation (kafkajs's own encoder allocates a 512-byte buffer and
 * a few small ones per record, ~10 µs per record).
 */
import type { Headers } from '../../../../processor-api/headers.js'
import { crc32c } from '../../../wire/crc32c.js'

/** One record of a batch. */
export interface BatchRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  /** Milliseconds since the epoch. */
  readonly timestamp: number
  readonly headers: Headers | null
}

/** The producer fields of a batch (idempotent/transactional producers); -1 everywhere for a plain producer. */
export interface BatchProducer {
  /** Producer id (a decimal string as kafkajs keeps it, or a number); -1 when not idempotent. */
  readonly producerId: string | number
  readonly producerEpoch: number
  /** Sequence number of the first record; -1 when not idempotent. */
  readonly baseSequence: number
  readonly transactional: boolean
}

/** Bytes of the batch header before the first record. */
export const RECORD_BATCH_HEADER_BYTES = 61
const CRC_OFFSET = 17
const ATTRIBUTES_OFFSET = 21
const TRANSACTIONAL_FLAG = 0x10
/** Kafka's producer writes no partition leader epoch (RecordBatch.NO_PARTITION_LEADER_EPOCH). */
const NO_PARTITION_LEADER_EPOCH = -1

/** Encodes `records` (at least one) as one record batch with base offset 0. */
export function encodeRecordBatch(records: readonly BatchRecord[], producer: BatchProducer): Buffer {
  const n = records.length
  if (n === 0) throw new Error('a record batch needs at least one record')
  let baseTimestamp = records[0]!.timestamp
  let maxTimestamp = baseTimestamp
  for (let i = 1; i < n; i++) {
    const t = records[i]!.timestamp
    if (t < baseTimestamp) baseTimestamp = t
    if (t > maxTimestamp) maxTimestamp = t
  }
  const bodySizes = new Int32Array(n)
  let total = RECORD_BATCH_HEADER_BYTES
  for (let i = 0; i < n; i++) {
    const size = recordBodySize(records[i]!, records[i]!.timestamp - baseTimestamp, i)
    bodySizes[i] = size
    total += varIntSize(size) + size
  }

  const buf = Buffer.allocUnsafe(total)
  buf.writeBigInt64BE(0n, 0)
  buf.writeInt32BE(total - 12, 8)
  buf.writeInt32BE(NO_PARTITION_LEADER_EPOCH, 12)
  buf[16] = 2
  buf.writeInt16BE(producer.transactional ? TRANSACTIONAL_FLAG : 0, ATTRIBUTES_OFFSET)
  buf.writeInt32BE(n - 1, 23)
  buf.writeBigInt64BE(BigInt(baseTimestamp), 27)
  buf.writeBigInt64BE(BigInt(maxTimestamp), 35)
  buf.writeBigInt64BE(BigInt(producer.producerId), 43)
  buf.writeInt16BE(producer.producerEpoch, 51)
  buf.writeInt32BE(producer.baseSequence, 53)
  buf.writeInt32BE(n, 57)

  let p = RECORD_BATCH_HEADER_BYTES
  for (let i = 0; i < n; i++) {
    const r = records[i]!
    p = writeVarInt(buf, p, bodySizes[i]!)
    buf[p++] = 0 // record attributes: none defined
    p = writeVarLong(buf, p, r.timestamp - baseTimestamp)
    p = writeVarInt(buf, p, i)
    p = writeBytes(buf, p, r.key)
    p = writeBytes(buf, p, r.value)
    const headers = r.headers
    if (headers === null || headers.size === 0) buf[p++] = 0
    else {
      p = writeVarInt(buf, p, headers.size)
      for (const h of headers) {
        const keyBytes = Buffer.byteLength(h.key, 'utf8')
        p = writeVarInt(buf, p, keyBytes)
        p += buf.write(h.key, p, keyBytes, 'utf8')
        p = writeBytes(buf, p, h.value)
      }
    }
  }
  if (p !== total) throw new Error(`record batch size mismatch: wrote ${p} of ${total} bytes`)
  buf.writeUInt32BE(crc32c(buf, ATTRIBUTES_OFFSET, total), CRC_OFFSET)
  return buf
}

function recordBodySize(r: BatchRecord, timestampDelta: number, offsetDelta: number): number {
  let size = 1 + varLongSize(timestampDelta) + varIntSize(offsetDelta) + bytesSize(r.key) + bytesSize(r.value)
  const headers = r.headers
  if (headers === null || headers.size === 0) return size + 1
  size += varIntSize(headers.size)
  for (const h of headers) {
    const keyBytes = Buffer.byteLength(h.key, 'utf8')
    size += varIntSize(keyBytes) + keyBytes + bytesSize(h.value)
  }
  return size
}

function bytesSize(b: Buffer | null): number {
  return b === null ? 1 : varIntSize(b.length) + b.length
}

function writeBytes(buf: Buffer, p: number, b: Buffer | null): number {
  if (b === null) {
    buf[p] = 1 // zigzag(-1)
    return p + 1
  }
  p = writeVarInt(buf, p, b.length)
  b.copy(buf, p)
  return p + b.length
}

/** Size of a zigzag varint of a 32-bit signed value. */
export function varIntSize(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  let size = 1
  while (v >= 0x80) {
    v >>>= 7
    size++
  }
  return size
}

function writeVarInt(buf: Buffer, p: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  while (v >= 0x80) {
    buf[p++] = (v & 0x7f) | 0x80
    v >>>= 7
  }
  buf[p++] = v
  return p
}

/** Zigzag of a safe integer as a non-negative number (exact up to 2^52 in magnitude). */
function zigZag64(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1
}

/** Size of a zigzag varlong of a safe integer. */
export function varLongSize(value: number): number {
  let v = zigZag64(value)
  let size = 1
  while (v >= 0x80) {
    v = Math.floor(v / 128)
    size++
  }
  return size
}

function writeVarLong(buf: Buffer, p: number, value: number): number {
  let v = zigZag64(value)
  while (v >= 0x80) {
    buf[p++] = (v % 128) | 0x80
    v = Math.floor(v / 128)
  }
  buf[p++] = v
  return p
}
