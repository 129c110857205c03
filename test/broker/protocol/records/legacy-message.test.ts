import { gzipSync, crc32 as zlibCrc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  LegacyMessageSetError,
  buildRecordBatch,
  decodeRecords,
  downConvertBatches,
  isLegacyMessageSet,
  readLegacyMessageSet,
  upConvertMessageSet,
} from '../../../../src/broker/protocol/index.js'

function field(b: Buffer | null): Buffer {
  const len = Buffer.alloc(4)
  len.writeInt32BE(b === null ? -1 : b.length)
  return b === null ? len : Buffer.concat([len, b])
}

/** One log entry, built by hand with zlib's CRC-32. */
function entry(offset: bigint, magic: 0 | 1, attributes: number, timestamp: bigint, key: Buffer | null, value: Buffer | null): Buffer {
  const ts = Buffer.alloc(magic === 1 ? 8 : 0)
  if (magic === 1) ts.writeBigInt64BE(timestamp)
  const body = Buffer.concat([Buffer.from([magic, attributes]), ts, field(key), field(value)])
  const head = Buffer.alloc(16)
  head.writeBigInt64BE(offset, 0)
  head.writeInt32BE(body.length + 4, 8)
  head.writeUInt32BE(zlibCrc32(body), 12)
  return Buffer.concat([head, body])
}

const b = (s: string) => Buffer.from(s)

function errorOf(fn: () => unknown): LegacyMessageSetError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LegacyMessageSetError) return e
    throw e
  }
  throw new Error('expected a LegacyMessageSetError')
}

describe('legacy message sets (magic 0/1)', () => {
  it('tells legacy sets from v2 batches by the magic byte', () => {
    expect(isLegacyMessageSet(entry(0n, 0, 0, -1n, null, b('x')))).toBe(true)
    expect(isLegacyMessageSet(entry(0n, 1, 0, 5n, null, b('x')))).toBe(true)
    expect(isLegacyMessageSet(buildRecordBatch([{ value: b('x') }]))).toBe(false)
    expect(isLegacyMessageSet(Buffer.alloc(10))).toBe(false)
  })

  it('ignores a trailing partial message and reads null keys and values', () => {
    const set = Buffer.concat([entry(0n, 1, 0, 7n, null, b('a')), entry(1n, 1, 0, 8n, b('k'), null)])
    const partial = Buffer.concat([set, entry(2n, 1, 0, 9n, b('k'), b('cut')).subarray(0, 20)])
    const read = readLegacyMessageSet(partial)
    expect(read.messages.map((m) => [m.magic, m.timestamp, m.key?.toString() ?? null, m.value?.toString() ?? null])).toEqual([
      [1, 7n, null, 'a'],
      [1, 8n, 'k', null],
    ])
  })

  it('unpacks a magic-0 gzip wrapper (absolute inner offsets, no timestamps) into a gzip v2 batch', () => {
    const inner = Buffer.concat([entry(0n, 0, 0, -1n, b('k0'), b('v0')), entry(1n, 0, 0, -1n, b('k1'), b('v1'))])
    const wrapper = entry(1n, 0, 1, -1n, null, gzipSync(inner))
    const batch = upConvertMessageSet(wrapper)
    expect(batch.readInt16BE(21) & 7).toBe(1)
    expect(decodeRecords(batch).map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString()])).toEqual([
      [0n, -1n, 'k0', 'v0'],
      [1n, -1n, 'k1', 'v1'],
    ])
  })

  it('gives inner messages of a LogAppendTime magic-1 wrapper the wrapper timestamp', () => {
    const inner = Buffer.concat([entry(0n, 1, 0, 1n, null, b('a')), entry(1n, 1, 0, 2n, null, b('b'))])
    const read = readLegacyMessageSet(entry(1n, 1, 1 | 8, 99n, null, gzipSync(inner)))
    expect(read.messages.map((m) => m.timestamp)).toEqual([99n, 99n])
  })

  it('rejects bad CRCs, nested wrappers, bad sizes, empty sets and codecs other than gzip with the Kafka error to answer', () => {
    const bad = entry(0n, 1, 0, 1n, null, b('v'))
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1)
    expect(errorOf(() => readLegacyMessageSet(bad)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)

    const nested = entry(0n, 1, 1, 1n, null, gzipSync(entry(0n, 1, 1, 1n, null, gzipSync(entry(0n, 1, 0, 1n, null, b('v'))))))
    expect(errorOf(() => readLegacyMessageSet(nested)).message).toContain('must not be nested')

    const tiny = entry(0n, 0, 0, -1n, null, null)
    tiny.writeInt32BE(3, 8)
    expect(errorOf(() => readLegacyMessageSet(tiny)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)

    expect(errorOf(() => readLegacyMessageSet(entry(0n, 1, 0, 1n, null, b('v')).subarray(0, 20))).message).toContain('no complete message')

    for (const codec of [2, 3]) {
      const e = errorOf(() => readLegacyMessageSet(entry(0n, 1, codec, 1n, null, b('compressed'))))
      expect(e.errorCode).toBe(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)
      expect(e.message).toMatch(/snappy|lz4/)
    }
  })

  it('down-converts with absolute offsets from the fetch offset, skipping control batches, and round-trips through up-conversion', () => {
    const data = buildRecordBatch(
      [0, 1, 2].map((i) => ({ key: b(`k${i}`), value: b(`v${i}`), timestamp: 1000n + BigInt(i) })),
      { baseOffset: 10n },
    )
    const control = buildRecordBatch([{ key: Buffer.from([0, 0, 0, 0]), value: Buffer.alloc(6) }], { baseOffset: 13n, control: true, transactional: true })
    const out = downConvertBatches([Buffer.concat([data, control])], { magic: 1, fetchOffset: 11n, maxBytes: 1 << 20, minOneMessage: false })
    expect(out.messages).toBe(2)
    const back = readLegacyMessageSet(out.records)
    expect(back.messages.map((m) => [m.offset, m.timestamp, m.key?.toString(), m.value?.toString()])).toEqual([
      [11n, 1001n, 'k1', 'v1'],
      [12n, 1002n, 'k2', 'v2'],
    ])
    const magic0 = readLegacyMessageSet(downConvertBatches([data], { magic: 0, fetchOffset: 0n, maxBytes: 1 << 20, minOneMessage: false }).records)
    expect(magic0.messages.map((m) => [m.magic, m.timestamp])).toEqual([[0, -1n], [0, -1n], [0, -1n]])
  })

  it('cuts at maxBytes, keeping the first message whole only when asked', () => {
    const data = buildRecordBatch([0, 1].map((i) => ({ key: b(`k${i}`), value: b('x'.repeat(100)) })))
    const strict = downConvertBatches([data], { magic: 1, fetchOffset: 0n, maxBytes: 50, minOneMessage: false })
    expect(strict.records.length).toBe(50)
    expect(strict.messages).toBe(0)
    const minOne = downConvertBatches([data], { magic: 1, fetchOffset: 0n, maxBytes: 50, minOneMessage: true })
    expect(minOne.messages).toBe(1)
    expect(readLegacyMessageSet(minOne.records).messages).toHaveLength(1)
  })
})
