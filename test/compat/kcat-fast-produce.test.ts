import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Headers } from '../../processor-api/headers.js'
import { Broker } from '../../src/broker/index.js'
import { KafkaJsProducer } from '../../src/clients/kafkajs/kafkajs-producer.js'
import { silentLogger } from '../../src/logging/index.js'
import type { ProducerRecord } from '../../src/runtime/ports.js'
import { kcat, requireKcat } from './helpers/kcat.js'

/** The runtime's producer writes its own record batches (kafkajs only frames them): librdkafka must read them back. */
describe('kcat (librdkafka) reads the record batches the runtime producer encodes', () => {
  let broker: Broker
  let kafka: Kafka

  beforeAll(async () => {
    requireKcat()
    broker = await Broker.start({ port: 0, logger: silentLogger })
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, clientId: 'kcat-fast-produce' })
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: 'kcat-fp', numPartitions: 2 }] })
    await admin.disconnect()
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('committed transactional records with keys, nulls, headers and timestamps; aborted ones hidden', async () => {
    const producer = new KafkaJsProducer(kafka, { transactionalId: 'kcat-fp', transactionTimeoutMs: 30_000, logger: silentLogger })
    expect(producer.fastProduce).toBe(true)
    await producer.connect()
    const rec = (partition: number, key: string | null, value: string | null, ts: number, headers: Headers | null = null): ProducerRecord => ({
      topic: 'kcat-fp',
      partition,
      key: key === null ? null : Buffer.from(key),
      value: value === null ? null : Buffer.from(value),
      timestamp: ts,
      headers,
    })
    try {
      await producer.beginTransaction()
      await producer.send([rec(0, 'k1', 'v1', 1_700_000_000_001, new Headers().add('h1', 'x').add('h2', 'yz')), rec(0, null, 'v2', 1_700_000_000_000), rec(1, 'k3', null, 1_700_000_000_003)])
      await producer.send([rec(0, 'k4', 'v'.repeat(500), 1_700_000_000_004)])
      await producer.commitTransaction()
      await producer.beginTransaction()
      await producer.send([rec(0, 'aborted', 'a', 1_700_000_000_005)])
      await producer.abortTransaction()
      await producer.beginTransaction()
      await producer.send([rec(0, 'k5', 'v5', 1_700_000_000_006)])
      await producer.commitTransaction()
    } finally {
      await producer.close()
    }
    const run = await kcat(
      ['-C', '-b', broker.bootstrap, '-t', 'kcat-fp', '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed', '-Z', '-f', '%o|%k|%S|%T|%h\\n'],
      { timeoutMs: 30_000 },
    )
    expect(run.code).toBe(0)
    expect(run.stderr).not.toMatch(/error|crc|corrupt/i)
    // Offset 3 is the commit marker; 4 and 5 hold the aborted record and the abort marker.
    expect(run.stdout.trim().split('\n')).toEqual([
      '0|k1|2|1700000000001|h1=x,h2=yz',
      '1|NULL|2|1700000000000|',
      '2|k4|500|1700000000004|',
      '6|k5|2|1700000000006|',
    ])
    const p1 = await kcat(['-C', '-b', broker.bootstrap, '-t', 'kcat-fp', '-p', '1', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed', '-Z', '-f', '%o|%k|%S\\n'], { timeoutMs: 30_000 })
    expect(p1.stdout.trim().split('\n')).toEqual(['0|k3|-1'])
    // librdkafka verifies the CRC when asked; read_uncommitted also shows the aborted record.
    const checked = await kcat(['-C', '-b', broker.bootstrap, '-t', 'kcat-fp', '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'check.crcs=true', '-X', 'isolation.level=read_uncommitted', '-f', '%o|%k\\n'], { timeoutMs: 30_000 })
    expect(checked.code).toBe(0)
    expect(checked.stderr).not.toMatch(/error|crc|corrupt/i)
    expect(checked.stdout.trim().split('\n')).toEqual(['0|k1', '1|', '2|k4', '4|aborted', '6|k5'])
  })
})
