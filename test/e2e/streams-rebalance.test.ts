import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { Serdes } from '../../processor-api/index.js'
import type { TopicPartition } from '../../src/runtime/ports.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { startTestBroker } from './broker-harness.js'
import { ORDER_COUNTS, ORDERS, ORDERS_STORE, ordersPerCustomerTopology } from './helpers/orders-topology.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

interface Instance {
  app: KafkaStreams
  port: number
  /** Partitions of the latest assignment. */
  partitions: readonly TopicPartition[]
  standbys: readonly string[]
}

describe('KafkaStreams rebalancing between instances', () => {
  let broker: Broker
  const dirs: { path: string; cleanup: () => Promise<void> }[] = []
  const instances: Instance[] = []
  const errors: string[] = []

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
  })

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.app.close({ timeoutMs: 15_000 })))
    await broker?.stop()
    await Promise.all(dirs.map((d) => d.cleanup()))
  })

  async function startInstance(port: number): Promise<Instance> {
    const dir = await tempDir()
    dirs.push(dir)
    const app = new KafkaStreams(
      ordersPerCustomerTopology(),
      fastStreamsConfig(broker, { applicationId: 'rebalance-app', stateDir: dir.path, applicationServer: `localhost:${port}`, numStandbyReplicas: 1 }),
    )
    const instance: Instance = { app, port, partitions: [], standbys: [] }
    app.events$.subscribe((e) => {
      if (e.type === 'error' || e.type === 'thread-replaced') errors.push(`${port}: ${e.error instanceof Error ? e.error.stack : String(e.error)}`)
      if (e.type === 'assigned') {
        instance.partitions = e.partitions
        instance.standbys = e.standbyTasks
      }
    })
    instances.push(instance)
    await app.start()
    return instance
  }

  const settled = (list: Instance[]) =>
    list.every((i) => i.app.state === 'RUNNING' && i.partitions.length > 0) && list.reduce((n, i) => n + i.partitions.length, 0) === 8

  it('splits tasks between two instances with standbys, moves tasks to a third, and answers key metadata queries', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: ORDERS, partitions: 4 }, { topic: ORDER_COUNTS, partitions: 4 }])
    const a = await startInstance(7001)
    const b = await startInstance(7002)
    await waitFor(() => settled([a, b]), { timeoutMs: 40_000, what: 'two instances settled' })
    expect(a.partitions).toHaveLength(4)
    expect(b.partitions).toHaveLength(4)
    expect([...a.standbys, ...b.standbys].sort()).toEqual(['1_0', '1_1', '1_2', '1_3'])

    const expected = new Map<string, number>()
    const orders = Array.from({ length: 400 }, (_, i) => {
      const c = `c${i % 10}`
      expected.set(c, (expected.get(c) ?? 0) + 1)
      return { key: `o${i}`, value: c }
    })
    await produce(kafka, ORDERS, orders)
    await readUntil(kafka, ORDER_COUNTS, (rs) => {
      const last = new Map<string, bigint>()
      for (const r of rs) last.set(r.key!.toString(), r.value!.readBigInt64BE())
      return [...expected].every(([c, n]) => last.get(c) === BigInt(n))
    })

    await waitFor(() => a.app.metadataForAllStreamsClients().length === 2, { what: 'metadata of both hosts' })
    const all = a.app.metadataForAllStreamsClients()
    expect(all.map((m) => m.hostInfo.port).sort()).toEqual([7001, 7002])
    for (const m of all) {
      expect(m.stateStoreNames.has(ORDERS_STORE)).toBe(true)
      expect(m.standbyStateStoreNames.has(ORDERS_STORE)).toBe(true)
      expect(m.standbyTopicPartitions).toHaveLength(2)
    }
    expect(all.flatMap((m) => m.topicPartitions)).toHaveLength(8)

    const byPort = new Map(instances.map((i) => [i.port, i]))
    for (const customer of expected.keys()) {
      const meta = a.app.queryMetadataForKey(ORDERS_STORE, customer, Serdes.String().serializer)
      expect(meta.partition).toBeGreaterThanOrEqual(0)
      expect(meta.standbyHosts).toHaveLength(1)
      expect(meta.standbyHosts[0]!.port).not.toBe(meta.activeHost.port)
      const owner = byPort.get(meta.activeHost.port)!
      const store = owner.app.store(ORDERS_STORE, QueryableStoreTypes.keyValueStore<string, number>())
      await waitFor(() => store.get(customer) === expected.get(customer), { what: `count of ${customer} on its active host` })
    }

    const c = await startInstance(7003)
    await waitFor(() => settled([a, b, c]), { timeoutMs: 60_000, what: 'three instances settled' })
    expect(c.partitions.length).toBeGreaterThan(0)
    expect(a.partitions.length + b.partitions.length).toBeLessThan(8)
    expect([a, b, c].map((i) => i.partitions.length).sort()).toEqual([2, 3, 3])

    // Counts keep flowing after the move; each key is served by its (possibly new) active host.
    const more = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: `c${i % 10}` }))
    for (const m of more) expected.set(m.value, expected.get(m.value)! + 1)
    await produce(kafka, ORDERS, more)
    for (const customer of expected.keys()) {
      let seen = ''
      await waitFor(
        () => {
          const meta = c.app.queryMetadataForKey(ORDERS_STORE, customer, Serdes.String().serializer)
          const owner = instances.find((i) => i.port === meta.activeHost.port)
          seen = `host ${meta.activeHost.port} partition ${meta.partition} states ${instances.map((i) => i.app.state).join(',')} errors ${errors.join(' | ')}`
          if (owner === undefined || owner.app.state !== 'RUNNING') return false
          try {
            const v = owner.app.store(ORDERS_STORE, QueryableStoreTypes.keyValueStore<string, number>()).get(customer)
            seen += ` value ${v} expected ${expected.get(customer)}`
            return v === expected.get(customer)
          } catch (err) {
            seen += ` ${String(err)}`
            return false
          }
        },
        { timeoutMs: 30_000, what: `count of ${customer} after the move` },
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}: ${seen}`)
      })
    }
  }, 180_000)
})
