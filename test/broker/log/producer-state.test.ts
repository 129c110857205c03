import { existsSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PartitionLog } from '../../../src/broker/log/partition-log.js'
import { PRODUCER_SNAPSHOT_FILE, writeProducerSnapshot } from '../../../src/broker/log/producer-state-snapshot.js'
import { TRANSACTION_INDEX_FILE } from '../../../src/broker/log/transaction-index.js'
import { buildEndTxnMarker, buildRecordBatch, ErrorCode } from '../../../src/broker/protocol/index.js'
import { logFixture, type LogFixture } from './helpers/log-modes.js'

function batch(pid: bigint, epoch: number, seq: number, count = 1, transactional = false): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`v${seq + i}`), timestamp: 1_000n }))
  return buildRecordBatch(records, { producerId: pid, producerEpoch: epoch, baseSequence: seq, transactional })
}

function marker(pid: bigint, epoch: number, committed: boolean): Buffer {
  return buildEndTxnMarker({ producerId: pid, producerEpoch: epoch, committed, timestamp: 2_000n })
}

/** Checks then appends, as the Produce path does; returns the check's error code (0 appended, -1 duplicate). */
function produce(log: PartitionLog, records: Buffer): number {
  const check = log.producerState.checkAppend(records)
  if (check.errorCode !== 0) return check.errorCode
  if (check.duplicateOffset >= 0n) return -1
  log.append(records)
  return 0
}

describe.each(['memory', 'file'] as const)('ProducerStateManager (%s)', (mode) => {
  let fx: LogFixture

  afterEach(async () => {
    await fx.cleanup()
  })

  it('accepts in-sequence batches and answers a retried batch with its original offset', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    expect(produce(log, batch(1n, 0, 0, 3))).toBe(0)
    expect(produce(log, batch(1n, 0, 3, 2))).toBe(0)
    const retry = log.producerState.checkAppend(batch(1n, 0, 0, 3))
    expect(retry.duplicateOffset).toBe(0n)
    expect(log.producerState.checkAppend(batch(1n, 0, 3, 2)).duplicateOffset).toBe(3n)
    expect(log.logEndOffset).toBe(5n)
  })

  it('rejects sequence gaps (45), lower epochs (47), and a non-zero first sequence for a new epoch (45)', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    expect(produce(log, batch(1n, 3, 0))).toBe(0)
    expect(produce(log, batch(1n, 3, 2))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
    expect(produce(log, batch(1n, 2, 1))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(produce(log, batch(1n, 4, 5))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
    expect(produce(log, batch(1n, 4, 0))).toBe(0)
    // A producer the partition does not know may start at any sequence (its state may have expired).
    expect(produce(log, batch(2n, 0, 42))).toBe(0)
    // Producer id -1 (kafkajs without idempotence sends epoch 0 / sequence 0) is never checked.
    expect(produce(log, batch(-1n, 0, 0))).toBe(0)
    expect(produce(log, batch(-1n, 0, 0))).toBe(0)
  })

  it('wraps sequences from int32 max to 0', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    expect(produce(log, batch(1n, 0, 2_147_483_646, 2))).toBe(0)
    expect(produce(log, batch(1n, 0, 0))).toBe(0)
  })

  it('checks consecutive batches of one record set against each other', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    expect(produce(log, Buffer.concat([batch(1n, 0, 0, 2), batch(1n, 0, 2, 2)]))).toBe(0)
    expect(produce(log, Buffer.concat([batch(1n, 0, 4), batch(1n, 0, 9)]))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
  })

  it('pins the last stable offset at the first batch of an open transaction until its marker', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    produce(log, batch(-1n, 0, 0, 2))
    const open = log.producerState.checkAppend(batch(5n, 0, 0, 1, true))
    expect(open.opensTransactionFor).toBe(5n)
    produce(log, batch(5n, 0, 0, 1, true))
    produce(log, batch(-1n, 0, 0, 1))
    expect(log.lastStableOffset).toBe(2n)
    expect(log.highWatermark).toBe(4n)
    // Already open: the next transactional batch opens nothing; a non-transactional one is refused.
    expect(log.producerState.checkAppend(batch(5n, 0, 1, 1, true)).opensTransactionFor).toBe(-1n)
    expect(produce(log, batch(5n, 0, 1, 1, false))).toBe(ErrorCode.INVALID_TXN_STATE)
    log.append(marker(5n, 0, true), { origin: 'coordinator' })
    expect(log.lastStableOffset).toBe(5n)
    expect(log.producerState.abortedTransactions(0n, 5n)).toEqual([])
  })

  it('indexes aborted transactions and reports those overlapping a fetch, sorted by first offset', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    produce(log, batch(7n, 0, 0, 1, true)) // 0
    produce(log, batch(8n, 0, 0, 1, true)) // 1
    log.append(marker(8n, 0, false), { origin: 'coordinator' }) // 2: abort 8 (first 1)
    produce(log, batch(7n, 0, 1, 1, true)) // 3
    log.append(marker(7n, 0, false), { origin: 'coordinator' }) // 4: abort 7 (first 0)
    produce(log, batch(9n, 0, 0, 1, true)) // 5
    log.append(marker(9n, 0, true), { origin: 'coordinator' }) // 6: commit
    expect(log.producerState.abortedTransactions(0n, 7n)).toEqual([
      { producerId: 7n, firstOffset: 0n },
      { producerId: 8n, firstOffset: 1n },
    ])
    expect(log.producerState.abortedTransactions(3n, 7n)).toEqual([{ producerId: 7n, firstOffset: 0n }])
    expect(log.producerState.abortedTransactions(5n, 7n)).toEqual([])
    expect(log.lastStableOffset).toBe(7n)
  })

  it('fences a producer whose epoch a marker bumped', async () => {
    fx = await logFixture(mode)
    const log = fx.open()
    produce(log, batch(4n, 0, 0, 1, true))
    log.append(marker(4n, 1, false), { origin: 'coordinator' })
    expect(produce(log, batch(4n, 0, 1, 1, true))).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(produce(log, batch(4n, 2, 0, 1, true))).toBe(0)
  })
})

