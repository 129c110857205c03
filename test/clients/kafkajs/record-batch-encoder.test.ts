import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { Headers } from '../../../processor-api/headers.js'
import { buildRecordBatch, crc32c as brokerCrc32c, decodeRecords, isBatchCrcValid, readBatchHeader, validateRecordSet } from '../../../src/broker/protocol/index.js'
import { crc32c } from '../../../src/wire/crc32c.js'
import { encodeRecordBatch, varIntSize, varLongSize, type BatchRecord } from '../../../src/clients/kafkajs/internal/record-batch-encoder.js'

const require = createRequire(import.meta.url)

interface KafkaJsDecodedBatch {
  readonly firstOffset: string
  readonly firstSequence: number
  readonly producerId: string
  readonly producerEpoch: number
  readonly inTransaction: boolean
  readonly maxTimestamp: string
  readonly records: readonly { key: Buffer | null; value: Buffer | null; timestamp: string; offset: string; headers: { [key: string]: Buffer | Buffer[] | null } }[]
}
// kafkajs's own record batch decoder (the consumer's): what kafkajs makes of our bytes.
const kafkajsDecoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown
const kafkajsDecodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<KafkaJsDecodedBatch>

const plain = { producerId: -1, producerEpoch: -1, baseSequence: -1, transactional: false }

function rec(key: string | null, value: string | null, timestamp: number, headers: Headers | null = null): BatchRecord {
  return { key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp, headers }
}

describe('CRC-32C', () => {
  it('matches the standard check value and the broker on every length', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283)
    const data = Buffer.alloc(300)
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff
    for (let len = 0; len <= data.length; len += 7) {
      for (const start of [0, 1, 3]) {
        if (start > len) continue
        expect(crc32c(data, start, len)).toBe(brokerCrc32c(data.subarray(start, len)))
      }
    }
  })
})

describe('varint sizes', () => {
  it('counts zigzag bytes as Kafka does', () => {
    expect([0, -1, 1, 63, -64, 64, -65, 8191, 8192, 2 ** 31 - 1, -(2 ** 31)].map(varIntSize)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 3, 5, 5])
    expect([0, 63, 64, 2 ** 31, 2 ** 40, -(2 ** 40), 2 ** 52].map(varLongSize)).toEqual([1, 1, 2, 5, 6, 6, 8])
  })
})

describe('encodeRecordBatch', () => {
  const headers = new Headers().add('h', 'x').add('h', null).add('ключ', 'значение')
  const records: BatchRecord[] = [
    rec('k1', 'v1', 1_700_000_000_500, headers),
    rec(null, 'no key', 1_700_000_000_000),
    rec('tombstone', null, 1_700_000_000_900),
    rec('big', 'x'.repeat(300), 1_700_000_000_000 + 2 ** 33),
    { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: 1_700_000_000_100, headers: new Headers() },
  ]

  it('writes the bytes the broker builds for the same batch (plain producer)', () => {
    const ours = encodeRecordBatch(records, plain)
    const theirs = buildRecordBatch(
      records.map((r) => ({ key: r.key, value: r.value, timestamp: BigInt(r.timestamp), headers: r.headers === null ? [] : [...r.headers] })),
      { baseTimestamp: 1_700_000_000_000n, partitionLeaderEpoch: -1, producerId: -1n, producerEpoch: -1, baseSequence: -1 },
    )
    expect(ours.equals(theirs)).toBe(true)
  })

  it('sets the producer fields and the transactional flag, with a valid CRC the broker accepts', () => {
    const batch = encodeRecordBatch(records, { producerId: '4611686018427387904', producerEpoch: 3, baseSequence: 2_147_483_000, transactional: true })
    const h = readBatchHeader(batch)
    expect(h).toMatchObject({
      baseOffset: 0n,
      size: batch.length,
      magic: 2,
      partitionLeaderEpoch: -1,
      lastOffsetDelta: 4,
      recordsCount: 5,
      baseTimestamp: 1_700_000_000_000n,
      maxTimestamp: BigInt(1_700_000_000_000 + 2 ** 33),
      producerId: 4611686018427387904n,
      producerEpoch: 3,
      baseSequence: 2_147_483_000,
      isTransactional: true,
      isControl: false,
      compression: 0,
    })
    expect(isBatchCrcValid(batch)).toBe(true)
    expect(validateRecordSet(batch)).toMatchObject({ errorCode: 0, errorMessage: null, recordCount: 5 })
    const decoded = decodeRecords(batch)
    expect(decoded.map((d) => [d.offset, d.timestamp, d.key?.toString() ?? null, d.value?.toString() ?? null])).toEqual([
      [0n, 1_700_000_000_500n, 'k1', 'v1'],
      [1n, 1_700_000_000_000n, null, 'no key'],
      [2n, 1_700_000_000_900n, 'tombstone', null],
      [3n, BigInt(1_700_000_000_000 + 2 ** 33), 'big', 'x'.repeat(300)],
      [4n, 1_700_000_000_100n, '', ''],
    ])
    expect(decoded[0]!.headers.map((x) => [x.key, x.value?.toString() ?? null])).toEqual([
      ['h', 'x'],
      ['h', null],
      ['ключ', 'значение'],
    ])
  })

  it('is read back by kafkajs', async () => {
    const batch = encodeRecordBatch(records, { producerId: 77, producerEpoch: 1, baseSequence: 5, transactional: true })
    const decoded = await kafkajsDecodeBatch(new kafkajsDecoder(batch))
    expect(decoded).toMatchObject({ firstOffset: '0', firstSequence: 5, producerId: '77', producerEpoch: 1, inTransaction: true })
    expect(decoded.records.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString() ?? null])).toEqual([
      ['0', '1700000000500', 'k1', 'v1'],
      ['1', '1700000000000', null, 'no key'],
      ['2', '1700000000900', 'tombstone', null],
      ['3', String(1_700_000_000_000 + 2 ** 33), 'big', 'x'.repeat(300)],
      ['4', '1700000000100', '', ''],
    ])
    expect(Object.keys(decoded.records[0]!.headers)).toEqual(['h', 'ключ'])
  })

  it('encodes many records (multi-byte length and offset varints)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => rec(`key-${i}`, 'v'.repeat(i % 200), 1000 + (i % 17)))
    const batch = encodeRecordBatch(many, plain)
    expect(isBatchCrcValid(batch)).toBe(true)
    const decoded = decodeRecords(batch)
    expect(decoded).toHaveLength(1000)
    expect(decoded[999]).toMatchObject({ offset: 999n, timestamp: BigInt(1000 + (999 % 17)) })
    expect(decoded[999]!.key!.toString()).toBe('key-999')
    expect(decoded[999]!.value!.length).toBe(999 % 200)
  })

  it('refuses an empty batch', () => {
    expect(() => encodeRecordBatch([], plain)).toThrow(/at least one record/)
  })
})
