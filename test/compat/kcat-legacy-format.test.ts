import { Kafka, logLevel, type KafkaMessage } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../src/broker/index.js'
import { silentLogger } from '../../src/logging/index.js'
import { kcat, requireKcat } from './helpers/kcat.js'

/** librdkafka without ApiVersions, as a broker of that version: 0.10.0 = magic 1 (Produce v2, Fetch v2), 0.9.0 = magic 0 (Produce v1, Fetch v1). */
function legacy(version: '0.9.0' | '0.10.0'): string[] {
  return ['-X', 'api.version.request=false', '-X', `broker.version.fallback=${version}`]
}

describe('kcat (librdkafka 2.0.2) speaking the legacy message formats to the bundled broker', () => {
  let broker: Broker
  let kafka: Kafka

  beforeAll(async () => {
    requireKcat()
    broker = await Broker.start({ port: 0, logger: silentLogger, groupInitialRebalanceDelayMs: 0 })
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, clientId: 'kcat-legacy' })
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('stores magic-1 (0.10 format) and gzip magic-0 (0.9 format) produce requests as v2 batches that kafkajs and old and new kcat read back', async () => {
    const topic = 'kcat-legacy'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
    await admin.disconnect()
    const lines = Array.from({ length: 1000 }, (_, i) => `k${i}:v${i}`)
    const v1 = await kcat(['-P', '-b', broker.bootstrap, '-t', topic, '-K:', ...legacy('0.10.0')], { input: `${lines.slice(0, 500).join('\n')}\n` })
    expect(v1.code).toBe(0)
    const v0 = await kcat(['-P', '-b', broker.bootstrap, '-t', topic, '-K:', '-z', 'gzip', ...legacy('0.9.0')], { input: `${lines.slice(500).join('\n')}\n` })
    expect(v0.code).toBe(0)

    const expected = lines.map((l, i) => `${i} ${l.replace(':', ' ')}`)
    for (const extra of [[], legacy('0.10.0'), legacy('0.9.0')]) {
      const read = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o %k %s\n', ...extra])
      expect(read.code).toBe(0)
      expect(read.stdout.split('\n').filter((l) => l.length > 0)).toEqual(expected)
    }

    const consumer = kafka.consumer({ groupId: 'kcat-legacy-reader', maxWaitTimeInMs: 100 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const got: KafkaMessage[] = []
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          got.push(message)
          if (got.length === lines.length) resolve()
        },
      })
    })
    await consumer.disconnect()
    expect(got.map((m) => `${m.offset} ${m.key?.toString()} ${m.value?.toString()}`)).toEqual(expected)
    // magic 1 kept librdkafka's CreateTime; magic 0 has none.
    expect(Number(got[0]!.timestamp)).toBeGreaterThan(1_600_000_000_000)
    expect(got[999]!.timestamp).toBe('-1')
  })

  it('reads kafkajs-produced batches (plain and gzip) through Fetch v2 and v1 down-conversion', async () => {
    const topic = 'kcat-legacy-read'
    const producer = kafka.producer({ allowAutoTopicCreation: true })
    await producer.connect()
    await producer.send({ topic, messages: Array.from({ length: 300 }, (_, i) => ({ key: `a${i}`, value: `plain-${i}` })) })
    await producer.send({ topic, compression: 1, messages: Array.from({ length: 300 }, (_, i) => ({ key: `b${i}`, value: `gzip-${i}` })) })
    await producer.disconnect()
    const expected = [...Array.from({ length: 300 }, (_, i) => `a${i} plain-${i}`), ...Array.from({ length: 300 }, (_, i) => `b${i} gzip-${i}`)]
    for (const version of ['0.10.0', '0.9.0'] as const) {
      const read = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k %s\n', ...legacy(version)])
      expect(read.code).toBe(0)
      expect(read.stdout.split('\n').filter((l) => l.length > 0)).toEqual(expected)
    }
  })
})
