import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Broker, BrokerStateError, ConfigError } from '../../src/broker/index.js'
import { buildRecordBatch } from '../../src/broker/protocol/index.js'
import { silentLogger } from '../../src/logging/index.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'
import { WireClient } from './handlers/wire-client.js'

describe('Broker', () => {
  const started: Broker[] = []
  const dirs: Array<{ cleanup: () => Promise<void> }> = []

  afterEach(async () => {
    for (const b of started.splice(0)) await b.stop()
    for (const d of dirs.splice(0)) await d.cleanup()
  })

  async function start(config: Parameters<typeof Broker.start>[0] = {}): Promise<Broker> {
    const broker = await Broker.start({ port: 0, logger: silentLogger, ...config })
    started.push(broker)
    return broker
  }

  it('binds 127.0.0.1 on an ephemeral port and reports its bootstrap address', async () => {
    const broker = await start()
    expect(broker.address.host).toBe('127.0.0.1')
    expect(broker.address.port).toBeGreaterThan(0)
    expect(broker.bootstrap).toBe(`127.0.0.1:${broker.address.port}`)
  })

  it('advertises the configured host and port in bootstrap and Metadata', async () => {
    const broker = await start({ advertisedHost: 'localhost', advertisedPort: 19999 })
    expect(broker.bootstrap).toBe('localhost:19999')
    const client = await WireClient.connect(broker.address.port)
    try {
      const meta = await client.request(3, 4, { topics: [], allowAutoTopicCreation: false })
      expect(meta.brokers[0]).toMatchObject({ host: 'localhost', port: 19999 })
    } finally {
      client.close()
    }
  })

  it('rejects an invalid configuration with ConfigError before binding anything', async () => {
    await expect(Broker.start({ port: -5 })).rejects.toBeInstanceOf(ConfigError)
  })

  it('stop() is idempotent and frees the port', async () => {
    const broker = await Broker.start({ port: 0, logger: silentLogger })
    const port = broker.address.port
    await Promise.all([broker.stop(), broker.stop()])
    const again = await start({ port })
    expect(again.address.port).toBe(port)
  })

  it('stop() answers a parked fetch instead of leaving it hanging', async () => {
    const broker = await Broker.start({ port: 0, logger: silentLogger })
    const client = await WireClient.connect(broker.address.port)
    try {
      await client.request(19, 3, { topics: [{ name: 'parked', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
      client.send(1, 11, {
        replicaId: -1,
        maxWaitMs: 60_000,
        minBytes: 1,
        maxBytes: 1024,
        isolationLevel: 0,
        topics: [{ topic: 'parked', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }] }],
      })
      await new Promise((r) => setTimeout(r, 50))
      const started = Date.now()
      await broker.stop()
      expect(Date.now() - started).toBeLessThan(2000)
      const { body } = await client.next(1, 11)
      expect(body.responses[0]!.partitions[0]!.errorCode).toBe(0)
    } finally {
      client.close()
    }
  })

  it('locks its data dir against a second broker and keeps its cluster id across restarts', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const first = await start({ dataDir: dir.path })
    await expect(Broker.start({ port: 0, logger: silentLogger, dataDir: dir.path })).rejects.toBeInstanceOf(BrokerStateError)
    const clusterId = first.clusterId
    expect(readFileSync(join(dir.path, 'meta.properties'), 'utf8')).toContain(`cluster.id=${clusterId}`)
    await first.stop()
    expect(existsSync(join(dir.path, '.lock'))).toBe(false)
    const second = await start({ dataDir: dir.path })
    expect(second.clusterId).toBe(clusterId)
  })

  it('keeps topics and records across a restart on the same data dir', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const first = await Broker.start({ port: 0, logger: silentLogger, dataDir: dir.path })
    const client = await WireClient.connect(first.address.port)
    await client.request(19, 3, { topics: [{ name: 'kept', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000 })
    client.close()
    await first.stop()
    const second = await start({ dataDir: dir.path })
    const again = await WireClient.connect(second.address.port)
    try {
      const meta = await again.request(3, 4, { topics: [{ name: 'kept' }], allowAutoTopicCreation: false })
      expect(meta.topics[0]).toMatchObject({ errorCode: 0, name: 'kept' })
      expect(meta.topics[0]!.partitions).toHaveLength(2)
    } finally {
      again.close()
    }
  })

  it('applies retention periodically (every logRetentionCheckIntervalMs)', async () => {
    const broker = await start({ logRetentionCheckIntervalMs: 20 })
    const client = await WireClient.connect(broker.address.port)
    try {
      await client.request(19, 3, {
        topics: [{ name: 'expiring', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: '1000' }] }],
        timeoutMs: 1000,
      })
      const old = buildRecordBatch([{ value: Buffer.from('ancient'), timestamp: 1_000n }])
      const produced = await client.request(0, 7, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 1000,
        topicData: [{ name: 'expiring', partitionData: [{ index: 0, records: old }] }],
      })
      expect(produced.responses[0]!.partitionResponses[0]!.errorCode).toBe(0)
      const earliest = async () =>
        (await client.request(2, 2, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'expiring', partitions: [{ partitionIndex: 0, timestamp: -2n }] }] }))
          .topics[0]!.partitions[0]!.offset
      await waitFor(async () => (await earliest()) === 1n, { what: 'retention to delete the expired record', timeoutMs: 5000 })
    } finally {
      client.close()
    }
  })
})
