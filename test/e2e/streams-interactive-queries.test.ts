import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Broker } from '../../src/broker/index.js'
import { Consumed, SessionWindows, StreamsBuilder, TimeWindows } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { StateStoreNotAvailableError, UnknownStateStoreError } from '../../src/runtime/errors.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { InvalidStateStoreError } from '../../state-stores/errors.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, fastStreamsConfig, KafkaStreams, quietKafka, waitForState } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'
import { waitFor } from '../helpers/wait-for.js'

const S = Serdes.String()

async function collect<K, V>(it: AsyncIterable<{ key: K; value: V }>): Promise<[K, V][]> {
  const out: [K, V][] = []
  for await (const kv of it) out.push([kv.key, kv.value])
  return out
}

describe('KafkaStreams interactive queries on window and session stores', () => {
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

  it('queries windowed and session counts across tasks, and rejects unknown stores and wrong types', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'clicks', partitions: 2 }])
    const b = new StreamsBuilder()
    const grouped = b.stream<string, string>('clicks', Consumed.with(S, S)).groupByKey()
    // A grace period keeps minute 0 in the store after minute 1 starts (retention = size + grace).
    grouped.windowedBy(TimeWindows.ofSizeAndGrace(60_000, 120_000)).count({ materialized: 'clicks-per-minute' })
    grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(10_000, 120_000)).count({ materialized: 'click-sessions' })
    const app = new KafkaStreams(b.build(), fastStreamsConfig(broker, { applicationId: 'iq-windows', stateDir: dir.path }))
    await app.start()
    try {
      await waitForState(app, 'RUNNING')
      const producer = kafka.producer()
      await producer.connect()
      // u1: two clicks in minute 0, one in minute 1 (a 70 s gap: two sessions); u2: one click.
      const clicks: [string, number][] = [['u1', 1_000], ['u1', 2_000], ['u2', 5_000], ['u1', 72_000]]
      for (const [user, ts] of clicks) await producer.send({ topic: 'clicks', acks: -1, messages: [{ key: user, value: 'c', timestamp: String(ts) }] })
      await producer.disconnect()

      const minutes = app.store('clicks-per-minute', QueryableStoreTypes.windowStore<string, number>())
      await waitFor(() => minutes.fetch('u1', 60_000) === 1, { what: 'the last click counted' })
      expect(minutes.fetch('u1', 0)).toBe(2)
      expect(await collect(minutes.fetch('u1', 0, 120_000))).toEqual([
        [0, 2],
        [60_000, 1],
      ])
      const all = (await collect(minutes.all())).map(([w, n]) => `${w.key}@${w.window.start}=${n}`).sort()
      expect(all).toEqual(['u1@0=2', 'u1@60000=1', 'u2@0=1'])

      const sessions = app.store('click-sessions', QueryableStoreTypes.sessionStore<string, number>())
      const u1 = (await collect(sessions.fetch('u1'))).map(([w, n]) => [w.window.start, w.window.end, n])
      expect(u1).toEqual([
        [1_000, 2_000, 2],
        [72_000, 72_000, 1],
      ])

      expect(() => app.store('nope', QueryableStoreTypes.keyValueStore())).toThrow(UnknownStateStoreError)
      expect(() => app.store('click-sessions', QueryableStoreTypes.keyValueStore())).toThrow(InvalidStateStoreError)
    } finally {
      await app.close()
    }
    expect(() => app.store('clicks-per-minute', QueryableStoreTypes.windowStore())).toThrow(StateStoreNotAvailableError)
  }, 60_000)
})
