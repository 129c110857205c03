import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js'
import { crc32c } from '../../../../src/wire/crc32c.js'
import { buildRecordBatch } from '../../../../src/broker/protocol/records/record-batch-builder.js'
import {
  BatchOffsets,
  isBatchCrcValid,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  splitBatches,
  validateRecordSet,
} from '../../../../src/broker/protocol/records/record-batch.js'
import { buildEndTxnMarker } from '../../../../src/broker/protocol/records/end-txn-marker.js'

function batchOf(n: number, options: Parameters<typeof buildRecordBatch>[1] = {}): Buffer {
  return buildRecordBatch(
    Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.alloc(20, i), timestamp: 1000n + BigInt(i) })),
    options,
  )
}

describe('record batch v2', () => {
  it('builds a batch whose header fields read back', () => {
    const b = batchOf(3, { producerId: 5n, producerEpoch: 2, baseSequence: 10, transactional: true })
    const h = readBatchHeader(b)
    expect(h).toMatchObject({
      position: 0,
      size: b.length,
      batchLength: b.length - 12,
      magic: 2,
      lastOffsetDelta: 2,
      recordsCount: 3,
      baseTimestamp: 1000n,
      maxTimestamp: 1002n,
      producerId: 5n,
      producerEpoch: 2,
      baseSequence: 10,
      isTransactional: true,
      isControl: false,
      compression: 0,
    })
    expect(isBatchCrcValid(b)).toBe(true)
  })

  it('splits a record set into batches and reports a trailing partial batch', () => {
    const a = batchOf(2)
    const b = batchOf(5)
    const c = batchOf(1)
    const set = Buffer.concat([a, b, c.subarray(0, 30)])
    const { batches, trailingBytes } = splitBatches(set)
    expect(batches.map((x) => x.length)).toEqual([a.length, b.length])
    expect(batches[1]?.equals(b)).toBe(true)
    expect(trailingBytes).toBe(30)
    expect(splitBatches(Buffer.concat([a, Buffer.alloc(5)])).trailingBytes).toBe(5)
    expect(splitBatches(Buffer.alloc(0))).toEqual({ batches: [], trailingBytes: 0 })
  })

  it('validates a well-formed record set and counts its records', () => {
    const v = validateRecordSet(Buffer.concat([batchOf(2), batchOf(3)]))
    expect(v.errorCode).toBe(ErrorCode.NONE)
    expect(v.errorMessage).toBeNull()
    expect(v.recordCount).toBe(5)
    expect(v.batches.map((h) => h.position)).toEqual([0, batchOf(2).length])
  })

  it('returns CORRUPT_MESSAGE when any CRC-covered byte is flipped', () => {
    const b = batchOf(3)
    for (const pos of [BatchOffsets.attributes + 1, BatchOffsets.maxTimestamp + 3, b.length - 1, 70]) {
      const bad = Buffer.from(b)
      bad[pos] = (bad[pos] as number) ^ 0x01
      const v = validateRecordSet(bad)
      expect(v.errorCode, `byte ${pos}`).toBe(ErrorCode.CORRUPT_MESSAGE)
      expect(v.errorMessage).toMatch(/CRC/)
    }
  })

  it('keeps the CRC valid when the base offset and leader epoch are rewritten in place', () => {
    const b = batchOf(4)
    const crcBefore = b.readUInt32BE(BatchOffsets.crc)
    setBaseOffset(b, 123456789012n)
    setPartitionLeaderEpoch(b, 7)
    expect(readBatchHeader(b).baseOffset).toBe(123456789012n)
    expect(readBatchHeader(b).partitionLeaderEpoch).toBe(7)
    expect(b.readUInt32BE(BatchOffsets.crc)).toBe(crcBefore)
    expect(validateRecordSet(b).errorCode).toBe(ErrorCode.NONE)
  })

  it('rewrites the second batch of a set at its position', () => {
    const a = batchOf(1)
    const set = Buffer.concat([a, batchOf(2)])
    setBaseOffset(set, 10n, a.length)
    expect(readBatchHeader(set, a.length).baseOffset).toBe(10n)
    expect(readBatchHeader(set, 0).baseOffset).toBe(0n)
  })

  it('recomputes the CRC when switching to LogAppendTime', () => {
    const b = batchOf(2)
    setLogAppendTime(b, 99999n)
    const h = readBatchHeader(b)
    expect(h.isLogAppendTime).toBe(true)
    expect(h.maxTimestamp).toBe(99999n)
    expect(isBatchCrcValid(b)).toBe(true)
  })

  it('answers UNSUPPORTED_FOR_MESSAGE_FORMAT for magic 0 and 1', () => {
    for (const magic of [0, 1]) {
      const b = batchOf(1)
      b[BatchOffsets.magic] = magic
      expect(validateRecordSet(b).errorCode).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT)
    }
    const b = batchOf(1)
    b[BatchOffsets.magic] = 3
    expect(validateRecordSet(b).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
  })

  it('answers CORRUPT_MESSAGE for truncated or mis-sized input without throwing', () => {
    const b = batchOf(2)
    expect(validateRecordSet(Buffer.alloc(0)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    expect(validateRecordSet(b.subarray(0, 10)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    expect(validateRecordSet(b.subarray(0, b.length - 1)).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    expect(validateRecordSet(Buffer.concat([b, Buffer.alloc(3)])).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    const small = Buffer.from(b)
    small.writeInt32BE(20, BatchOffsets.batchLength)
    expect(validateRecordSet(small).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    const huge = Buffer.from(b)
    huge.writeInt32BE(0x7fffffff, BatchOffsets.batchLength)
    expect(validateRecordSet(huge).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    for (let cut = 0; cut < b.length; cut++) expect(validateRecordSet(b.subarray(0, cut)).errorCode).not.toBe(ErrorCode.NONE)
  })

  it('answers INVALID_RECORD when the count does not match lastOffsetDelta', () => {
    const b = batchOf(3, { baseSequence: 0, producerId: 1n, producerEpoch: 0 })
    b.writeInt32BE(5, BatchOffsets.recordsCount)
    // keep the CRC right so the count check is what fails
    setCrc(b)
    expect(validateRecordSet(b).errorCode).toBe(ErrorCode.INVALID_RECORD)
  })

  it('rejects control batches from clients but accepts them from the broker', () => {
    const marker = buildEndTxnMarker({ producerId: 9n, producerEpoch: 1, committed: true, timestamp: 5n })
    expect(validateRecordSet(marker).errorCode).toBe(ErrorCode.INVALID_RECORD)
    expect(validateRecordSet(marker, { fromClient: false }).errorCode).toBe(ErrorCode.NONE)
  })

  it('rejects an idempotent batch without a base sequence', () => {
    expect(validateRecordSet(batchOf(1, { producerId: 3n, producerEpoch: 0, baseSequence: -1 })).errorCode).toBe(ErrorCode.INVALID_RECORD)
    // kafkajs sends producerId -1 with epoch 0 and sequence 0: fine
    expect(validateRecordSet(batchOf(1, { producerId: -1n, producerEpoch: 0, baseSequence: 0 })).errorCode).toBe(ErrorCode.NONE)
  })

  it('can skip the CRC check', () => {
    const b = batchOf(1)
    b[b.length - 1] = (b[b.length - 1] as number) ^ 0xff
    expect(validateRecordSet(b, { checkCrc: false }).errorCode).toBe(ErrorCode.NONE)
  })
})

function setCrc(b: Buffer): void {
  b.writeUInt32BE(crc32c(b, BatchOffsets.attributes, b.length), BatchOffsets.crc)
}
