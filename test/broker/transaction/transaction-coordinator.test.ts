import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/broker/protocol/index.js'
import { TransactionCoordinator, type TransactionCoordinatorOptions } from '../../../src/broker/transaction/transaction-coordinator.js'
import { tempDir } from '../../helpers/temp-dir.js'

interface Marker {
  readonly tp: string
  readonly producerId: bigint
  readonly epoch: number
  readonly committed: boolean
}

/** A coordinator over recording fakes: markers and completed offsets are captured, time is manual. */
function harness(overrides: Partial<TransactionCoordinatorOptions> = {}) {
  const markers: Marker[] = []
  const completed: [bigint, boolean][] = []
  let nextPid = 1000n
  let failMarkers = false
  const clock = { now: 1_000_000 }
  const options: TransactionCoordinatorOptions = {
    producerIds: { allocate: () => nextPid++ },
    markers: {
      writeMarker: (topic, partition, producerId, epoch, committed) => {
        if (failMarkers) throw new Error('disk full')
        markers.push({ tp: `${topic}-${partition}`, producerId, epoch, committed })
        return true
      },
    },
    offsets: { completeTransactionalOffsets: (pid, commit) => void completed.push([pid, commit]) },
    partitionExists: (topic, partition) => topic !== 'missing' && partition < 3,
    clock: () => clock.now,
    ...overrides,
  }
  return {
    options,
    markers,
    completed,
    clock,
    failMarkers: (on: boolean) => {
      failMarkers = on
    },
    open: () => TransactionCoordinator.open(options),
  }
}

