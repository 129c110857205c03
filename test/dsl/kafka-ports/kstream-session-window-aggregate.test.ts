/**
 * Ported from Kafka Streams' KStreamSessionWindowAggregateProcessorTest, through the driver: the
 * processor's forwards are read from an output topic, with the store uncached (Kafka's emit-final
 * session store has no cache; the driver commits after each record, so uncached shows every
 * forward). Aggregator: count (+1), merger: sum, as in the Kafka test.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { Consumed, EmitStrategy, Grouped, Materialized, Produced, SessionWindows, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '../../../src/test-driver/index.js'
import { drainKvt, kvt, windowedString } from './helpers.js'

const S = Serdes.String()
const L = Serdes.Long()
const GAP_MS = 5 * 60 * 1000
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function sessionCount(windows: SessionWindows, emitFinal: boolean): { input: TestInputTopic<string, string>; out: TestOutputTopic<string, number | null> } {
  const b = new StreamsBuilder()
  b.stream<string, string>('topic', Consumed.with(S, S))
    .groupByKey(Grouped.with(S, S))
    .windowedBy(windows)
    .emitStrategy(emitFinal ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate())
    .aggregate(
      () => 0,
      (_k, _v, agg) => agg + 1,
      (_k, a, b2) => a + b2,
      // the Kafka test's store retains 3 * gap
      Materialized.as<string, number>('session-store').withValueSerde(L).withCachingDisabled().withLoggingDisabled().withRetention(GAP_MS * 3),
    )
    .toStream()
    .map((k, v) => KeyValue.pair(windowedString(k), v))
    .to('out', Produced.with(S, L))
  driver = new TopologyTestDriver(b.build())
  return { input: driver.createInputTopic('topic', S, S), out: driver.createOutputTopic('out', S, L) }
}

const W = (key: string, start: number, end: number, value: number | null, ts: number) => kvt(`[${key}@${start}/${end}]`, value, ts)

describe('KStreamSessionWindowAggregateProcessorTest (Kafka)', () => {
  for (const emitFinal of [false, true]) {
    const mode = emitFinal ? 'ON_WINDOW_CLOSE' : 'ON_WINDOW_UPDATE'

    it(`shouldHaveMultipleSessionsForSameIdWhenTimestampApartBySessionGap (${mode})`, async () => {
      const { input, out } = sessionCount(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS), emitFinal)
      let now = 0
      await input.pipeInput('mel', 'first', now)
      now += GAP_MS + 1
      await input.pipeInput('mel', 'second', now)
      await input.pipeInput('mel', 'second', now)
      now += GAP_MS + 1
      for (let i = 0; i < 3; i++) await input.pipeInput('mel', 'third', now)
      const s2 = GAP_MS + 1
      expect(drainKvt(out)).toEqual(
        emitFinal
          ? [W('mel', 0, 0, 1, 0), W('mel', s2, s2, 2, s2)]
          : [
              W('mel', 0, 0, 1, 0),
              W('mel', s2, s2, 1, s2),
              W('mel', s2, s2, 2, s2),
              W('mel', now, now, 1, now),
              W('mel', now, now, 2, now),
              W('mel', now, now, 3, now),
            ],
      )
    })

    it(`shouldHandleMultipleSessionsAndMerging (${mode})`, async () => {
      const { input, out } = sessionCount(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS), emitFinal)
      const half = GAP_MS / 2
      const records: [string, string, number][] = [
        ['a', '1', 0], ['b', '1', 0], ['c', '1', 0], ['d', '1', 0], ['d', '2', half],
        ['a', '2', GAP_MS + 1], ['b', '2', GAP_MS + 1], ['a', '3', GAP_MS + 1 + half], ['c', '3', GAP_MS + 1 + half],
      ]
      for (const [k, v, t] of records) await input.pipeInput(k, v, t)
      const late = GAP_MS + 1 + half
      expect(drainKvt(out)).toEqual(
        emitFinal
          ? [W('a', 0, 0, 1, 0), W('b', 0, 0, 1, 0), W('c', 0, 0, 1, 0), W('d', 0, half, 2, half)]
          : [
              W('a', 0, 0, 1, 0),
              W('b', 0, 0, 1, 0),
              W('c', 0, 0, 1, 0),
              W('d', 0, 0, 1, 0),
              W('d', 0, 0, null, 0),
              W('d', 0, half, 2, half),
              W('a', GAP_MS + 1, GAP_MS + 1, 1, GAP_MS + 1),
              W('b', GAP_MS + 1, GAP_MS + 1, 1, GAP_MS + 1),
              W('a', GAP_MS + 1, GAP_MS + 1, null, GAP_MS + 1),
              W('a', GAP_MS + 1, late, 2, late),
              W('c', late, late, 1, late),
            ],
      )
      const store = driver!.getSessionStore<string, number>('session-store')!
      const sessions: string[] = []
      for await (const kv of store.findSessions('a', 0, late)) sessions.push(`${windowedString(kv.key)}=${kv.value}`)
      expect(sessions).toEqual(['[a@0/0]=1', `[a@${GAP_MS + 1}/${late}]=2`])
    })
  }

  it('shouldImmediatelyForwardRemovedSessionsWhenMerging', async () => {
    const { input, out } = sessionCount(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS), false)
    await input.pipeInput('a', '1', 0)
    await input.pipeInput('a', '1', 5)
    expect(drainKvt(out)).toEqual([W('a', 0, 0, 1, 0), W('a', 0, 0, null, 0), W('a', 0, 5, 2, 5)])
  })

  it('shouldLogAndMeterWhenSkippingLateRecordWithZeroGrace: the late record is dropped', async () => {
    const { input, out } = sessionCount(SessionWindows.ofInactivityGapAndGrace(10, 0), false)
    await input.pipeInput('dummy', 'dummy', 0)
    await input.pipeInput('OnTime1', '1', 0)
    await input.pipeInput('dummy', 'dummy', 11)
    await input.pipeInput('Late1', '1', 0)
    expect(drainKvt(out)).toEqual([W('dummy', 0, 0, 1, 0), W('OnTime1', 0, 0, 1, 0), W('dummy', 11, 11, 1, 11)])
  })

  it('shouldLogAndMeterWhenSkippingLateRecordWithNonzeroGrace: on time at the edge, late after', async () => {
    const { input, out } = sessionCount(SessionWindows.ofInactivityGapAndGrace(10, 1), false)
    await input.pipeInput('dummy', 'dummy', 0)
    await input.pipeInput('OnTime1', '1', 0)
    await input.pipeInput('dummy', 'dummy', 11)
    await input.pipeInput('OnTime2', '1', 0)
    await input.pipeInput('dummy', 'dummy', 12)
    await input.pipeInput('Late1', '1', 0)
    expect(drainKvt(out)).toEqual([
      W('dummy', 0, 0, 1, 0),
      W('OnTime1', 0, 0, 1, 0),
      W('dummy', 11, 11, 1, 11),
      W('OnTime2', 0, 0, 1, 0),
      W('dummy', 11, 11, null, 11),
      W('dummy', 11, 12, 2, 12),
    ])
  })
})
