import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import { listeningPort, runCliProcess, type CliProcess } from './broker-process.js'

describe('tributary broker --override', () => {
  let proc: CliProcess | null = null
  afterEach(async () => {
    if (proc !== null && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM')
      await proc.exited
    }
    proc = null
  })

  it('sets broker configs by their Kafka names: DescribeConfigs reports them and auto-created topics follow them', async () => {
    proc = await runCliProcess(['broker', '--port', '0', '--override', 'num.partitions=3', '--override', 'group.initial.rebalance.delay.ms=0'])
    const port = await listeningPort(proc)
    const kafka = new Kafka({ clientId: 'overrides', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    const producer = kafka.producer()
    await admin.connect()
    await producer.connect()
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: '0', configNames: ['num.partitions', 'group.initial.rebalance.delay.ms'] }],
      })
      const entries = Object.fromEntries(described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]))
      expect(entries).toEqual({ 'num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' })
      await producer.send({ topic: 'auto-created', messages: [{ value: 'x' }] })
      const meta = await admin.fetchTopicMetadata({ topics: ['auto-created'] })
      expect(meta.topics[0]!.partitions).toHaveLength(3)
    } finally {
      await producer.disconnect()
      await admin.disconnect()
    }
  })

  it('refuses an unknown config name before starting, naming it', async () => {
    proc = await runCliProcess(['broker', '--port', '0', '--override', 'log.cleaner.enable=true'])
    expect(await proc.exited).toBe(2)
    expect(proc.stderr()).toContain('--override: unknown broker config "log.cleaner.enable"')
  })
})
