import { describe, expect, it } from 'vitest'
import { PartitionLog } from '../../../src/broker/log/partition-log.js'
import { buildEndTxnMarker, buildRecordBatch, readBatchHeader } from '../../../src/broker/protocol/index.js'
import { transactionalReadIsolation } from '../../../src/broker/transaction/transactional-read-isolation.js'

function plain(v: string): Buffer {
  return buildRecordBatch([{ value: Buffer.from(v), timestamp: 1n }])
}

function txn(v: string, seq: number): Buffer {
  return buildRecordBatch([{ value: Buffer.from(v), timestamp: 1n }], { producerId: 9n, producerEpoch: 0, baseSequence: seq, transactional: true })
}

/** Offsets of the batches in a read. */
function offsets(records: readonly Buffer[]): bigint[] {
  const out: bigint[] = []
  for (const buf of records) {
    for (let pos = 0; pos < buf.length; ) {
      const h = readBatchHeader(buf, pos)
      out.push(h.baseOffset)
      pos += h.size
    }
  }
  return out
}

/** 0-4 plain, 5-6 aborted transaction (pid 9), 7 plain, 8 its ABORT marker, 9 plain. */
function logWithAbortedTransaction(): { log: PartitionLog; size: number } {
  const log = PartitionLog.open({ topic: 't', partition: 0 })
  for (let i = 0; i < 5; i++) log.append(plain(`p${i}`))
  log.append(txn('a0', 0))
  log.append(txn('a1', 1))
  log.append(plain('p7'))
  log.append(buildEndTxnMarker({ producerId: 9n, producerEpoch: 0, committed: false, timestamp: 1n }), { origin: 'coordinator' })
  log.append(plain('p9'))
  return { log, size: plain('p0').length }
}

describe('transactionalReadIsolation', () => {
  it('reads below the LSO and reports the aborted transactions of exactly the returned range', () => {
    const { log, size } = logWithAbortedTransaction()
    const whole = transactionalReadIsolation.readCommitted!(log, 0n, 1 << 20, true)
    expect(offsets(whole.read.records)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n])
    expect(whole.abortedTransactions).toEqual([{ producerId: 9n, firstOffset: 5n }])
    expect(whole.lastStableOffset).toBe(10n)
    const head = transactionalReadIsolation.readCommitted!(log, 0n, 3 * size, true)
    expect(offsets(head.read.records)).toEqual([0n, 1n, 2n])
    expect(head.abortedTransactions).toEqual([])
  })

  it('ends a read before an aborted transaction whose ABORT marker would not fit', () => {
    const { log, size } = logWithAbortedTransaction()
    const r = transactionalReadIsolation.readCommitted!(log, 0n, 7 * size, true)
    expect(offsets(r.read.records)).toEqual([0n, 1n, 2n, 3n, 4n])
    expect(r.abortedTransactions).toEqual([])
  })

  it('extends a read that starts inside an aborted transaction up to its ABORT marker', () => {
    const { log, size } = logWithAbortedTransaction()
    const r = transactionalReadIsolation.readCommitted!(log, 5n, 2 * size, true)
    expect(offsets(r.read.records)).toEqual([5n, 6n, 7n, 8n])
    expect(r.abortedTransactions).toEqual([{ producerId: 9n, firstOffset: 5n }])
  })

  it('never returns data of an open transaction', () => {
    const log = PartitionLog.open({ topic: 't', partition: 0 })
    log.append(plain('p0'))
    log.append(txn('open', 0))
    log.append(plain('p2'))
    const r = transactionalReadIsolation.readCommitted!(log, 0n, 1 << 20, true)
    expect(offsets(r.read.records)).toEqual([0n])
    expect(r.lastStableOffset).toBe(1n)
    expect(transactionalReadIsolation.lastStableOffset(log)).toBe(1n)
  })
})
