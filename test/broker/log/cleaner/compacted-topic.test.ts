import { afterEach, describe, expect, it } from 'vitest'
import type { Broker } from '../../../../src/broker/index.js'
import { waitFor } from '../../../helpers/wait-for.js'
import { kafkaFor, startTestBroker } from '../../../e2e/broker-harness.js'
import { createTopics, readPartition } from '../../../e2e/broker-transactions-helpers.js'

/** Every record of a partition as `key=value` (raw Fetch, read_uncommitted). */
async function keyValues(broker: Broker, topic: string): Promise<Map<string, string>> {
  const view = await readPartition(broker.address.port, topic, 0, false)
  const map = new Map<string, string>()
  for (const v of view.values) {
    const [key, value] = v.split('=') as [string, string]
    map.set(key, value)
  }
  return map
}

describe('compacted topics on a running broker', () => {
  let broker: Broker | undefined

  afterEach(async () => {
    await broker?.stop()
    broker = undefined
  })

  it('leaves exactly the latest value per key for a consumer from the beginning after 20K updates over 200 keys', async () => {
    broker = await startTestBroker({ logRetentionCheckIntervalMs: 50 })
    const kafka = kafkaFor(broker)
    const topic = 'compacted-20k'
    await createTopics(kafka, [
      { topic, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '16384' }, { name: 'min.cleanable.dirty.ratio', value: '0.01' }] },
    ])
    const producer = kafka.producer()
    await producer.connect()
    const latest = new Map<string, string>()
    for (let start = 0; start < 20_000; start += 500) {
      const messages = []
      for (let i = start; i < start + 500; i++) {
        const key = `key-${i % 200}`
        messages.push({ key, value: `${key}=v${i}` })
        latest.set(key, `v${i}`)
      }
      await producer.send({ topic, messages })
    }
    // One more record, a key of its own and large enough to roll a new segment, moves the last
    // updates out of the active segment (which is never cleaned).
    const padding = 'x'.repeat(16_000)
    await producer.send({ topic, messages: [{ key: 'sentinel', value: `sentinel=${padding}` }] })
    latest.set('sentinel', padding)
    await producer.disconnect()

    const kept = await waitFor(
      async () => {
        const view = await readPartition(broker!.address.port, topic, 0, false)
        return view.values.length === latest.size ? view : undefined
      },
      { timeoutMs: 20_000, what: 'the cleaner to compact the topic to one record per key' },
    )
    expect(kept.highWatermark).toBe(20_001n)
    expect(await keyValues(broker, topic)).toEqual(latest)

    const consumer = kafka.consumer({ groupId: 'compacted-reader', maxWaitTimeInMs: 100 })
    const seen = new Map<string, string>()
    let count = 0
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        count++
        const [key, value] = message.value!.toString().split('=') as [string, string]
        seen.set(key, value)
      },
    })
    await waitFor(() => seen.has('sentinel'), { timeoutMs: 20_000, what: 'the consumer to reach the end' })
    await consumer.disconnect()
    expect(seen).toEqual(latest)
    expect(count).toBe(latest.size)
  })

  it('removes tombstones (and what they deleted) once delete.retention.ms has passed', async () => {
    broker = await startTestBroker({ logRetentionCheckIntervalMs: 50 })
    const kafka = kafkaFor(broker)
    const topic = 'compacted-tombstones'
    await createTopics(kafka, [
      {
        topic,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.bytes', value: '1024' },
          { name: 'delete.retention.ms', value: '500' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        ],
      },
    ])
    const producer = kafka.producer()
    await producer.connect()
    for (let i = 0; i < 20; i++) await producer.send({ topic, messages: [{ key: `k${i % 4}`, value: `k${i % 4}=v${i}` }] })
    await producer.send({ topic, messages: [{ key: 'k1', value: null }] })
    for (let i = 0; i < 20; i++) await producer.send({ topic, messages: [{ key: 'other', value: `other=x${i}` }] })
    await producer.disconnect()
    const port = broker.address.port
    // First the tombstone survives compaction (it replaced k1's values)...
    await waitFor(async () => {
      const values = (await readPartition(port, topic, 0, false)).values
      return values.includes('<null>') && !values.some((v) => v.startsWith('k1='))
    }, { timeoutMs: 10_000, what: 'a compaction that keeps the tombstone' })
    // ...then, after delete.retention.ms, it goes too.
    await waitFor(async () => !(await readPartition(port, topic, 0, false)).values.includes('<null>'), {
      timeoutMs: 10_000,
      what: 'the tombstone to be removed',
    })
    const left = (await readPartition(port, topic, 0, false)).values
    expect(left.filter((v) => v.startsWith('k')).sort()).toEqual(['k0=v16', 'k2=v18', 'k3=v19'])
  })
})
