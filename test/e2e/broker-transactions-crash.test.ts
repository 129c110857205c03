import { spawn, type ChildProcess } from 'node:child_process'
import type { Kafka, Producer } from 'kafkajs'
import { Kafka as KafkaClient, logLevel } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'
import { kafkaFor, startTestBroker } from './broker-harness.js'
import { listeningPort, runCliProcess, type CliProcess } from './broker-process.js'
import { consumeValues, createTopics, latestOffset, readPartition } from './broker-transactions-helpers.js'

/** Starts the transactional producer child and resolves once it reported its records sent. */
async function producerChild(port: number, transactionalId: string, topic: string, count: number, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', 'test/e2e/broker-transactions-child.ts', String(port), transactionalId, topic, String(count), String(timeoutMs)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`producer child exited (${child.exitCode}): ${err}`)
      return out.includes(`sent ${count}`)
    },
    { timeoutMs: 30_000, what: 'the producer child to send its records' },
  )
  return child
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

function txProducer(kafka: Kafka, transactionalId: string): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 })
}

describe('transactions when a process is killed with SIGKILL', () => {
  let broker: Broker | undefined
  const children: ChildProcess[] = []
  const cliProcesses: CliProcess[] = []
  const cleanups: (() => Promise<void>)[] = []

  afterEach(async () => {
    for (const c of children.splice(0)) await kill(c)
    for (const p of cliProcesses.splice(0)) await kill(p.child)
    await broker?.stop()
    broker = undefined
    for (const c of cleanups.splice(0)) await c()
  })

  it('never shows a killed producer\'s open transaction to read_committed, and frees the LSO after the transaction timeout', async () => {
    broker = await startTestBroker({ transactionAbortCheckIntervalMs: 50 })
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'killed-producer' }])
    const port = broker.address.port
    const child = await producerChild(port, 'killed-1', 'killed-producer', 20, 1500)
    children.push(child)
    await kill(child)
    expect(await latestOffset(port, 'killed-producer', 0, true)).toBe(0n)
    expect(await latestOffset(port, 'killed-producer', 0, false)).toBe(20n)
    // After transaction.timeout.ms the coordinator aborts it: the LSO passes the abort marker.
    await waitFor(async () => (await latestOffset(port, 'killed-producer', 0, true)) === 21n, { timeoutMs: 15_000, what: 'the timed-out transaction to be aborted' })
    expect((await readPartition(port, 'killed-producer', 0, true)).values).toEqual([])
    const plain = kafka.producer()
    await plain.connect()
    await plain.send({ topic: 'killed-producer', messages: [{ value: 'later' }] })
    await plain.disconnect()
    expect(await consumeValues(kafka, 'killed-producer', 1)).toEqual(['later'])
  })

  it('frees the LSO as soon as a new producer initializes the killed producer\'s transactional id', async () => {
    broker = await startTestBroker()
    const kafka = kafkaFor(broker)
    await createTopics(kafka, [{ topic: 'killed-reinit' }])
    const port = broker.address.port
    const child = await producerChild(port, 'killed-2', 'killed-reinit', 5, 60_000)
    children.push(child)
    await kill(child)
    expect(await latestOffset(port, 'killed-reinit', 0, true)).toBe(0n)
    const successor = txProducer(kafka, 'killed-2')
    await successor.connect()
    const tx = await successor.transaction()
    expect(await latestOffset(port, 'killed-reinit', 0, true)).toBe(6n)
    await tx.send({ topic: 'killed-reinit', messages: [{ value: 'successor' }] })
    await tx.commit()
    await successor.disconnect()
    expect((await readPartition(port, 'killed-reinit', 0, true)).values).toEqual(['successor'])
  })

  it('keeps committed, hides aborted and aborts open transactions when the broker process is killed and restarted', async () => {
    const dir = await tempDir('tributary-txn-kill-')
    cleanups.push(dir.cleanup)
    const first = await runCliProcess(['broker', '--port', '0', '--data-dir', dir.path])
    cliProcesses.push(first)
    const port = await listeningPort(first)
    const kafka = new KafkaClient({ clientId: 'kill-test', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING, retry: { retries: 2 } })
    await createTopics(kafka, [{ topic: 'broker-killed', numPartitions: 2 }])
    const producer = txProducer(kafka, 'survivor')
    await producer.connect()
    const run = async (values: string[], commit: boolean | null) => {
      const tx = await producer.transaction()
      await tx.send({ topic: 'broker-killed', messages: values.map((value, i) => ({ partition: i % 2, value })) })
      if (commit === true) await tx.commit()
      if (commit === false) await tx.abort()
    }
    await run(['c1', 'c2'], true)
    await run(['a1', 'a2'], false)
    await run(['c3', 'c4'], true)
    await run(['o1', 'o2'], null)
    await kill(first.child)
    await producer.disconnect().catch(() => undefined)

    const second = await runCliProcess(['broker', '--port', '0', '--data-dir', dir.path])
    cliProcesses.push(second)
    const port2 = await listeningPort(second)
    for (const partition of [0, 1]) {
      const committed = await readPartition(port2, 'broker-killed', partition, true)
      expect(committed.values).toEqual(partition === 0 ? ['c1', 'c3'] : ['c2', 'c4'])
      expect(committed.lastStableOffset).toBe(committed.highWatermark)
      expect((await readPartition(port2, 'broker-killed', partition, false)).values).toEqual(
        partition === 0 ? ['c1', 'a1', 'c3', 'o1'] : ['c2', 'a2', 'c4', 'o2'],
      )
    }
  })
})
