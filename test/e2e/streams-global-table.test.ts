import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { Consumed, Materialized, Produced, StreamsBuilder } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, fastStreamsConfig, KafkaStreams, produce, quietKafka, readUntil, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

const S = Serdes.String()

describe('KafkaStreams with a GlobalKTable', () => {
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

  it('loads every partition of the global topic before processing and keeps the table current', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [
      { topic: 'customers', partitions: 3 },
      { topic: 'clicks', partitions: 2 },
      { topic: 'enriched', partitions: 2 },
    ])
    // The table is written before the application starts: it must be complete before the first click is joined.
    await produce(kafka, 'customers', Array.from({ length: 30 }, (_, i) => ({ key: `u${i}`, value: `region-${i % 3}` })))
    await produce(kafka, 'clicks', Array.from({ length: 30 }, (_, i) => ({ key: `click${i}`, value: `u${i}` })))

    const b = new StreamsBuilder()
    const customers = b.globalTable<string, string>('customers', Consumed.with(S, S), Materialized.as<string, string>('customers-store'))
    b.stream<string, string>('clicks', Consumed.with(S, S))
      .join(customers, (_click, user) => user, (user, region) => `${user}@${region}`)
      .to('enriched', Produced.with(S, S))
    const app = new KafkaStreams(b.build(), fastStreamsConfig(broker, { applicationId: 'global-app', stateDir: dir.path }))
    await app.start()
    try {
      await waitForState(app, 'RUNNING')
      const out = await readUntil(kafka, 'enriched', (rs) => rs.length >= 30)
      expect(out).toHaveLength(30)
      for (const r of out) {
        const [user, region] = r.value!.toString().split('@')
        expect(region).toBe(`region-${Number(user!.slice(1)) % 3}`)
      }
      const store = app.store('customers-store', QueryableStoreTypes.keyValueStore<string, string>())
      expect(store.get('u7')).toBe('region-1')

      await produce(kafka, 'customers', [{ key: 'u7', value: 'moved' }])
      await waitFor(() => store.get('u7') === 'moved', { what: 'global table update' })
      await produce(kafka, 'clicks', [{ key: 'late', value: 'u7' }])
      const later = await readUntil(kafka, 'enriched', (rs) => rs.some((r) => r.key!.toString() === 'late'))
      expect(later.find((r) => r.key!.toString() === 'late')!.value!.toString()).toBe('u7@moved')
    } finally {
      await app.close()
    }
  }, 60_000)
})
