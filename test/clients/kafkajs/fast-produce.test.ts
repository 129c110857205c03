import type { Kafka, KafkaMessage } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Headers } from '../../../processor-api/headers.js'
import type { Broker } from '../../../src/broker/index.js'
import { KafkaJsProducer } from '../../../src/clients/kafkajs/kafkajs-producer.js'
import { silentLogger } from '../../../src/logging/index.js'
import type { ProducerRecord } from '../../../src/runtime/ports.js'
import { ProducerFencedError } from '../../../src/runtime/errors.js'
import { kafkaFor, startTestBroker } from '../../e2e/broker-harness.js'

/** Reads every record of `topic` (all partitions) with kafkajs, read_committed unless told otherwise. */
async function readAll(kafka: Kafka, topic: string, expected: number, readUncommitted = false): Promise<{ partition: number; m: KafkaMessage }[]> {
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Math.random()}`, readUncommitted, maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const out: { partition: number; m: KafkaMessage }[] = []
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${expected} records of ${topic}`)), 15_000)
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        out.push({ partition, m: message })
        if (out.length >= expected) {
          clearTimeout(timer)
          resolve()
        }
      },
    })
  })
  // A short grace period shows nothing more arrives.
  await new Promise((r) => setTimeout(r, 300))
  await consumer.disconnect()
  return out
}

function record(topic: string, partition: number | null, i: number, headers: Headers | null = null): ProducerRecord {
  return { topic, partition, key: Buffer.from(`key-${i}`), value: Buffer.from(`value-${i}`), timestamp: 1_700_000_000_000 + i, headers }
}

