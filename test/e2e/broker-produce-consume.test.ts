import { CompressionTypes, Partitioners, type Kafka } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'

const PARTITIONS = 3

/** Where kafkajs's default (murmur2) partitioner sends `key` on a topic with `n` partitions. */
function defaultPartitionOf(topic: string, key: string, n: number): number {
  const partitioner = Partitioners.DefaultPartitioner()
  const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }))
  return partitioner({ topic, partitionMetadata, message: { key, value: null } })
}

describe('broker with kafkajs: produce and consume', () => {
  let broker: Broker
  let kafka: Kafka

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    kafka = kafkaFor(broker)
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('delivers 100K keyed records over 3 partitions to the partition the default partitioner picks, in order', async () => {
    const topic = 'hundred-k'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })
    await admin.disconnect()

    const total = 100_000
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    await producer.connect()
    const sentPartitionOfKey = new Map<string, number>()
    for (let start = 0; start < total; start += 5000) {
      const messages = []
      for (let i = start; i < start + 5000; i++) messages.push({ key: `key-${i % 997}`, value: `value-${i}` })
      const result = await producer.send({ topic, acks: -1, messages, compression: start === 0 ? CompressionTypes.GZIP : CompressionTypes.None })
      expect(result.every((r) => r.errorCode === 0)).toBe(true)
    }
    await producer.disconnect()

    const consumer = kafka.consumer({ groupId: 'hundred-k-reader', maxWaitTimeInMs: 200 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const lastSeqByKey = new Map<string, number>()
    const nextOffset = new Map<number, bigint>()
    let received = 0
    let orderViolations = 0
    let misplaced = 0
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            const key = m.key!.toString()
            const seq = Number(m.value!.toString().slice('value-'.length))
            if ((lastSeqByKey.get(key) ?? -1) >= seq) orderViolations++
            lastSeqByKey.set(key, seq)
            const expectedOffset = nextOffset.get(batch.partition) ?? 0n
            if (BigInt(m.offset) !== expectedOffset) orderViolations++
            nextOffset.set(batch.partition, BigInt(m.offset) + 1n)
            const expectedPartition = sentPartitionOfKey.get(key) ?? defaultPartitionOf(topic, key, PARTITIONS)
            sentPartitionOfKey.set(key, expectedPartition)
            if (batch.partition !== expectedPartition) misplaced++
            received++
          }
          if (received >= total) resolve()
        },
      })
    })
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${received} of ${total} received`)), 25_000))])
    await consumer.disconnect()
    expect(received).toBe(total)
    expect(orderViolations).toBe(0)
    expect(misplaced).toBe(0)
    // All three partitions got data, and their offsets add up to the total.
    expect([...nextOffset.keys()].sort()).toEqual([0, 1, 2])
    expect([...nextOffset.values()].reduce((a, b) => a + b, 0n)).toBe(BigInt(total))
  })

  it('returns a parked fetch as soon as data is produced, long before max_wait_ms', async () => {
    const topic = 'long-poll'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
    await admin.disconnect()
    const consumer = kafka.consumer({ groupId: 'long-poll-reader', maxWaitTimeInMs: 10_000 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    let fetchStarted!: () => void
    const firstFetch = new Promise<void>((resolve) => (fetchStarted = resolve))
    consumer.on(consumer.events.FETCH_START, () => fetchStarted())
    let received!: (at: number) => void
    const got = new Promise<number>((resolve) => (received = resolve))
    await consumer.run({ eachMessage: async () => received(Date.now()) })
    await firstFetch
    const producer = kafka.producer()
    await producer.connect()
    const sentAt = Date.now()
    await producer.send({ topic, messages: [{ value: 'wake up' }] })
    const receivedAt = await got
    await producer.disconnect()
    await consumer.disconnect()
    expect(receivedAt - sentAt).toBeLessThan(3000)
  })

  it('finds offsets by timestamp with ListOffsets', async () => {
    const topic = 'by-time'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
    const producer = kafka.producer()
    await producer.connect()
    for (let i = 0; i < 5; i++) {
      await producer.send({ topic, messages: [{ value: `v${i}`, timestamp: String(1_000_000 + i * 1000) }] })
    }
    await producer.disconnect()
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, 1_002_000)).toEqual([{ partition: 0, offset: '2' }])
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, 1_001_500)).toEqual([{ partition: 0, offset: '2' }])
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, 0)).toEqual([{ partition: 0, offset: '0' }])
    // Past the last record Kafka answers -1, which kafkajs replaces by the high watermark.
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, 9_999_999)).toEqual([{ partition: 0, offset: '5' }])
    const offsets = await admin.fetchTopicOffsets(topic)
    expect(offsets).toEqual([{ partition: 0, offset: '5', high: '5', low: '0' }])
    await admin.disconnect()
  })

  it('accepts an idempotent producer (InitProducerId, sequenced batches)', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const first = await producer.send({ topic: 'idempotent', messages: [{ value: 'a' }, { value: 'b' }] })
    const second = await producer.send({ topic: 'idempotent', messages: [{ value: 'c' }] })
    await producer.disconnect()
    expect(first[0]).toMatchObject({ errorCode: 0, baseOffset: '0' })
    expect(second[0]).toMatchObject({ errorCode: 0, baseOffset: '2' })
  })

  it('rejects a batch larger than max.message.bytes for that request only and keeps serving', async () => {
    const topic = 'small-messages'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '10000' }] }] })
    await admin.disconnect()
    const producer = kafka.producer()
    await producer.connect()
    await expect(producer.send({ topic, messages: [{ value: Buffer.alloc(20_000, 1) }] })).rejects.toMatchObject({
      type: 'MESSAGE_TOO_LARGE',
    })
    const [meta] = await producer.send({ topic, messages: [{ value: 'small' }] })
    expect(meta).toMatchObject({ topicName: topic, partition: 0, errorCode: 0, baseOffset: '0' })
    await producer.disconnect()
  })
})

describe('broker with kafkajs: auto-creation off', () => {
  let broker: Broker

  beforeAll(async () => {
    broker = await startTestBroker({ autoCreateTopics: false })
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('fails a send to an unknown topic with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const kafka = kafkaFor(broker, { retry: { retries: 1, initialRetryTime: 20, maxRetryTime: 50 } })
    const producer = kafka.producer()
    await producer.connect()
    const error = await producer.send({ topic: 'does-not-exist', messages: [{ value: 'x' }] }).then(
      () => undefined,
      (e: unknown) => e,
    )
    await producer.disconnect()
    expect(error).toBeDefined()
    const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`
    expect(text).toMatch(/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/)
    const admin = kafka.admin()
    await admin.connect()
    expect(await admin.listTopics()).not.toContain('does-not-exist')
    await admin.disconnect()
  })
})
