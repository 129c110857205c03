import { spawn, type ChildProcess } from 'node:child_process'
import { Kafka, logLevel } from 'kafkajs'
import { KCAT, kcat, requireKcat } from './helpers/kcat.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../src/broker/index.js'
import { silentLogger } from '../../src/logging/index.js'

describe('kcat (librdkafka 2.0.2) against the bundled broker', () => {
  let broker: Broker
  let kafka: Kafka
  const children: ChildProcess[] = []

  beforeAll(async () => {
    requireKcat()
    broker = await Broker.start({ port: 0, logger: silentLogger, groupMinSessionTimeoutMs: 1000 })
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, clientId: 'kcat-compat' })
  })

  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it('lists the broker as controller and the topics with -L', async () => {
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: 'kcat-listed', numPartitions: 2 }] })
    await admin.disconnect()
    const run = await kcat(['-L', '-b', broker.bootstrap])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`1 brokers:\n  broker 0 at ${broker.bootstrap} (controller)`)
    expect(run.stdout).toMatch(/topic "kcat-listed" with 2 partitions:\n\s+partition 0, leader 0, replicas: 0, isrs: 0\n\s+partition 1, leader 0, replicas: 0, isrs: 0/)
  })

  it('produces 200K keyed lines with -P -K: and reads them all back with -C -e, keeping per-key order', async () => {
    const topic = 'kcat-200k'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })
    await admin.disconnect()
    const total = 200_000
    const keys = 101
    const lines: string[] = []
    for (let i = 0; i < total; i++) lines.push(`k${i % keys}:${i}`)
    const produced = await kcat(['-P', '-b', broker.bootstrap, '-t', topic, '-K:'], { input: `${lines.join('\n')}\n`, timeoutMs: 90_000 })
    expect(produced.stderr).toBe('')
    expect(produced.code).toBe(0)

    const consumed = await kcat(['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %k %s\n'], { timeoutMs: 90_000 })
    expect(consumed.code).toBe(0)
    const out = consumed.stdout.split('\n').filter((l) => l.length > 0)
    expect(out).toHaveLength(total)
    const last = new Map<string, number>()
    const partitionOfKey = new Map<string, string>()
    let outOfOrder = 0
    let keysOnTwoPartitions = 0
    for (const line of out) {
      const [partition, key, value] = line.split(' ') as [string, string, string]
      const seq = Number(value)
      if ((last.get(key) ?? -1) >= seq) outOfOrder++
      last.set(key, seq)
      const p = partitionOfKey.get(key)
      if (p !== undefined && p !== partition) keysOnTwoPartitions++
      partitionOfKey.set(key, partition)
    }
    expect(outOfOrder).toBe(0)
    expect(keysOnTwoPartitions).toBe(0)
    expect(last.size).toBe(keys)
    expect(new Set(partitionOfKey.values()).size).toBe(3)
  }, 180_000)

  it('balances a group between two kcat -G consumers', async () => {
    const topic = 'kcat-grouped'
    const group = 'kcat-balanced'
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] })
    const outputs = ['', '']
    const errors = ['', '']
    for (let i = 0; i < 2; i++) {
      // -u: unbuffered output, so lines arrive as messages are consumed.
      const child = spawn(KCAT, ['-b', broker.bootstrap, '-G', group, '-X', 'auto.offset.reset=earliest', '-u', '-q', '-f', '%p %s\n', topic], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout!.on('data', (d: Buffer) => (outputs[i] += d.toString()))
      child.stderr!.on('data', (d: Buffer) => (errors[i] += d.toString()))
      children.push(child)
    }
    const stableWithTwo = async (): Promise<boolean> => {
      const { groups } = await admin.describeGroups([group])
      return groups[0]?.state === 'Stable' && groups[0].members.length === 2
    }
    const deadline = Date.now() + 30_000
    while (!(await stableWithTwo())) {
      if (Date.now() > deadline) throw new Error('the two kcat consumers never formed a stable group')
      await new Promise((r) => setTimeout(r, 100))
    }
    const { groups } = await admin.describeGroups([group])
    expect(groups[0]?.protocol).toMatch(/^(range|roundrobin)$/)

    const producer = kafka.producer()
    await producer.connect()
    const count = 1000
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ value: `m${i}`, partition: i % 4 })) })
    await producer.disconnect()

    const lines = (): string[][] => outputs.map((o) => o.split('\n').filter((l) => l.length > 0))
    const until = Date.now() + 30_000
    while (lines()[0]!.length + lines()[1]!.length < count) {
      if (Date.now() > until) throw new Error(`only ${lines()[0]!.length + lines()[1]!.length} of ${count} consumed; stderr: ${errors.join(' | ')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const [a, b] = lines() as [string[], string[]]
    const partitionsOf = (l: string[]): number[] => [...new Set(l.map((x) => Number(x.split(' ')[0])))].sort()
    expect(a.length + b.length).toBe(count)
    expect(partitionsOf(a)).toHaveLength(2)
    expect(partitionsOf(b)).toHaveLength(2)
    expect([...partitionsOf(a), ...partitionsOf(b)].sort()).toEqual([0, 1, 2, 3])
    expect(new Set([...a, ...b].map((l) => l.split(' ')[1])).size).toBe(count)

    for (const c of children) c.kill('SIGINT')
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))))
    await admin.disconnect()
  }, 90_000)
})
