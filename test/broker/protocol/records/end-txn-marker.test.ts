import { describe, expect, it } from 'vitest'
import { buildEndTxnMarker, parseEndTxnMarker } from '../../../../src/broker/protocol/records/end-txn-marker.js'
import { readBatchHeader, validateRecordSet } from '../../../../src/broker/protocol/records/record-batch.js'
import { decodeRecords } from '../../../../src/broker/protocol/records/record-decoder.js'

describe('transaction markers', () => {
  it('builds a one-record transactional control batch with base sequence -1', () => {
    const b = buildEndTxnMarker({ producerId: 77n, producerEpoch: 3, committed: false, coordinatorEpoch: 5, timestamp: 1234n, baseOffset: 40n })
    const h = readBatchHeader(b)
    expect(h).toMatchObject({
      baseOffset: 40n,
      attributes: 0x30,
      isControl: true,
      isTransactional: true,
      producerId: 77n,
      producerEpoch: 3,
      baseSequence: -1,
      lastOffsetDelta: 0,
      recordsCount: 1,
      maxTimestamp: 1234n,
    })
    expect(validateRecordSet(b, { fromClient: false }).errorCode).toBe(0)
  })

  it('writes the abort key as exactly 00 00 00 00 (what kafkajs matches) and the value with the coordinator epoch', () => {
    const [r] = decodeRecords(buildEndTxnMarker({ producerId: 1n, producerEpoch: 0, committed: false, coordinatorEpoch: 5, timestamp: 0n }))
    expect([...(r?.key ?? [])]).toEqual([0, 0, 0, 0])
    expect([...(r?.value ?? [])]).toEqual([0, 0, 0, 0, 0, 5])
    expect(parseEndTxnMarker(r?.key ?? null, r?.value ?? null)).toEqual({ committed: false, coordinatorEpoch: 5 })
  })

  it('parses a commit marker and rejects unknown control keys', () => {
    const [r] = decodeRecords(buildEndTxnMarker({ producerId: 1n, producerEpoch: 0, committed: true, timestamp: 0n }))
    expect([...(r?.key ?? [])]).toEqual([0, 0, 0, 1])
    expect(parseEndTxnMarker(r?.key ?? null, r?.value ?? null)).toEqual({ committed: true, coordinatorEpoch: 0 })
    expect(parseEndTxnMarker(Buffer.from([0, 1, 0, 1]), null)).toBeNull()
    expect(parseEndTxnMarker(Buffer.from([0, 0, 0, 7]), null)).toBeNull()
    expect(parseEndTxnMarker(null, null)).toBeNull()
  })
})
