import type { Kafka, Producer } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { buildRecordBatch } from '../../src/broker/protocol/index.js'
import { WireClient } from '../broker/handlers/wire-client.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'
import { consumeValues, createTopics, latestOffset, readPartition } from './broker-transactions-helpers.js'

function txProducer(kafka: Kafka, transactionalId: string, transactionTimeout = 60_000): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout })
}

async function inTransaction(producer: Producer, topic: string, values: string[], commit: boolean): Promise<void> {
  const tx = await producer.transaction()
  await tx.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value })) })
  if (commit) await tx.commit()
  else await tx.abort()
}

describe('broker transactions with kafkajs', () => {
  let broker: Broker | undefined
  const cleanups: (() => Promise<void>)[] = []

  afterEach(async () => {
    await broker?.stop()
    broker = undefined
    for (const c of cleanups.splice(0)) await c()
  })

  it('shows committed records to read_committed consumers and hides aborted ones (read_uncommitted sees both)', async () => {
    broker = await startTestBroker()
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-visibility' }])
    const producer = txProducer(kafka, 'visibility')
    await producer.connect()
    await inTransaction(producer, 'tx-visibility', ['c1', 'c2'], true)
    await inTransaction(producer, 'tx-visibility', ['a1', 'a2'], false)
    await inTransaction(producer, 'tx-visibility', ['c3'], true)
    await producer.disconnect()

    expect(await consumeValues(kafka, 'tx-visibility', 3)).toEqual(['c1', 'c2', 'c3'])
    expect(await consumeValues(kafka, 'tx-visibility', 5, { readUncommitted: true })).toEqual(['c1', 'c2', 'a1', 'a2', 'c3'])
    const committed = await readPartition(broker.address.port, 'tx-visibility', 0, true)
    expect(committed.values).toEqual(['c1', 'c2', 'c3'])
    // 5 records + 3 markers; nothing open, so LSO = HW.
    expect(committed).toMatchObject({ highWatermark: 8n, lastStableOffset: 8n })
    expect(await latestOffset(broker.address.port, 'tx-visibility', 0, true)).toBe(8n)
  })

  it('pins the LSO while a transaction is open: read_committed sees nothing of it until the commit', async () => {
    broker = await startTestBroker()
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-open' }])
    const plain = kafka.producer()
    await plain.connect()
    await plain.send({ topic: 'tx-open', messages: [{ value: 'before' }] })
    const producer = txProducer(kafka, 'open')
    await producer.connect()
    const tx = await producer.transaction()
    await tx.send({ topic: 'tx-open', messages: [{ value: 'pending' }] })
    await plain.send({ topic: 'tx-open', messages: [{ value: 'after' }] })
    const port = broker.address.port
    expect(await latestOffset(port, 'tx-open', 0, true)).toBe(1n)
    expect(await latestOffset(port, 'tx-open', 0, false)).toBe(3n)
    expect((await readPartition(port, 'tx-open', 0, true)).values).toEqual(['before'])
    await tx.commit()
    expect((await readPartition(port, 'tx-open', 0, true)).values).toEqual(['before', 'pending', 'after'])
    await plain.disconnect()
    await producer.disconnect()
  })

  it('commits sendOffsets group offsets only when the transaction commits', async () => {
    broker = await startTestBroker()
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-in' }, { topic: 'tx-out' }])
    const admin = kafka.admin()
    await admin.connect()
    cleanups.push(() => admin.disconnect())
    const producer = txProducer(kafka, 'offsets')
    await producer.connect()
    const committedOffset = async (): Promise<string> => (await admin.fetchOffsets({ groupId: 'eos-group', topics: ['tx-in'] }))[0]!.partitions[0]!.offset

    let tx = await producer.transaction()
    await tx.send({ topic: 'tx-out', messages: [{ value: 'x' }] })
    await tx.sendOffsets({ consumerGroupId: 'eos-group', topics: [{ topic: 'tx-in', partitions: [{ partition: 0, offset: '5' }] }] })
    await tx.abort()
    expect(await committedOffset()).toBe('-1')

    tx = await producer.transaction()
    await tx.send({ topic: 'tx-out', messages: [{ value: 'y' }] })
    await tx.sendOffsets({ consumerGroupId: 'eos-group', topics: [{ topic: 'tx-in', partitions: [{ partition: 0, offset: '7' }] }] })
    expect(await committedOffset()).toBe('-1')
    await tx.commit()
    expect(await committedOffset()).toBe('7')
    expect((await readPartition(broker.address.port, 'tx-out', 0, true)).values).toEqual(['y'])
    await producer.disconnect()
  })

  it('fences the first producer when a second one initializes the same transactional id', async () => {
    broker = await startTestBroker()
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-fence' }])
    const first = txProducer(kafka, 'fenced-id')
    await first.connect()
    const tx1 = await first.transaction()
    await tx1.send({ topic: 'tx-fence', messages: [{ value: 'zombie' }] })

    const second = txProducer(kafka, 'fenced-id')
    await second.connect()
    // Its InitProducerId aborts the first instance's open transaction and bumps the epoch.
    await inTransaction(second, 'tx-fence', ['winner'], true)

    await expect(tx1.send({ topic: 'tx-fence', messages: [{ value: 'late' }] })).rejects.toThrow(/epoch|fenced/i)
    await expect(tx1.commit()).rejects.toThrow()
    expect((await readPartition(broker.address.port, 'tx-fence', 0, true)).values).toEqual(['winner'])
    await first.disconnect()
    await second.disconnect()
  })

  it('aborts a transaction left open past its timeout, which frees the LSO and fences the producer', async () => {
    broker = await startTestBroker({ transactionAbortCheckIntervalMs: 50 })
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-timeout' }])
    const producer = txProducer(kafka, 'slow', 1000)
    await producer.connect()
    const tx = await producer.transaction()
    await tx.send({ topic: 'tx-timeout', messages: [{ value: 'abandoned' }] })
    const port = broker.address.port
    expect(await latestOffset(port, 'tx-timeout', 0, true)).toBe(0n)
    await waitFor(async () => (await latestOffset(port, 'tx-timeout', 0, true)) === 2n, { timeoutMs: 10_000, what: 'the LSO to pass the timed-out transaction' })
    expect((await readPartition(port, 'tx-timeout', 0, true)).values).toEqual([])
    expect((await readPartition(port, 'tx-timeout', 0, false)).values).toEqual(['abandoned'])
    await expect(tx.commit()).rejects.toThrow()
    await producer.disconnect()
  })

  it('answers a retried idempotent batch with its original offset and stores it once', async () => {
    broker = await startTestBroker()
    const client = await WireClient.connect(broker.address.port)
    try {
      await client.request(19, 3, { topics: [{ name: 'idem', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
      const { producerId } = await client.request(22, 1, { transactionalId: null, transactionTimeoutMs: -1 })
      const produce = (seq: number, value: string) => {
        const records = buildRecordBatch([{ value: Buffer.from(value), timestamp: 1n }], { producerId, producerEpoch: 0, baseSequence: seq })
        return client.request(0, 7, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 'idem', partitionData: [{ index: 0, records }] }] })
      }
      const first = await produce(0, 'one')
      await produce(1, 'two')
      const retry = await produce(0, 'one')
      expect(retry.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: first.responses[0]!.partitionResponses[0]!.baseOffset })
      const gap = await produce(5, 'gap')
      expect(gap.responses[0]!.partitionResponses[0]!.errorCode).toBe(45)
      expect((await readPartition(broker.address.port, 'idem', 0, false)).values).toEqual(['one', 'two'])
    } finally {
      client.close()
    }
  })

  it('keeps idempotent producer state across a restart: a retried batch is still a duplicate, a gap still an error', async () => {
    const dir = await tempDir('tributary-idem-restart-')
    cleanups.push(dir.cleanup)
    broker = await startTestBroker({ dataDir: dir.path })
    let client = await WireClient.connect(broker.address.port)
    await client.request(19, 3, { topics: [{ name: 'idem-restart', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
    const { producerId } = await client.request(22, 1, { transactionalId: null, transactionTimeoutMs: -1 })
    const produce = (seq: number, value: string) =>
      client.request(0, 7, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 1000,
        topicData: [{ name: 'idem-restart', partitionData: [{ index: 0, records: buildRecordBatch([{ value: Buffer.from(value), timestamp: 1n }], { producerId, producerEpoch: 0, baseSequence: seq }) }] }],
      })
    await produce(0, 'one')
    const second = await produce(1, 'two')
    client.close()
    await broker.stop()
    broker = await startTestBroker({ dataDir: dir.path })
    client = await WireClient.connect(broker.address.port)
    try {
      const retry = await produce(1, 'two')
      expect(retry.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: second.responses[0]!.partitionResponses[0]!.baseOffset })
      expect((await produce(3, 'gap')).responses[0]!.partitionResponses[0]!.errorCode).toBe(45)
      expect((await produce(2, 'three')).responses[0]!.partitionResponses[0]!.errorCode).toBe(0)
      expect((await readPartition(broker.address.port, 'idem-restart', 0, false)).values).toEqual(['one', 'two', 'three'])
    } finally {
      client.close()
    }
  })

  it('loses nothing committed and exposes nothing aborted across a broker restart, aborting what was open', async () => {
    const dir = await tempDir('tributary-txn-restart-')
    cleanups.push(dir.cleanup)
    broker = await startTestBroker({ dataDir: dir.path })
    let kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'tx-restart', numPartitions: 2 }])
    const producer = txProducer(kafka, 'restart')
    await producer.connect()
    const send = async (values: string[], commit: boolean | null) => {
      const tx = await producer.transaction()
      await tx.send({ topic: 'tx-restart', messages: values.map((value, i) => ({ partition: i % 2, value })) })
      if (commit === true) await tx.commit()
      if (commit === false) await tx.abort()
      return tx
    }
    await send(['c1', 'c2'], true)
    await send(['a1', 'a2'], false)
    const withOffsets = await producer.transaction()
    await withOffsets.sendOffsets({ consumerGroupId: 'restart-group', topics: [{ topic: 'tx-restart', partitions: [{ partition: 0, offset: '3' }] }] })
    await withOffsets.commit()
    const open = await send(['o1', 'o2'], null)
    await open.sendOffsets({ consumerGroupId: 'restart-group', topics: [{ topic: 'tx-restart', partitions: [{ partition: 0, offset: '9' }] }] })
    await broker.stop()
    broker = await startTestBroker({ dataDir: dir.path })
    kafka = kafkaFor(broker)
    const port = broker.address.port
    for (const partition of [0, 1]) {
      const committed = await readPartition(port, 'tx-restart', partition, true)
      expect(committed.values).toEqual([partition === 0 ? 'c1' : 'c2'])
      // The open transaction was aborted on restart: the LSO is free again.
      expect(committed.lastStableOffset).toBe(committed.highWatermark)
      expect((await readPartition(port, 'tx-restart', partition, false)).values).toEqual(partition === 0 ? ['c1', 'a1', 'o1'] : ['c2', 'a2', 'o2'])
    }
    await expect(open.commit()).rejects.toThrow()
    await producer.disconnect().catch(() => undefined)
    const admin = kafka.admin()
    await admin.connect()
    // The committed transaction's offset survived; the open one's pending offset was dropped.
    expect((await admin.fetchOffsets({ groupId: 'restart-group', topics: ['tx-restart'] }))[0]!.partitions.find((p) => p.partition === 0)!.offset).toBe('3')
    await admin.disconnect()
    const next = txProducer(kafka, 'restart')
    await next.connect()
    const tx = await next.transaction()
    await tx.send({ topic: 'tx-restart', messages: [{ partition: 0, value: 'c3' }] })
    await tx.commit()
    await next.disconnect()
    expect(await consumeValues(kafka, 'tx-restart', 3)).toEqual(expect.arrayContaining(['c1', 'c2', 'c3']))
    expect((await readPartition(port, 'tx-restart', 0, true)).values).toEqual(['c1', 'c3'])
  })
})