describe('TransactionCoordinator', () => {
  const open: TransactionCoordinator[] = []
  const dirs: (() => Promise<void>)[] = []

  afterEach(async () => {
    for (const c of open.splice(0)) c.shutdown()
    for (const d of dirs.splice(0)) await d()
  })

  function start(h: ReturnType<typeof harness>): TransactionCoordinator {
    const c = h.open()
    open.push(c)
    return c
  }

  it('gives a new transactional id a fresh producer id at epoch 0, and the same id a bumped epoch', () => {
    const c = start(harness())
    const first = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(first).toEqual({ errorCode: 0, producerId: 1000n, producerEpoch: 0 })
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })).toEqual({ errorCode: 0, producerId: 1000n, producerEpoch: 1 })
    expect(c.initProducerId({ transactionalId: 'other', transactionTimeoutMs: 60_000 }).producerId).toBe(1001n)
  })

  it('validates the transaction timeout against transaction.max.timeout.ms and refuses an empty id', () => {
    const c = start(harness({ maxTimeoutMs: 900_000 }))
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 900_001 }).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 0 }).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
    expect(c.initProducerId({ transactionalId: '', transactionTimeoutMs: 1000 }).errorCode).toBe(ErrorCode.INVALID_REQUEST)
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 900_000 }).errorCode).toBe(0)
  })

  it('moves Empty → Ongoing → CompleteCommit, writing a marker to every partition and completing group offsets', () => {
    const h = harness()
    const c = start(h)
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(c.addPartitions('tx', producerId, 0, [{ topic: 'a', partitions: [0, 1] }])).toEqual([
      { topic: 'a', results: [{ partition: 0, errorCode: 0 }, { partition: 1, errorCode: 0 }] },
    ])
    expect(c.transaction('tx')?.state).toBe('Ongoing')
    expect(c.addOffsets('tx', producerId, 0, 'group')).toBe(0)
    expect(c.addPartitions('tx', producerId, 0, [{ topic: 'b', partitions: [2] }])[0]!.results[0]!.errorCode).toBe(0)
    expect(c.endTxn('tx', producerId, 0, true)).toBe(0)
    expect(h.markers.map((m) => `${m.tp}:${m.committed}:${m.epoch}`).sort()).toEqual(['a-0:true:0', 'a-1:true:0', 'b-2:true:0'])
    expect(h.completed).toEqual([[producerId, true]])
    expect(c.transaction('tx')).toMatchObject({ state: 'CompleteCommit', startMs: -1 })
    expect(c.transaction('tx')?.partitions.size).toBe(0)
    // A retried EndTxn with the same outcome is fine; the other outcome is not.
    expect(c.endTxn('tx', producerId, 0, true)).toBe(0)
    expect(c.endTxn('tx', producerId, 0, false)).toBe(ErrorCode.INVALID_TXN_STATE)
  })

  it('answers INVALID_TXN_STATE to EndTxn without a transaction, 49 for a wrong producer id and 47 for a stale epoch', () => {
    const c = start(harness())
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(c.endTxn('tx', producerId, 0, true)).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(c.endTxn('unknown', producerId, 0, true)).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
    expect(c.endTxn('tx', producerId + 1n, 0, true)).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
    expect(c.addPartitions('tx', producerId, 1, [{ topic: 'a', partitions: [0] }])[0]!.results[0]!.errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(c.addOffsets('tx', 99n, 0, 'g')).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
  })

  it('answers UNKNOWN_TOPIC_OR_PARTITION for unknown partitions and OPERATION_NOT_ATTEMPTED for the others', () => {
    const c = start(harness())
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    const result = c.addPartitions('tx', producerId, 0, [
      { topic: 'a', partitions: [0] },
      { topic: 'missing', partitions: [0] },
    ])
    expect(result.map((t) => t.results[0]!.errorCode)).toEqual([ErrorCode.OPERATION_NOT_ATTEMPTED, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION])
    expect(c.transaction('tx')?.state).toBe('Empty')
  })

  it('fences the previous instance: InitProducerId on an ongoing transaction aborts it with a bumped epoch', () => {
    const h = harness()
    const c = start(h)
    const old = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    c.addPartitions('tx', old.producerId, 0, [{ topic: 'a', partitions: [0] }])
    const next = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(next).toEqual({ errorCode: 0, producerId: old.producerId, producerEpoch: 2 })
    expect(h.markers).toEqual([{ tp: 'a-0', producerId: old.producerId, epoch: 1, committed: false }])
    expect(h.completed).toEqual([[old.producerId, false]])
    expect(c.endTxn('tx', old.producerId, 0, true)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(c.addPartitions('tx', old.producerId, 0, [{ topic: 'a', partitions: [0] }])[0]!.results[0]!.errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
  })

  it('aborts a transaction older than its timeout, bumping the epoch so the producer is fenced', () => {
    const h = harness()
    const c = start(h)
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 5_000 })
    c.addPartitions('tx', producerId, 0, [{ topic: 'a', partitions: [0] }])
    h.clock.now += 4_000
    expect(c.runTimeouts(h.clock.now).aborted).toBe(0)
    h.clock.now += 2_000
    expect(c.runTimeouts(h.clock.now).aborted).toBe(1)
    expect(h.markers).toEqual([{ tp: 'a-0', producerId, epoch: 1, committed: false }])
    expect(c.transaction('tx')).toMatchObject({ state: 'CompleteAbort', producerEpoch: 1 })
    expect(c.endTxn('tx', producerId, 0, true)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 5_000 }).producerEpoch).toBe(2)
  })

  it('keeps a decided transaction when markers cannot be written, answers CONCURRENT_TRANSACTIONS, and completes it on retry', () => {
    const h = harness()
    const c = start(h)
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    c.addPartitions('tx', producerId, 0, [{ topic: 'a', partitions: [0] }])
    h.failMarkers(true)
    expect(c.endTxn('tx', producerId, 0, true)).toBe(0)
    expect(c.transaction('tx')?.state).toBe('PrepareCommit')
    expect(c.endTxn('tx', producerId, 0, true)).toBe(ErrorCode.CONCURRENT_TRANSACTIONS)
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 }).errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS)
    h.failMarkers(false)
    c.runTimeouts(h.clock.now)
    expect(c.transaction('tx')?.state).toBe('CompleteCommit')
    expect(h.markers).toEqual([{ tp: 'a-0', producerId, epoch: 0, committed: true }])
  })

  it('verifies produce and TxnOffsetCommit against the ongoing transaction', () => {
    const c = start(harness())
    const { producerId } = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(c.verifyTransactionalProduce('tx', producerId, 0, 'a', 0)).toBe(ErrorCode.INVALID_TXN_STATE)
    c.addPartitions('tx', producerId, 0, [{ topic: 'a', partitions: [0] }])
    expect(c.verifyTransactionalProduce('tx', producerId, 0, 'a', 0)).toBe(0)
    expect(c.verifyTransactionalProduce('tx', producerId, 0, 'a', 1)).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(c.verifyTransactionalProduce('tx', producerId, 1, 'a', 0)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
    expect(c.verifyTransactionalProduce(null, producerId, 0, 'a', 0)).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(c.checkTxnOffsetCommit('tx', producerId, 0, 'g')).toBe(ErrorCode.INVALID_TXN_STATE)
    c.addOffsets('tx', producerId, 0, 'g')
    expect(c.checkTxnOffsetCommit('tx', producerId, 0, 'g')).toBe(0)
    expect(c.checkTxnOffsetCommit('tx', 5n, 0, 'g')).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
  })

  it('allocates a new producer id once the epoch is exhausted', () => {
    const c = start(harness())
    let r = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    for (let i = 0; i < 32_766; i++) r = c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(r).toEqual({ errorCode: 0, producerId: 1000n, producerEpoch: 32_766 })
    expect(c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })).toEqual({ errorCode: 0, producerId: 1001n, producerEpoch: 0 })
  })

  it('forgets transactional ids idle for transactional.id.expiration.ms', () => {
    const h = harness({ transactionalIdExpirationMs: 10_000 })
    const c = start(h)
    c.initProducerId({ transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    h.clock.now += 10_001
    expect(c.runTimeouts(h.clock.now).expired).toBe(1)
    expect(c.transaction('tx')).toBeUndefined()
  })

  it('survives a restart: completes decided transactions and aborts open ones with a bumped epoch', async () => {
    const dir = await tempDir('tributary-txn-')
    dirs.push(dir.cleanup)
    const h = harness({ dataDir: dir.path })
    const c = h.open()
    const a = c.initProducerId({ transactionalId: 'open', transactionTimeoutMs: 60_000 })
    c.addPartitions('open', a.producerId, 0, [{ topic: 'a', partitions: [0] }])
    const b = c.initProducerId({ transactionalId: 'decided', transactionTimeoutMs: 60_000 })
    c.addPartitions('decided', b.producerId, 0, [{ topic: 'b', partitions: [1] }])
    h.failMarkers(true)
    c.endTxn('decided', b.producerId, 0, true)
    const done = c.initProducerId({ transactionalId: 'done', transactionTimeoutMs: 60_000 })
    c.shutdown()
    h.failMarkers(false)
    const reopened = start(h)
    expect(reopened.transaction('open')).toMatchObject({ state: 'CompleteAbort', producerEpoch: 1, producerId: a.producerId })
    expect(reopened.transaction('decided')).toMatchObject({ state: 'CompleteCommit', producerEpoch: 0 })
    expect(reopened.transaction('done')).toMatchObject({ state: 'Empty', producerId: done.producerId })
    expect(h.markers).toEqual(
      expect.arrayContaining([
        { tp: 'a-0', producerId: a.producerId, epoch: 1, committed: false },
        { tp: 'b-1', producerId: b.producerId, epoch: 0, committed: true },
      ]),
    )
    expect(reopened.initProducerId({ transactionalId: 'done', transactionTimeoutMs: 60_000 })).toEqual({
      errorCode: 0,
      producerId: done.producerId,
      producerEpoch: 1,
    })
  })
})
