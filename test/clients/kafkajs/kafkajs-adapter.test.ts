import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../../src/broker/index.js'
import { KafkaJsClientSupplier } from '../../../src/clients/kafkajs/index.js'
import { Headers } from '../../../processor-api/headers.js'
import type { GroupAssignment, GroupAssignor, MemberSubscription } from '../../../src/runtime/ports.js'
import { kafkaFor, startTestBroker } from '../../e2e/broker-harness.js'
import { waitFor } from '../../helpers/wait-for.js'

describe('KafkaJsClientSupplier against the bundled broker', () => {
  let broker: Broker
  let clients: KafkaJsClientSupplier

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    clients = new KafkaJsClientSupplier({ kafka: kafkaFor(broker) })
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('creates topics with configs and reports partition counts only for existing topics', async () => {
    const admin = clients.admin()
    await admin.connect()
    try {
      await admin.createTopics([{ name: 'adm-a', partitions: 3, replicationFactor: -1, config: { 'cleanup.policy': 'compact' } }])
      await admin.createTopics([{ name: 'adm-a', partitions: 3, replicationFactor: -1, config: {} }])
      const counts = await admin.partitionCounts(['adm-a', 'adm-missing'])
      expect([...counts]).toEqual([['adm-a', 3]])
      expect(await admin.listTopics()).toContain('adm-a')
      expect(await admin.listTopics()).not.toContain('adm-missing')
    } finally {
      await admin.close()
    }
  })

  it('sends records to chosen partitions and reports the last offset written to each', async () => {
    const admin = clients.admin()
    await admin.connect()
    await admin.createTopics([{ name: 'prod-a', partitions: 2, replicationFactor: -1, config: {} }])
    await admin.close()
    const producer = clients.producer({ clientId: 't', transactionalId: null, transactionTimeoutMs: 10_000 })
    await producer.connect()
    try {
      const rec = (partition: number, i: number) => ({
        topic: 'prod-a',
        partition,
        key: Buffer.from(`k${i}`),
        value: Buffer.from(`v${i}`),
        timestamp: 1000 + i,
        headers: i === 0 ? new Headers().add('h', 'x').add('h', 'y') : null,
      })
      const acks1 = await producer.send([rec(0, 0), rec(0, 1), rec(1, 2)])
      expect(acks1.sort((a, b) => a.partition - b.partition)).toEqual([
        { topic: 'prod-a', partition: 0, lastOffset: 1 },
        { topic: 'prod-a', partition: 1, lastOffset: 0 },
      ])
      const acks2 = await producer.send([rec(0, 3)])
      expect(acks2).toEqual([{ topic: 'prod-a', partition: 0, lastOffset: 2 }])
      const offsetsAdmin = clients.admin()
      await offsetsAdmin.connect()
      const parts = [{ topic: 'prod-a', partition: 0 }, { topic: 'prod-a', partition: 1 }]
      expect([...(await offsetsAdmin.listOffsets(parts, 'latest'))].sort()).toEqual([['prod-a-0', 3], ['prod-a-1', 1]])
      expect([...(await offsetsAdmin.listOffsets(parts, 'earliest'))].sort()).toEqual([['prod-a-0', 0], ['prod-a-1', 0]])
      await offsetsAdmin.close()
    } finally {
      await producer.close()
    }

    const restore = clients.restoreConsumer({ clientId: 't' })
    await restore.connect()
    try {
      restore.assign([{ topic: 'prod-a', partition: 0, offset: null }])
      expect((await restore.endOffsets([{ topic: 'prod-a', partition: 0 }])).get('prod-a-0')).toBe(3)
      const seen: { offset: number; key: string; ts: number; headers: string[] }[] = []
      await waitFor(async () => {
        for (const b of await restore.poll(200)) {
          for (const r of b.records) {
            seen.push({ offset: r.offset, key: r.key!.toString(), ts: r.timestamp, headers: r.headers ? r.headers.toArray().map((h) => `${h.key}=${h.value}`) : [] })
          }
        }
        return seen.length >= 3
      }, { what: 'restored records' })
      expect(seen).toEqual([
        { offset: 0, key: 'k0', ts: 1000, headers: ['h=x', 'h=y'] },
        { offset: 1, key: 'k1', ts: 1001, headers: [] },
        { offset: 2, key: 'k3', ts: 1003, headers: [] },
      ])
      expect(restore.position({ topic: 'prod-a', partition: 0 })).toBe(3)
      restore.assign([{ topic: 'prod-a', partition: 0, offset: 2 }])
      const again = (await restore.poll(200)).flatMap((b) => b.records.map((r) => r.offset))
      expect(again).toEqual([2])
    } finally {
      await restore.close()
    }
  })

  it('joins a group with a custom assignor and hands every member its assignment user data', async () => {
    const admin = clients.admin()
    await admin.connect()
    await admin.createTopics([{ name: 'grp-a', partitions: 4, replicationFactor: -1, config: {} }])
    await admin.close()
    const producer = clients.producer({ clientId: 't', transactionalId: null, transactionTimeoutMs: 10_000 })
    await producer.connect()
    await producer.send(Array.from({ length: 40 }, (_, i) => ({ topic: 'grp-a', partition: i % 4, key: null, value: Buffer.from(String(i)), timestamp: i, headers: null })))
    await producer.close()

    const seenMembers: MemberSubscription[][] = []
    const assignor = (name: string): GroupAssignor => ({
      name: 'stream',
      subscriptionUserData: () => Buffer.from(name),
      assign: (members, partitionsFor) => {
        seenMembers.push([...members])
        const n = partitionsFor('grp-a') ?? 0
        const ids = members.map((m) => m.memberId).sort()
        return ids.map((memberId, i) => ({
          memberId,
          partitions: Array.from({ length: n }, (_, p) => p).filter((p) => p % ids.length === i).map((partition) => ({ topic: 'grp-a', partition })),
          userData: Buffer.from(`for-${i}`),
        }))
      },
    })
    const assignments: GroupAssignment[] = []
    let rebalances = 0
    const consumer = clients.consumer({ groupId: 'grp-test', clientId: 't', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000, maxBufferedRecords: 1000 })
    try {
      await consumer.subscribe({
        topics: ['grp-a'],
        resetLatest: [],
        assignor: assignor('one'),
        listener: {
          onRebalanceStarted: () => rebalances++,
          onPartitionsAssigned: (a) => {
            assignments.push(a)
          },
          onFatalError: (e) => {
            throw e
          },
        },
      })
      await waitFor(() => assignments.length > 0, { what: 'assignment' })
      expect(rebalances).toBeGreaterThan(0)
      const a = assignments[0]!
      expect(a.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2, 3])
      expect(a.userData?.toString()).toBe('for-0')
      expect(a.members).toHaveLength(1)
      expect(a.members![0]!.subscriptionUserData?.toString()).toBe('one')
      expect(seenMembers[0]![0]!.userData?.toString()).toBe('one')

      const values: string[] = []
      await waitFor(async () => {
        for (const b of await consumer.poll(100)) for (const r of b.records) values.push(r.value!.toString())
        return values.length >= 40
      }, { what: 'records' })
      expect(values.map(Number).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i))

      await consumer.commit([{ topic: 'grp-a', partition: 1, offset: 7, metadata: 'pt=5' }])
      const committed = await consumer.committed([{ topic: 'grp-a', partition: 1 }, { topic: 'grp-a', partition: 2 }])
      expect(committed).toEqual([{ topic: 'grp-a', partition: 1, offset: 7, metadata: 'pt=5' }])
    } finally {
      await consumer.close()
    }
  })
  it('holds the records of paused partitions until they are resumed, in offset order, and keeps handing out the others', async () => {
    const admin = clients.admin()
    await admin.connect()
    await admin.createTopics([{ name: 'pause-a', partitions: 2, replicationFactor: -1, config: {} }])
    await admin.close()
    const producer = clients.producer({ clientId: 't', transactionalId: null, transactionTimeoutMs: 10_000 })
    await producer.connect()
    const produce = (from: number, to: number) =>
      producer.send(Array.from({ length: to - from }, (_, j) => ({ topic: 'pause-a', partition: (from + j) % 2, key: null, value: Buffer.from(String(from + j)), timestamp: from + j, headers: null })))
    await produce(0, 20)
    const assigned: GroupAssignment[] = []
    // A small bound: partition 0 also gets paused in kafkajs once 5 of its records are held.
    const consumer = clients.consumer({ groupId: 'pause-test', clientId: 't', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000, maxBufferedRecords: 5 })
    const byPartition = new Map<number, number[]>([[0, []], [1, []]])
    const drain = async () => {
      for (const b of await consumer.poll(50)) for (const r of b.records) byPartition.get(b.partition)!.push(Number(r.value!.toString()))
    }
    try {
      await consumer.subscribe({
        topics: ['pause-a'],
        resetLatest: [],
        assignor: { name: 'stream', subscriptionUserData: () => Buffer.alloc(0), assign: (members) => [{ memberId: members[0]!.memberId, partitions: [0, 1].map((partition) => ({ topic: 'pause-a', partition })), userData: null }] },
        listener: { onRebalanceStarted: () => {}, onPartitionsAssigned: (a) => void assigned.push(a), onFatalError: (e) => { throw e } },
      })
      await waitFor(() => assigned.length > 0, { what: 'assignment' })
      consumer.pause([{ topic: 'pause-a', partition: 0 }])
      await waitFor(async () => {
        await drain()
        return byPartition.get(1)!.length >= 10
      }, { what: 'partition 1' })
      await produce(20, 40)
      await waitFor(async () => {
        await drain()
        return byPartition.get(1)!.length >= 20
      }, { what: 'partition 1 after more records' })
      expect(byPartition.get(0)).toEqual([])
      consumer.resume([{ topic: 'pause-a', partition: 0 }])
      await waitFor(async () => {
        await drain()
        return byPartition.get(0)!.length >= 20
      }, { what: 'partition 0 after resume' })
      const evens = Array.from({ length: 20 }, (_, i) => 2 * i)
      expect(byPartition.get(0)).toEqual(evens)
      expect(byPartition.get(1)).toEqual(evens.map((e) => e + 1))
    } finally {
      await producer.close()
      await consumer.close()
    }
  })
})