describe('KafkaJsProducer fast produce path (own record batches inside kafkajs requests)', () => {
  let broker: Broker
  let kafka: Kafka

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    kafka = kafkaFor(broker)
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({
      topics: [
        { topic: 'fp-txn-a', numPartitions: 3 },
        { topic: 'fp-txn-b', numPartitions: 2 },
        { topic: 'fp-plain', numPartitions: 2 },
        { topic: 'fp-implicit', numPartitions: 4 },
        { topic: 'fp-mixed', numPartitions: 2 },
      ],
    })
    await admin.disconnect()
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('commits transactions of many sends (sequences continue across sends and transactions) and hides aborted ones', async () => {
    const producer = new KafkaJsProducer(kafka, { transactionalId: 'fp-txn', transactionTimeoutMs: 30_000, logger: silentLogger })
    expect(producer.fastProduce).toBe(true)
    await producer.connect()
    let i = 0
    const expected: string[] = []
    try {
      for (let txn = 0; txn < 4; txn++) {
        await producer.beginTransaction()
        const commit = txn !== 2
        for (let send = 0; send < 3; send++) {
          const records: ProducerRecord[] = []
          for (let n = 0; n < 50; n++, i++) {
            const r = record(i % 2 === 0 ? 'fp-txn-a' : 'fp-txn-b', i % (i % 2 === 0 ? 3 : 2), i, i % 7 === 0 ? new Headers().add('n', String(i)) : null)
            records.push(r)
            if (commit) expected.push(`${r.topic}/${r.partition}/key-${i}/value-${i}/${r.timestamp}/${i % 7 === 0 ? `n=${i}` : ''}`)
          }
          const acks = await producer.send(records)
          expect(acks.every((a) => a.lastOffset !== null)).toBe(true)
        }
        if (commit) await producer.commitTransaction()
        else await producer.abortTransaction()
      }
    } finally {
      await producer.close()
    }
    const a = await readAll(kafka, 'fp-txn-a', expected.filter((e) => e.startsWith('fp-txn-a')).length)
    const b = await readAll(kafka, 'fp-txn-b', expected.filter((e) => e.startsWith('fp-txn-b')).length)
    const seen = [...a.map((x) => ({ ...x, topic: 'fp-txn-a' })), ...b.map((x) => ({ ...x, topic: 'fp-txn-b' }))].map(
      ({ topic, partition, m }) => `${topic}/${partition}/${m.key!.toString()}/${m.value!.toString()}/${m.timestamp}/${m.headers?.['n'] ? `n=${String(m.headers['n'])}` : ''}`,
    )
    const byKeyOrder = (xs: string[]) => [...xs].sort((x, y) => Number(x.split('/')[2]!.slice(4)) - Number(y.split('/')[2]!.slice(4)))
    expect(byKeyOrder(seen)).toEqual(expected)
    // Per partition, records are in send order.
    for (const { topic, list } of [{ topic: 'fp-txn-a', list: a }, { topic: 'fp-txn-b', list: b }]) {
      for (const p of [0, 1, 2]) {
        const keys = list.filter((x) => x.partition === p).map((x) => Number(x.m.key!.toString().slice(4)))
        expect(keys, `${topic}-${p}`).toEqual([...keys].sort((x, y) => x - y))
      }
    }
    // read_uncommitted also sees the aborted transaction's 150 records.
    const all = await readAll(kafka, 'fp-txn-a', expected.filter((e) => e.startsWith('fp-txn-a')).length + 75, true)
    expect(all.length).toBe(expected.filter((e) => e.startsWith('fp-txn-a')).length + 75)
  })

  it('keeps separate sequences for the idempotent sends outside transactions and the transactional ones', async () => {
    const producer = new KafkaJsProducer(kafka, { transactionalId: 'fp-mixed', transactionTimeoutMs: 30_000, logger: silentLogger })
    await producer.connect()
    try {
      for (let round = 0; round < 3; round++) {
        // Outside a transaction kafkajs sends with its idempotent producer id, inside with the transactional one.
        await producer.send([record('fp-mixed', 0, 1000 + round * 10), record('fp-mixed', 0, 1001 + round * 10)])
        await producer.beginTransaction()
        await producer.send([record('fp-mixed', 0, 1002 + round * 10), record('fp-mixed', 1, 1003 + round * 10)])
        await producer.send([record('fp-mixed', 0, 1004 + round * 10)])
        await producer.commitTransaction()
      }
    } finally {
      await producer.close()
    }
    // Every record is there once (a sequence restarted at 0 would make the broker drop later batches as duplicates).
    const keys = (await readAll(kafka, 'fp-mixed', 15)).map((x) => x.m.key!.toString()).sort()
    expect(keys).toEqual([0, 1, 2].flatMap((round) => [0, 1, 2, 3, 4].map((n) => `key-${1000 + round * 10 + n}`)).sort())
  })

  it('a new instance with the same transactional id fences the old one', async () => {
    const first = new KafkaJsProducer(kafka, { transactionalId: 'fp-fence', transactionTimeoutMs: 30_000, logger: silentLogger })
    await first.connect()
    await first.beginTransaction()
    await first.send([record('fp-txn-a', 0, 1)])
    const second = new KafkaJsProducer(kafka, { transactionalId: 'fp-fence', transactionTimeoutMs: 30_000, logger: silentLogger })
    await second.connect()
    try {
      // kafkajs initialises the transactional id (bumping the epoch) when the first transaction begins.
      await second.beginTransaction()
      await expect(
        (async () => {
          await first.send([record('fp-txn-a', 0, 2)])
          await first.commitTransaction()
        })(),
      ).rejects.toBeInstanceOf(ProducerFencedError)
      await second.send([record('fp-txn-a', 1, 3)])
      await second.commitTransaction()
    } finally {
      await first.close()
      await second.close()
    }
  })

  it('sends with a plain producer, and lets kafkajs partition records without a partition', async () => {
    const producer = new KafkaJsProducer(kafka, { transactionalId: null, transactionTimeoutMs: 30_000, logger: silentLogger })
    expect(producer.fastProduce).toBe(true)
    await producer.connect()
    try {
      const acks = await producer.send([record('fp-plain', 1, 0), record('fp-plain', 1, 1), record('fp-plain', 0, 2)])
      expect(acks.sort((x, y) => x.partition - y.partition)).toEqual([
        { topic: 'fp-plain', partition: 0, lastOffset: 0 },
        { topic: 'fp-plain', partition: 1, lastOffset: 1 },
      ])
      const implicit = Array.from({ length: 40 }, (_, i) => record('fp-implicit', null, i))
      const acks2 = await producer.send(implicit)
      expect(acks2.every((a) => a.lastOffset === null)).toBe(true)
    } finally {
      await producer.close()
    }
    const implicit = await readAll(kafka, 'fp-implicit', 40)
    expect(implicit).toHaveLength(40)
    // The same key always lands on the same partition as kafkajs's own default partitioner puts it.
    const reference = new KafkaJsProducer(kafka, { transactionalId: null, transactionTimeoutMs: 30_000, logger: silentLogger, fastProduce: false })
    await reference.connect()
    await reference.send(Array.from({ length: 40 }, (_, i) => record('fp-implicit', null, i)))
    await reference.close()
    const both = await readAll(kafka, 'fp-implicit', 80)
    const partitionsOf = new Map<string, Set<number>>()
    for (const { partition, m } of both) {
      const set = partitionsOf.get(m.key!.toString()) ?? new Set<number>()
      set.add(partition)
      partitionsOf.set(m.key!.toString(), set)
    }
    expect([...partitionsOf.values()].every((s) => s.size === 1)).toBe(true)
    expect(new Set(implicit.map((x) => x.partition)).size).toBeGreaterThan(1)
  })

  it('falls back to kafkajs messages for a client without kafkajs internals', async () => {
    // A KafkaJS-compatible wrapper exposing only the public API.
    const wrapper = { producer: kafka.producer.bind(kafka) } as unknown as Kafka
    const producer = new KafkaJsProducer(wrapper, { transactionalId: null, transactionTimeoutMs: 30_000, logger: silentLogger })
    expect(producer.fastProduce).toBe(false)
    await producer.connect()
    try {
      expect(await producer.send([record('fp-plain', 0, 10)])).toEqual([{ topic: 'fp-plain', partition: 0, lastOffset: 1 }])
    } finally {
      await producer.close()
    }
  })
})
