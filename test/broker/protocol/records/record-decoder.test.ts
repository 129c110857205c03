import { describe, expect, it } from 'vitest'
import { ProtocolDecodeError } from '../../../../src/broker/protocol/errors.js'
import { buildRecordBatch } from '../../../../src/broker/protocol/records/record-batch-builder.js'
import { BatchOffsets, setBaseOffset, setLogAppendTime, validateRecordSet } from '../../../../src/broker/protocol/records/record-batch.js'
import { UnsupportedCompressionError, decodeRecords } from '../../../../src/broker/protocol/records/record-decoder.js'

const RECORDS = [
  { key: Buffer.from('a'), value: Buffer.from('one'), timestamp: 1_700_000_000_000n, headers: [{ key: 'h', value: Buffer.from('x') }] },
  { key: null, value: Buffer.from('two'), timestamp: 1_700_000_000_005n },
  { key: Buffer.from('c'), value: null, timestamp: 1_699_999_999_990n, headers: [{ key: 'n', value: null }] },
]

describe('decodeRecords', () => {
  it('decodes keys, values, headers, offsets and timestamps of an uncompressed batch', () => {
    const b = buildRecordBatch(RECORDS)
    setBaseOffset(b, 100n)
    const out = decodeRecords(b)
    expect(out.map((r) => r.offset)).toEqual([100n, 101n, 102n])
    expect(out.map((r) => r.timestamp)).toEqual([1_700_000_000_000n, 1_700_000_000_005n, 1_699_999_999_990n])
    expect(out[0]?.key?.toString()).toBe('a')
    expect(out[0]?.headers).toEqual([{ key: 'h', value: Buffer.from('x') }])
    expect(out[1]?.key).toBeNull()
    expect(out[2]?.value).toBeNull()
    expect(out[2]?.headers).toEqual([{ key: 'n', value: null }])
  })

  it('decodes a gzip batch', () => {
    const b = buildRecordBatch(RECORDS, { compression: 'gzip', baseOffset: 7n })
    expect(b.readInt16BE(BatchOffsets.attributes) & 7).toBe(1)
    expect(validateRecordSet(b).errorCode).toBe(0)
    expect(decodeRecords(b).map((r) => [r.offset, r.value?.toString() ?? null])).toEqual([
      [7n, 'one'],
      [8n, 'two'],
      [9n, null],
    ])
  })

  it('uses the max timestamp for every record of a LogAppendTime batch', () => {
    const b = buildRecordBatch(RECORDS)
    setLogAppendTime(b, 42n)
    expect(decodeRecords(b).map((r) => r.timestamp)).toEqual([42n, 42n, 42n])
  })

  it('reads explicit offset and timestamp deltas', () => {
    const b = buildRecordBatch(
      [
        { value: Buffer.from('x'), offsetDelta: 0, timestampDelta: 0n },
        { value: Buffer.from('y'), offsetDelta: 4, timestampDelta: -3n },
      ],
      { baseTimestamp: 1000n },
    )
    const out = decodeRecords(b)
    expect(out.map((r) => [r.offset, r.timestamp])).toEqual([
      [0n, 1000n],
      [4n, 997n],
    ])
  })

  it('reports unsupported codecs with UnsupportedCompressionError', () => {
    const b = buildRecordBatch(RECORDS)
    b.writeInt16BE(2, BatchOffsets.attributes) // snappy
    expect(() => decodeRecords(b)).toThrow(UnsupportedCompressionError)
  })

  it('throws a located ProtocolDecodeError for a corrupted record', () => {
    const b = buildRecordBatch(RECORDS)
    const cut = Buffer.from(b)
    cut.writeInt32BE(b.length - 12 - 5, BatchOffsets.batchLength)
    try {
      decodeRecords(cut.subarray(0, b.length - 5))
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolDecodeError)
      expect((e as ProtocolDecodeError).path).toMatch(/^RecordBatch\.records\[2\]\./)
    }
  })
})
