import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import type { StateRestoreListener } from '../../src/runtime/state-restore-listener.js'
import { startTestBroker } from './broker-harness.js'
import { ORDER_COUNTS, ORDERS, ORDERS_STORE, ordersPerCustomerTopology } from './helpers/orders-topology.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

interface RestoreStart {
  partition: number
  start: number
  end: number
}

function recorder(): { starts: RestoreStart[]; listener: StateRestoreListener } {
  const starts: RestoreStart[] = []
  return { starts, listener: { onRestoreStart: (tp, _store, start, end) => starts.push({ partition: tp.partition, start, end }) } }
}

describe('KafkaStreams restore from local checkpoints', () => {
  let broker: Broker
  let dir: { path: string; cleanup: () => Promise<void> }

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    dir = await tempDir()
  })

  afterAll(async () => {
    await broker?.stop()
    await dir?.cleanup()
  })

  it('restarts after a clean stop from the checkpoint (not offset 0), and from offset 0 after cleanUp()', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: ORDERS, partitions: 2 }, { topic: ORDER_COUNTS, partitions: 2 }])
    const config = fastStreamsConfig(broker, { applicationId: 'restore-app', stateDir: dir.path, commitIntervalMs: 200 })
    const customers = ['ann', 'bob', 'cyd', 'dan', 'eve', 'fay']
    const expected = new Map<string, number>()
    const order = (i: number) => {
      const c = customers[i % customers.length]!
      expected.set(c, (expected.get(c) ?? 0) + 1)
      return { key: `o${i}`, value: c }
    }
    const done = (rs: { key: Buffer | null; value: Buffer | null }[]) => {
      const last = new Map<string, bigint>()
      for (const r of rs) last.set(r.key!.toString(), r.value!.readBigInt64BE())
      return [...expected].every(([c, n]) => last.get(c) === BigInt(n))
    }

    // First run: nothing on disk, restoration starts (and ends) at offset 0.
    const first = recorder()
    const app1 = new KafkaStreams(ordersPerCustomerTopology(), config)
    app1.setGlobalStateRestoreListener(first.listener)
    await app1.start()
    await waitForState(app1, 'RUNNING')
    await produce(kafka, ORDERS, Array.from({ length: 120 }, (_, i) => order(i)))
    await readUntil(kafka, ORDER_COUNTS, done)
    expect(await app1.close()).toBe(true)
    expect(first.starts.map((s) => s.start)).toEqual([0, 0])

    // Second run on the same state directory: restoration starts at each store's checkpoint,
    // which is the end of its changelog partition, so nothing is re-read.
    const second = recorder()
    const app2 = new KafkaStreams(ordersPerCustomerTopology(), config)
    app2.setGlobalStateRestoreListener(second.listener)
    await app2.start()
    await waitForState(app2, 'RUNNING')
    expect(second.starts).toHaveLength(2)
    for (const s of second.starts) {
      expect(s.start).toBeGreaterThan(0)
      expect(s.start).toBe(s.end)
    }
    await produce(kafka, ORDERS, Array.from({ length: 30 }, (_, i) => order(120 + i)))
    await readUntil(kafka, ORDER_COUNTS, done)
    const store = app2.store(ORDERS_STORE, QueryableStoreTypes.keyValueStore<string, number>())
    await waitFor(() => customers.every((c) => store.get(c) === expected.get(c)), { what: 'store caught up' })
    expect(await app2.close()).toBe(true)

    // cleanUp() wipes local state: the next run restores the whole changelog from offset 0.
    const third = recorder()
    const app3 = new KafkaStreams(ordersPerCustomerTopology(), config)
    app3.cleanUp()
    app3.setGlobalStateRestoreListener(third.listener)
    await app3.start()
    await waitForState(app3, 'RUNNING')
    expect(third.starts.map((s) => s.start)).toEqual([0, 0])
    expect(third.starts.every((s) => s.end > 0)).toBe(true)
    const restored = app3.store(ORDERS_STORE, QueryableStoreTypes.keyValueStore<string, number>())
    for (const c of customers) expect(restored.get(c)).toBe(expected.get(c))
    expect(() => app3.cleanUp()).toThrow(/Cannot clean up while running/)
    expect(await app3.close()).toBe(true)
  }, 120_000)
})
