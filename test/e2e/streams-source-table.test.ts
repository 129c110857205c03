import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { Consumed, Materialized, Produced, StreamsBuilder } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'

const S = Serdes.String()

/** profiles (a table, its source topic reused as changelog) joined by the clicks stream. */
function topology() {
  const b = new StreamsBuilder({ optimization: 'all' })
  const profiles = b.table<string, string>('profiles', Consumed.with(S, S), Materialized.as<string, string>('profiles-store'))
  b.stream<string, string>('visits', Consumed.with(S, S))
    .join(profiles, (page, name) => `${name}:${page}`)
    .to('named-visits', Produced.with(S, S))
  return b.build()
}

describe('KafkaStreams with a source-topic table (topology.optimization all)', () => {
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

  it('creates no changelog for the table and restores it from its source topic between its checkpoint and the committed offset', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'profiles', partitions: 2 }, { topic: 'visits', partitions: 2 }, { topic: 'named-visits', partitions: 2 }])
    const config = fastStreamsConfig(broker, { applicationId: 'source-table', stateDir: dir.path })
    await produce(kafka, 'profiles', [{ key: 'u1', value: 'Ann' }, { key: 'u2', value: 'Bob' }])

    const first = new KafkaStreams(topology(), config)
    await first.start()
    await waitForState(first, 'RUNNING')
    await produce(kafka, 'visits', [{ key: 'u1', value: '/home' }])
    await readUntil(kafka, 'named-visits', (rs) => rs.length >= 1)
    expect(await first.close()).toBe(true)
    const admin = kafka.admin()
    await admin.connect()
    const topics = await admin.listTopics()
    await admin.disconnect()
    expect(topics.filter((t) => t.startsWith('source-table-'))).toEqual([])

    // The table changes while the application is down. On restart the store restores from its
    // source topic, from its checkpoint up to the group's committed offset (nothing is missing
    // here), and the change made meanwhile is processed as input.
    await produce(kafka, 'profiles', [{ key: 'u2', value: 'Bea' }])
    const second = new KafkaStreams(topology(), config)
    const restores: { topic: string; start: number; end: number }[] = []
    second.setGlobalStateRestoreListener({ onRestoreStart: (tp, _s, start, end) => restores.push({ topic: tp.topic, start, end }) })
    await second.start()
    await waitForState(second, 'RUNNING')
    expect(restores.map((r) => r.topic)).toEqual(['profiles', 'profiles'])
    for (const r of restores) expect(r.start).toBe(r.end)
    expect(restores.reduce((n, r) => n + r.end, 0)).toBe(2)
    await produce(kafka, 'visits', [{ key: 'u2', value: '/cart' }])
    const out = await readUntil(kafka, 'named-visits', (rs) => rs.length >= 2)
    expect(out.map((r) => r.value!.toString()).sort()).toEqual(['Ann:/home', 'Bea:/cart'])
    const store = second.store('profiles-store', QueryableStoreTypes.keyValueStore<string, string>())
    expect(store.get('u1')).toBe('Ann')
    expect(store.get('u2')).toBe('Bea')
    expect(await second.close()).toBe(true)

    // Same application, empty state directory: the table restores from the start of its source
    // topic (plain values, no timestamps in them) into a timestamped store with logging disabled.
    const fresh = await tempDir()
    try {
      const third = new KafkaStreams(topology(), { ...config, stateDir: fresh.path })
      const fromScratch: { start: number; end: number }[] = []
      third.setGlobalStateRestoreListener({ onRestoreStart: (_tp, _s, start, end) => fromScratch.push({ start, end }) })
      await third.start()
      await waitForState(third, 'RUNNING')
      expect(fromScratch.reduce((n, r) => n + (r.end - r.start), 0)).toBe(3)
      const restored = third.store('profiles-store', QueryableStoreTypes.timestampedKeyValueStore<string, string>())
      expect(restored.get('u1')?.value).toBe('Ann')
      expect(restored.get('u2')?.value).toBe('Bea')
      expect(restored.get('u2')?.timestamp).toBeGreaterThan(0)
      await produce(kafka, 'visits', [{ key: 'u1', value: '/again' }])
      const again = await readUntil(kafka, 'named-visits', (rs) => rs.length >= 3)
      expect(again.map((r) => r.value!.toString())).toContain('Ann:/again')
      expect(await third.close()).toBe(true)
    } finally {
      await fresh.cleanup()
    }
  }, 90_000)
})
