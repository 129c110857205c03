import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { StreamsBuilder, Consumed, Grouped, Produced } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'

const S = Serdes.String()
const L = Serdes.Long()

function wordCountTopology() {
  const b = new StreamsBuilder()
  b.stream<string, string>('lines', Consumed.with(S, S))
    .flatMapValues((line) => line.toLowerCase().split(/\s+/).filter((w) => w.length > 0))
    .groupBy((_k, word) => word, Grouped.with(S, S))
    .count({ materialized: 'word-counts' })
    .toStream()
    .to('word-counts-out', Produced.with(S, L))
  return b.build()
}

describe('KafkaStreams word count on the bundled broker', () => {
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

  it('counts words at least once, serves the counts through interactive queries, and shuts down cleanly', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'lines', partitions: 4 }, { topic: 'word-counts-out', partitions: 4 }])
    const lines = Array.from({ length: 200 }, (_, i) => ({ key: String(i), value: `alpha beta ${i % 2 === 0 ? 'gamma' : 'delta'}` }))
    await produce(kafka, 'lines', lines)

    const app = new KafkaStreams(wordCountTopology(), fastStreamsConfig(broker, { applicationId: 'wc-alos', stateDir: dir.path }))
    const states: string[] = []
    app.onStateChange((s) => states.push(s))
    await app.start()
    try {
      await waitForState(app, 'RUNNING')
      const out = await readUntil(kafka, 'word-counts-out', (rs) => {
        const last = new Map<string, bigint>()
        for (const r of rs) last.set(r.key!.toString(), r.value!.readBigInt64BE())
        return last.get('alpha') === 200n && last.get('beta') === 200n && last.get('gamma') === 100n && last.get('delta') === 100n
      })
      expect(out.length).toBeGreaterThanOrEqual(4)
      const store = app.store('word-counts', QueryableStoreTypes.keyValueStore<string, number>())
      expect(store.get('alpha')).toBe(200)
      expect(store.get('gamma')).toBe(100)
      expect(store.get('nope')).toBeNull()
    } finally {
      expect(await app.close({ timeoutMs: 15_000 })).toBe(true)
    }
    expect(app.state).toBe('NOT_RUNNING')
    expect(states).toEqual(['REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'NOT_RUNNING'])
  })
})
