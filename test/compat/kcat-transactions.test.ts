import { Kafka, logLevel } from 'kafkajs'
import { kcat, requireKcat } from './helpers/kcat.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../src/broker/index.js'
import { readBatchHeader } from '../../src/broker/protocol/index.js'
import { WireClient } from '../broker/handlers/wire-client.js'
import { silentLogger } from '../../src/logging/index.js'

describe('kcat (librdkafka 2.0.2) with transactions and idempotence', () => {
  let broker: Broker
  let kafka: Kafka

  beforeAll(async () => {
    requireKcat()
    broker = await Broker.start({ port: 0, logger: silentLogger, groupMinSessionTimeoutMs: 1000 })
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, clientId: 'kcat-txn-compat' })
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('reads only committed data with isolation.level=read_committed and everything with read_uncommitted', async () => {
    const topic = 'kcat-txn'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
    await admin.disconnect()
    const producer = kafka.producer({ transactionalId: 'kcat-compat', idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const run = async (values: string[], commit: boolean) => {
      const tx = await producer.transaction()
      await tx.send({ topic, messages: values.map((value) => ({ value })) })
      if (commit) await tx.commit()
      else await tx.abort()
    }
    await run(['c1', 'c2'], true)
    await run(['a1', 'a2', 'a3'], false)
    await run(['c3'], true)
    await run(['a4'], false)
    await run(['c4', 'c5'], true)
    await producer.disconnect()

    const committed = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed'])
    expect(committed.code).toBe(0)
    expect(committed.stdout.trim().split('\n')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    const everything = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_uncommitted'])
    expect(everything.code).toBe(0)
    expect(everything.stdout.trim().split('\n')).toEqual(['c1', 'c2', 'a1', 'a2', 'a3', 'c3', 'a4', 'c4', 'c5'])
  })

  it('stops at the last stable offset under read_committed while a transaction is open', async () => {
    const topic = 'kcat-txn-open'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
    await admin.disconnect()
    const producer = kafka.producer({ transactionalId: 'kcat-open', idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    let tx = await producer.transaction()
    await tx.send({ topic, messages: [{ value: 'done' }] })
    await tx.commit()
    tx = await producer.transaction()
    await tx.send({ topic, messages: [{ value: 'pending' }] })
    // -e ends at the LSO: the open transaction's record is not delivered, and kcat does not hang.
    const run = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed'], { timeoutMs: 30_000 })
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split('\n')).toEqual(['done'])
    await tx.abort()
    await producer.disconnect()
  })

  it('produces 100K records with enable.idempotence=true without a duplicate or a gap', async () => {
    const topic = 'kcat-idempotent'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] })
    await admin.disconnect()
    const total = 100_000
    const lines: string[] = []
    for (let i = 0; i < total; i++) lines.push(`k${i % 1000}:${i}`)
    const produced = await kcat(['-P', '-b', broker.bootstrap, '-t', topic, '-K:', '-X', 'enable.idempotence=true', '-X', 'linger.ms=5'], {
      input: `${lines.join('\n')}\n`,
      timeoutMs: 120_000,
    })
    expect(produced.code).toBe(0)
    expect(produced.stderr).not.toMatch(/fatal|error/i)
    const consumed = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %s\\n'], { timeoutMs: 120_000 })
    expect(consumed.code).toBe(0)
    const seen = new Set<number>()
    const lastOffset = new Map<string, number>()
    let duplicates = 0
    let offsetGaps = 0
    for (const line of consumed.stdout.trim().split('\n')) {
      const [partition, offset, value] = line.split(' ') as [string, string, string]
      const n = Number(value)
      if (seen.has(n)) duplicates++
      seen.add(n)
      const prev = lastOffset.get(partition)
      if (prev !== undefined && Number(offset) !== prev + 1) offsetGaps++
      lastOffset.set(partition, Number(offset))
    }
    expect(duplicates).toBe(0)
    expect(offsetGaps).toBe(0)
    expect(seen.size).toBe(total)
    for (let i = 0; i < total; i++) expect(seen.has(i)).toBe(true)
    // The batches really came from an idempotent producer (a producer id and sequence numbers).
    const client = await WireClient.connect(broker.address.port)
    try {
      const res = await client.request(1, 11, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
      })
      const header = readBatchHeader(res.responses[0]!.partitions[0]!.records!, 0)
      expect(header.producerId >= 0n).toBe(true)
      expect(header.baseSequence).toBe(0)
    } finally {
      client.close()
    }
  })
})
