import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../../src/broker/index.js'
import { buildRecordBatch, ErrorCode } from '../../../src/broker/protocol/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from '../handlers/wire-client.js'

describe('transaction APIs over the wire (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn, Produce)', () => {
  let broker: Broker
  let client: WireClient

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, logger: silentLogger, autoCreateTopics: false, transactionMaxTimeoutMs: 60_000 })
    client = await WireClient.connect(broker.address.port)
    await client.request(19, 3, { topics: [{ name: 'wire-txn', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000 })
  })

  afterAll(async () => {
    client?.close()
    await broker?.stop()
  })

  const init = (transactionalId: string, timeout = 30_000) => client.request(22, 1, { transactionalId, transactionTimeoutMs: timeout })
  const addPartitions = (id: string, pid: bigint, epoch: number, topic: string, partitions: number[]) =>
    client.request(24, 1, { v3AndBelowTransactionalId: id, v3AndBelowProducerId: pid, v3AndBelowProducerEpoch: epoch, v3AndBelowTopics: [{ name: topic, partitions }] })
  const produce = (id: string | null, pid: bigint, epoch: number, seq: number, partition = 0) =>
    client.request(0, 7, {
      transactionalId: id,
      acks: -1,
      timeoutMs: 1000,
      topicData: [
        {
          name: 'wire-txn',
          partitionData: [{ index: partition, records: buildRecordBatch([{ value: Buffer.from('v'), timestamp: 1n }], { producerId: pid, producerEpoch: epoch, baseSequence: seq, transactional: true }) }],
        },
      ],
    })

  it('answers INVALID_TRANSACTION_TIMEOUT above transactionMaxTimeoutMs', async () => {
    expect((await init('too-long', 60_001)).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
  })

  it('answers UNKNOWN_TOPIC_OR_PARTITION / OPERATION_NOT_ATTEMPTED for AddPartitionsToTxn with an unknown partition', async () => {
    const { producerId, producerEpoch } = await init('unknown-partition')
    const res = await client.request(24, 1, {
      v3AndBelowTransactionalId: 'unknown-partition',
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: [
        { name: 'wire-txn', partitions: [0] },
        { name: 'nope', partitions: [0] },
      ],
    })
    expect(res.resultsByTopicV3AndBelow.map((t) => t.resultsByPartition[0]!.partitionErrorCode)).toEqual([
      ErrorCode.OPERATION_NOT_ATTEMPTED,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ])
  })

  it('refuses a transactional produce to a partition not added to the transaction (INVALID_TXN_STATE)', async () => {
    const { producerId, producerEpoch } = await init('unverified')
    const refused = await produce('unverified', producerId, producerEpoch, 0)
    expect(refused.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.INVALID_TXN_STATE)
    expect((await addPartitions('unverified', producerId, producerEpoch, 'wire-txn', [0])).resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(0)
    expect((await produce('unverified', producerId, producerEpoch, 0)).responses[0]!.partitionResponses[0]!.errorCode).toBe(0)
    expect((await client.request(26, 1, { transactionalId: 'unverified', producerId, producerEpoch, committed: false })).errorCode).toBe(0)
  })

  it('stages TxnOffsetCommit offsets only for a group added with AddOffsetsToTxn, and applies them on commit', async () => {
    const { producerId, producerEpoch } = await init('offsets')
    const commit = () =>
      client.request(28, 1, {
        transactionalId: 'offsets',
        groupId: 'wire-group',
        producerId,
        producerEpoch,
        topics: [{ name: 'wire-txn', partitions: [{ partitionIndex: 1, committedOffset: 42n, committedMetadata: null }] }],
      })
    expect((await commit()).topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.INVALID_TXN_STATE)
    expect((await client.request(25, 1, { transactionalId: 'offsets', producerId, producerEpoch, groupId: 'wire-group' })).errorCode).toBe(0)
    expect((await commit()).topics[0]!.partitions[0]!.errorCode).toBe(0)
    const fetchOffset = async () =>
      (await client.request(9, 4, { groupId: 'wire-group', topics: [{ name: 'wire-txn', partitionIndexes: [1] }] })).topics[0]!.partitions[0]!.committedOffset
    expect(await fetchOffset()).toBe(-1n)
    expect((await client.request(26, 1, { transactionalId: 'offsets', producerId, producerEpoch, committed: true })).errorCode).toBe(0)
    expect(await fetchOffset()).toBe(42n)
  })

  it('answers EndTxn with INVALID_TXN_STATE without a transaction and INVALID_PRODUCER_EPOCH for a fenced epoch', async () => {
    const first = await init('ended')
    expect((await client.request(26, 1, { transactionalId: 'ended', producerId: first.producerId, producerEpoch: first.producerEpoch, committed: true })).errorCode).toBe(
      ErrorCode.INVALID_TXN_STATE,
    )
    await init('ended')
    expect((await client.request(26, 1, { transactionalId: 'ended', producerId: first.producerId, producerEpoch: first.producerEpoch, committed: true })).errorCode).toBe(
      ErrorCode.INVALID_PRODUCER_EPOCH,
    )
  })
})
