import { gzipSync } from 'node:zlib'
import { crc32c } from '../../../../src/wire/crc32c.js'

/** One record to encode. */
export interface TestRecord {
  readonly key?: Buffer | null
  readonly value: Buffer | null
  /** Absolute timestamp (ms); defaults to the batch base timestamp. */
  readonly timestamp?: bigint
}

/** Options of a test batch. */
export interface TestBatchOptions {
  readonly baseTimestamp?: bigint
  readonly gzip?: boolean
  readonly producerId?: bigint
  readonly producerEpoch?: number
  readonly baseSequence?: number
  readonly attributes?: number
  readonly baseOffset?: bigint
}

function zigzagVarint(value: number): number[] {
  // zig-zag for values within ±2^52, then unsigned LEB128
  let v = value >= 0 ? value * 2 : -value * 2 - 1
  const out: number[] = []
  while (v >= 128) {
    out.push((v % 128) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return out
}

function encodeRecord(r: TestRecord, index: number, baseTimestamp: bigint): Buffer {
  const body: number[] = [0]
  body.push(...zigzagVarint(Number((r.timestamp ?? baseTimestamp) - baseTimestamp)))
  body.push(...zigzagVarint(index))
  const parts: Buffer[] = []
  const key = r.key ?? null
  parts.push(Buffer.from(body))
  parts.push(Buffer.from(zigzagVarint(key === null ? -1 : key.length)))
  if (key !== null) parts.push(key)
  parts.push(Buffer.from(zigzagVarint(r.value === null ? -1 : r.value.length)))
  if (r.value !== null) parts.push(r.value)
  parts.push(Buffer.from(zigzagVarint(0)))
  const content = Buffer.concat(parts)
  return Buffer.concat([Buffer.from(zigzagVarint(content.length)), content])
}

/** Encodes one record batch v2 (magic 2) as a client would send it (baseOffset 0, valid CRC32C). */
export function buildBatch(records: readonly TestRecord[], opts: TestBatchOptions = {}): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? records[0]?.timestamp ?? 1_700_000_000_000n
  let maxTimestamp = -1n
  for (const r of records) {
    const ts = r.timestamp ?? baseTimestamp
    if (ts > maxTimestamp) maxTimestamp = ts
  }
  let body = Buffer.concat(records.map((r, i) => encodeRecord(r, i, baseTimestamp)))
  let attributes = opts.attributes ?? 0
  if (opts.gzip) {
    body = gzipSync(body)
    attributes |= 1
  }
  const header = Buffer.alloc(61)
  header.writeBigInt64BE(opts.baseOffset ?? 0n, 0)
  header.writeInt32BE(61 - 12 + body.length, 8)
  header.writeInt32BE(0, 12)
  header.writeInt8(2, 16)
  header.writeInt16BE(attributes, 21)
  header.writeInt32BE(records.length - 1, 23)
  header.writeBigInt64BE(baseTimestamp, 27)
  header.writeBigInt64BE(maxTimestamp, 35)
  header.writeBigInt64BE(opts.producerId ?? -1n, 43)
  header.writeInt16BE(opts.producerEpoch ?? -1, 51)
  header.writeInt32BE(opts.baseSequence ?? -1, 53)
  header.writeInt32BE(records.length, 57)
  const batch = Buffer.concat([header, body])
  batch.writeUInt32BE(crc32c(batch, 21, batch.length), 17)
  return batch
}

/** A batch of `count` records with `valueBytes`-byte values and timestamps `ts0, ts0+1, ...`. */
export function simpleBatch(count: number, opts: { valueBytes?: number; ts0?: bigint; tag?: number } = {}): Buffer {
  const ts0 = opts.ts0 ?? 1_700_000_000_000n
  const records: TestRecord[] = []
  for (let i = 0; i < count; i++) {
    const value = Buffer.alloc(opts.valueBytes ?? 100, (opts.tag ?? 0) + i)
    records.push({ key: Buffer.from(`key-${i}`), value, timestamp: ts0 + BigInt(i) })
  }
  return buildBatch(records)
}

/** Decoded view of a stored batch header. */
export interface BatchHeader {
  readonly baseOffset: bigint
  readonly lastOffset: bigint
  readonly size: number
  readonly maxTimestamp: bigint
  readonly recordCount: number
  readonly crcValid: boolean
}

/** Splits concatenated stored batches into their headers (asserting whole batches). */
export function parseBatches(buffers: readonly Buffer[]): BatchHeader[] {
  const out: BatchHeader[] = []
  for (const buf of buffers) {
    let pos = 0
    while (pos < buf.length) {
      const size = buf.readInt32BE(pos + 8) + 12
      if (pos + size > buf.length) throw new Error(`partial batch at ${pos}`)
      const base = buf.readBigInt64BE(pos)
      out.push({
        baseOffset: base,
        lastOffset: base + BigInt(buf.readInt32BE(pos + 23)),
        size,
        maxTimestamp: buf.readBigInt64BE(pos + 35),
        recordCount: buf.readInt32BE(pos + 57),
        crcValid: buf.readUInt32BE(pos + 17) === crc32c(buf, pos + 21, pos + size),
      })
      pos += size
    }
  }
  return out
}
