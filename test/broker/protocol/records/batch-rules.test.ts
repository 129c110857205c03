import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js'
import { BatchOffsets } from '../../../../src/broker/protocol/records/batch-layout.js'
import { batchCrcFault, batchFieldFault, computeBatchCrc } from '../../../../src/broker/protocol/records/batch-rules.js'
import { buildRecordBatch } from '../../../../src/broker/protocol/records/record-batch-builder.js'
import { validateRecordSet } from '../../../../src/broker/protocol/records/record-batch.js'
import { buildEndTxnMarker } from '../../../../src/broker/protocol/records/end-txn-marker.js'

function batchOf(n: number, options: Parameters<typeof buildRecordBatch>[1] = {}): Buffer {
  return buildRecordBatch(
    Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.alloc(8, i), timestamp: 1000n + BigInt(i) })),
    options,
  )
}

/** Rewrites an int32 header field and fixes the CRC, so only the field's rule can fail. */
function withInt32(b: Buffer, field: number, value: number): Buffer {
  const copy = Buffer.from(b)
  copy.writeInt32BE(value, field)
  copy.writeUInt32BE(computeBatchCrc(copy, 0, copy.length), BatchOffsets.crc)
  return copy
}

describe('record batch rules (shared by validateRecordSet and the log append scan)', () => {
  it('finds nothing wrong with a sound client batch, at any position in a buffer', () => {
    const b = batchOf(3, { producerId: 4n, producerEpoch: 0, baseSequence: 0 })
    const set = Buffer.concat([Buffer.alloc(7), b])
    expect(batchCrcFault(set, 7, b.length)).toBeNull()
    expect(batchFieldFault(set, 7, true)).toBeNull()
  })

  it('reports a CRC mismatch with both values', () => {
    const b = batchOf(1)
    const stored = b.readUInt32BE(BatchOffsets.crc)
    b.writeUInt8(b.readUInt8(b.length - 1) ^ 0xff, b.length - 1)
    expect(batchCrcFault(b, 0, b.length)).toEqual({ kind: 'crc', stored, computed: computeBatchCrc(b, 0, b.length) })
  })

  it('checks the offset range of every batch, and counts, control and sequence only for clients', () => {
    const b = batchOf(3)
    expect(batchFieldFault(withInt32(b, BatchOffsets.lastOffsetDelta, -1), 0, false)).toMatchObject({ kind: 'offset-range', lastOffsetDelta: -1 })
    expect(batchFieldFault(withInt32(b, BatchOffsets.recordsCount, 0), 0, true)).toMatchObject({ kind: 'records-count', recordsCount: 0 })
    expect(batchFieldFault(withInt32(b, BatchOffsets.recordsCount, 2), 0, true)).toMatchObject({ kind: 'count-mismatch', recordsCount: 2, lastOffsetDelta: 2 })
    const marker = buildEndTxnMarker({ producerId: 9n, producerEpoch: 1, committed: true, timestamp: 5n })
    expect(batchFieldFault(marker, 0, true)).toEqual({ kind: 'control' })
    expect(batchFieldFault(batchOf(1, { producerId: 3n, producerEpoch: 0, baseSequence: -1 }), 0, true)).toEqual({ kind: 'sequence', baseSequence: -1, producerId: 3n })
    // broker-written batches: a compacted batch keeps its offset range with fewer records
    expect(batchFieldFault(withInt32(b, BatchOffsets.recordsCount, 2), 0, false)).toBeNull()
    expect(batchFieldFault(marker, 0, false)).toBeNull()
  })

  it('validateRecordSet words each fault as a Kafka error code', () => {
    const b = batchOf(3)
    expect(validateRecordSet(withInt32(b, BatchOffsets.recordsCount, 0)).errorCode).toBe(ErrorCode.INVALID_RECORD)
    expect(validateRecordSet(withInt32(b, BatchOffsets.lastOffsetDelta, -1), { fromClient: false }).errorCode).toBe(ErrorCode.INVALID_RECORD)
    expect(validateRecordSet(withInt32(b, BatchOffsets.recordsCount, 2), { fromClient: false }).errorCode).toBe(ErrorCode.NONE)
  })
})
