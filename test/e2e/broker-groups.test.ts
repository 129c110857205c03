import type { Consumer, Kafka } from 'kafkajs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'

interface Tracked {
  readonly consumer: Consumer
  /** Partitions currently assigned, by topic. */
  assigned: number[]
  readonly received: string[]
}

/** A consumer that records its assignment (from GROUP_JOIN) and the values it receives. */
async function trackedConsumer(kafka: Kafka, groupId: string, topic: string): Promise<Tracked> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 })
  const tracked: Tracked = { consumer, assigned: [], received: [] }
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    tracked.assigned = [...(e.payload.memberAssignment[topic] ?? [])].sort()
  })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({ eachMessage: async ({ message }) => void tracked.received.push(message.value!.toString()) })
  return tracked
}

describe('broker with kafkajs: consumer groups', () => {
  let broker: Broker
  let kafka: Kafka
  const consumers: Consumer[] = []

  beforeAll(async () => {
    broker = await startTestBroker()
    kafka = kafkaFor(broker)
  })

  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.disconnect()
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('splits the partitions between two members and gives all to the survivor when one leaves', async () => {
    const topic = 'split-me'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] })
    await admin.disconnect()

    const a = await trackedConsumer(kafka, 'splitters', topic)
    consumers.push(a.consumer)
    await waitFor(() => a.assigned.length === 4, { what: 'first member owns all four partitions', timeoutMs: 15_000 })
    const b = await trackedConsumer(kafka, 'splitters', topic)
    consumers.push(b.consumer)
    await waitFor(() => a.assigned.length === 2 && b.assigned.length === 2, { what: 'two members with two partitions each', timeoutMs: 15_000 })
    expect([...a.assigned, ...b.assigned].sort()).toEqual([0, 1, 2, 3])

    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic, messages: Array.from({ length: 40 }, (_, i) => ({ value: `v${i}`, partition: i % 4 })) })
    await waitFor(() => a.received.length + b.received.length === 40, { what: '40 records across both members' })
    expect(a.received.length).toBe(20)
    expect(b.received.length).toBe(20)

    await b.consumer.disconnect()
    consumers.splice(consumers.indexOf(b.consumer), 1)
    await waitFor(() => a.assigned.length === 4, { what: 'the survivor owns all partitions again', timeoutMs: 15_000 })
    await producer.send({ topic, messages: Array.from({ length: 8 }, (_, i) => ({ value: `late${i}`, partition: i % 4 })) })
    await waitFor(() => a.received.filter((v) => v.startsWith('late')).length === 8, { what: 'the survivor reads every partition' })
    await producer.disconnect()
  })
})

describe('broker with kafkajs: committed offsets across a restart', () => {
  it('resumes a group from its committed offsets after the broker restarts on the same data dir', async () => {
    const dir = await tempDir()
    let broker = await startTestBroker({ dataDir: dir.path })
    try {
      const topic = 'durable'
      let kafka = kafkaFor(broker)
      const producer = kafka.producer()
      await producer.connect()
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ value: `first-${i}` })) })
      await producer.disconnect()

      const first = await trackedConsumer(kafka, 'resumer', topic)
      await waitFor(() => first.received.length === 10, { what: 'the first ten records' })
      await first.consumer.disconnect() // commits on the way out

      await broker.stop()
      broker = await startTestBroker({ dataDir: dir.path })
      kafka = kafkaFor(broker)
      const again = kafka.producer()
      await again.connect()
      await again.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `second-${i}` })) })
      await again.disconnect()

      const second = await trackedConsumer(kafka, 'resumer', topic)
      await waitFor(() => second.received.length === 5, { what: 'the five new records' })
      await second.consumer.disconnect()
      expect(second.received).toEqual(['second-0', 'second-1', 'second-2', 'second-3', 'second-4'])

      const admin = kafka.admin()
      await admin.connect()
      expect(await admin.fetchOffsets({ groupId: 'resumer', topics: [topic] })).toEqual([
        { topic, partitions: [{ partition: 0, offset: '15', metadata: null }] },
      ])
      await admin.disconnect()
    } finally {
      await broker.stop()
      await dir.cleanup()
    }
  })
})