describe('ProducerStateManager rebuild after a restart (file mode)', () => {
  let fx: LogFixture

  afterEach(async () => {
    await fx.cleanup()
  })

  function scenario(log: PartitionLog): void {
    produce(log, batch(1n, 0, 0, 2)) // 0-1 idempotent
    produce(log, batch(2n, 0, 0, 1, true)) // 2 aborted txn
    log.append(marker(2n, 0, false), { origin: 'coordinator' }) // 3
    produce(log, batch(3n, 0, 0, 1, true)) // 4 open txn
    produce(log, batch(1n, 0, 2, 2)) // 5-6
  }

  function expectRestored(log: PartitionLog): void {
    expect(log.lastStableOffset).toBe(4n)
    expect(log.producerState.abortedTransactions(0n, 7n)).toEqual([{ producerId: 2n, firstOffset: 2n }])
    expect(log.producerState.checkAppend(batch(1n, 0, 2, 2)).duplicateOffset).toBe(5n)
    expect(produce(log, batch(1n, 0, 9))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
    expect(produce(log, batch(3n, 0, 1, 1, false))).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(produce(log, batch(1n, 0, 4))).toBe(0)
  }

  it('restores sequences, open transactions and aborted transactions from the snapshot and the log after it', async () => {
    fx = await logFixture('file')
    let log = fx.open()
    produce(log, batch(1n, 0, 0, 2))
    log.maintainProducerState(Date.now()) // snapshot at offset 2
    scenario(log)
    log = fx.reopen(log)
    expectRestored(log)
  })

  it('rebuilds everything from the log when the snapshot and the transaction index are gone', async () => {
    fx = await logFixture('file')
    let log = fx.open()
    scenario(log)
    const dir = log.dir as string
    log.close()
    unlinkSync(join(dir, PRODUCER_SNAPSHOT_FILE))
    unlinkSync(join(dir, TRANSACTION_INDEX_FILE))
    log = fx.reopen(log)
    expect(existsSync(join(dir, TRANSACTION_INDEX_FILE))).toBe(true)
    expectRestored(log)
  })

  it('drops a snapshot taken past the end of a log that lost its tail', async () => {
    fx = await logFixture('file')
    let log = fx.open()
    scenario(log)
    log.close()
    // A snapshot from the future (the log lost its tail below it) must not be trusted.
    writeProducerSnapshot(log.dir as string, { offset: 1_000n, entries: [] })
    log = fx.reopen(log)
    expectRestored(log)
  })
})
