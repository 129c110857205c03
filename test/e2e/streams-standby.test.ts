import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import type { TopicPartition } from '../../src/runtime/ports.js'
import { startTestBroker } from './broker-harness.js'
import { ORDER_COUNTS, ORDERS, ORDERS_STORE, ordersPerCustomerTopology } from './helpers/orders-topology.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

describe('KafkaStreams standby replicas', () => {
  let broker: Broker
  const dirs: { path: string; cleanup: () => Promise<void> }[] = []

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
  })

  afterAll(async () => {
    await broker?.stop()
    await Promise.all(dirs.map((d) => d.cleanup()))
  })

  it('keeps a warm replica that takes over from its position instead of restoring from offset 0', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: ORDERS, partitions: 2 }, { topic: ORDER_COUNTS, partitions: 2 }])
    const start = async (name: string) => {
      const dir = await tempDir()
      dirs.push(dir)
      const app = new KafkaStreams(ordersPerCustomerTopology(), fastStreamsConfig(broker, { applicationId: 'standby-app', stateDir: dir.path, numStandbyReplicas: 1 }))
      const info = { app, name, standbys: [] as readonly string[], partitions: [] as readonly TopicPartition[], restores: [] as { partition: number; start: number; end: number }[] }
      app.events$.subscribe((e) => {
        if (e.type === 'assigned') {
          info.standbys = e.standbyTasks
          info.partitions = e.partitions
        }
      })
      app.setGlobalStateRestoreListener({ onRestoreStart: (tp, _s, s, end) => info.restores.push({ partition: tp.partition, start: s, end }) })
      await app.start()
      return info
    }
    const a = await start('a')
    const b = await start('b')
    await waitFor(() => a.app.state === 'RUNNING' && b.app.state === 'RUNNING' && a.standbys.length === 1 && b.standbys.length === 1, {
      timeoutMs: 40_000,
      what: 'one active and one standby stateful task on each instance',
    })

    const expected = new Map<string, number>()
    const orders = Array.from({ length: 300 }, (_, i) => {
      const c = `c${i % 12}`
      expected.set(c, (expected.get(c) ?? 0) + 1)
      return { key: `o${i}`, value: c }
    })
    await produce(kafka, ORDERS, orders)
    await readUntil(kafka, ORDER_COUNTS, (rs) => {
      const last = new Map<string, bigint>()
      for (const r of rs) last.set(r.key!.toString(), r.value!.readBigInt64BE())
      return [...expected].every(([c, n]) => last.get(c) === BigInt(n))
    })

    // B's standby mirrors A's stateful task; when A leaves, B promotes it.
    const movedPartition = a.partitions.find((p) => p.topic.endsWith('-repartition'))!.partition
    expect(b.standbys).toEqual([`1_${movedPartition}`])
    // Give the standby time to read the changelog the last commit wrote.
    await new Promise((r) => setTimeout(r, 500))
    const restoresBefore = b.restores.length
    expect(await a.app.close()).toBe(true)
    await waitFor(() => b.app.state === 'RUNNING' && b.partitions.length === 4, { timeoutMs: 40_000, what: 'B owns every task' })
    const promoted = b.restores.slice(restoresBefore).find((r) => r.partition === movedPartition)
    expect(promoted).toBeDefined()
    expect(promoted!.start).toBeGreaterThan(0)
    const store = b.app.store(ORDERS_STORE, QueryableStoreTypes.keyValueStore<string, number>())
    for (const [c, n] of expected) expect(store.get(c)).toBe(n)
    await b.app.close()
  }, 120_000)
})
