/**
 * Decodes the records inside one v2 batch (uncompressed, or gzip via node:zlib). Used by log
 * compaction and tests, never on the produce/fetch path. Other codecs (snappy, lz4, zstd) are
 * reported with {@link UnsupportedCompressionError}.
 */
import { gunzipSync } from 'node:zlib'
import { ProtocolDecodeError, ProtocolError } from '../errors.js'
import { Reader } from '../primitives/reader.js'
import { CompressionCodec, RECORD_BATCH_HEADER_SIZE, readBatchHeader, type RecordBatchHeader } from './record-batch.js'

/** One decoded record with absolute offset and timestamp. */
export interface DecodedRecord {
  /** baseOffset + offsetDelta. */
  readonly offset: bigint
  /** baseTimestamp + timestampDelta (CreateTime), or the batch max timestamp (LogAppendTime). */
  readonly timestamp: bigint
  /** Record attributes byte (unused by Kafka, 0). */
  readonly attributes: number
  /** Key bytes (a view or a view of the decompressed data), or null. */
  readonly key: Buffer | null
  /** Value bytes, or null (tombstone). */
  readonly value: Buffer | null
  /** Headers in order. */
  readonly headers: { readonly key: string; readonly value: Buffer | null }[]
}

/** A batch uses a compression codec this decoder cannot read. */
export class UnsupportedCompressionError extends ProtocolError {
  /** The codec id (attributes bits 0-2). */
  readonly codec: number
  constructor(codec: number) {
    super('KB_ERR_PROTOCOL_UNSUPPORTED_COMPRESSION', `record batch compression codec ${codec} is not supported (only none and gzip)`)
    this.codec = codec
  }
}

/**
 * Decodes every record of the batch starting at `position` in `batch`.
 *
 * @throws UnsupportedCompressionError for snappy/lz4/zstd batches
 * @throws ProtocolDecodeError (path `RecordBatch.records[i].<field>`) on malformed records
 */
export function decodeRecords(batch: Buffer, position = 0): DecodedRecord[] {
  const h = readBatchHeader(batch, position)
  const end = position + h.size
  if (end > batch.length) throw new ProtocolDecodeError(`batch declares ${h.size} bytes, ${batch.length - position} present`, position)
  let data = batch.subarray(position + RECORD_BATCH_HEADER_SIZE, end)
  if (h.compression === CompressionCodec.GZIP) {
    try {
      data = gunzipSync(data)
    } catch (e) {
      throw new ProtocolDecodeError('gzip decompression failed', position + RECORD_BATCH_HEADER_SIZE, { cause: e })
    }
  } else if (h.compression !== CompressionCodec.NONE) {
    throw new UnsupportedCompressionError(h.compression)
  }
  return decodeRecordList(h, new Reader(data))
}

function decodeRecordList(h: RecordBatchHeader, r: Reader): DecodedRecord[] {
  const out: DecodedRecord[] = []
  const count = Math.max(h.recordsCount, 0)
  for (let i = 0; i < count; i++) {
    let field = 'length'
    try {
      const length = r.varint()
      const start = r.pos
      if (length < 0) r.fail(`negative record length ${length}`, start)
      r.ensure(length)
      const rr: Reader = new Reader(r.buffer, start, start + length)
      field = 'attributes'
      const attributes = rr.int8()
      field = 'timestampDelta'
      const timestampDelta = rr.varlong()
      field = 'offsetDelta'
      const offsetDelta = rr.varint()
      field = 'key'
      const key = varBytes(rr)
      field = 'value'
      const value = varBytes(rr)
      field = 'headers'
      const n = rr.varint()
      if (n < 0 || n > rr.remaining) rr.fail(`invalid header count ${n}`)
      const headers: { key: string; value: Buffer | null }[] = []
      for (let j = 0; j < n; j++) {
        const k = varBytes(rr)
        if (k === null) rr.fail('null header key')
        headers.push({ key: k.toString('utf8'), value: varBytes(rr) })
      }
      r.pos = start + length
      out.push({
        offset: h.baseOffset + BigInt(offsetDelta),
        timestamp: h.isLogAppendTime ? h.maxTimestamp : h.baseTimestamp + timestampDelta,
        attributes,
        key,
        value,
        headers,
      })
    } catch (e) {
      if (e instanceof ProtocolDecodeError) e.prependPath(field).prependPath(`records[${i}]`).prependPath('RecordBatch')
      throw e
    }
  }
  return out
}

function varBytes(r: Reader): Buffer | null {
  const start = r.pos
  const len = r.varint()
  if (len < -1) r.fail(`invalid length ${len}`, start)
  return len === -1 ? null : r.raw(len)
}
