/**
 * Ported from Kafka Streams' KStreamWindowAggregateTest (driver-based cases): hopping windows
 * with grace, late and expired records, EmitStrategy.onWindowUpdate/onWindowClose, with and
 * without caching, and a windowed table-table join. Windowed keys are compared as Kafka's
 * `Windowed.toString()` (`[key@start/end]`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Consumed, EmitStrategy, Grouped, Materialized, Produced, StreamsBuilder, TimeWindows, type KTable } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { drainKvt, kvt, windowedString } from './helpers.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

const VARIANTS = [
  { final: false, cache: true },
  { final: false, cache: false },
  { final: true, cache: true },
  { final: true, cache: false },
] as const

function label(v: { final: boolean; cache: boolean }): string {
  return `${v.final ? 'ON_WINDOW_CLOSE' : 'ON_WINDOW_UPDATE'}, cache ${v.cache}`
}

function materialized(name: string, cache: boolean): Materialized<string, string> {
  const m = Materialized.as<string, string>(name).withValueSerde(S)
  return cache ? m.withCachingEnabled() : m.withCachingDisabled()
}

function toOutput(table: KTable<Windowed<string>, string>, topic: string): void {
  table
    .toStream()
    .map((k, v) => KeyValue.pair(windowedString(k), v))
    .to(topic, Produced.with(S, S))
}

const W = (key: string, start: number, end: number, value: string, ts: number) => kvt(`[${key}@${start}/${end}]`, value, ts)

describe('KStreamWindowAggregateTest (Kafka)', () => {
  for (const v of VARIANTS) {
    it(`testAggBasic (${label(v)})`, async () => {
      const b = new StreamsBuilder()
      toOutput(
        b
          .stream<string, string>('topic1', Consumed.with(S, S))
          .groupByKey(Grouped.with(S, S))
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
          .emitStrategy(v.final ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate())
          .aggregate(() => '0', (_k, value, agg) => `${agg}+${value}`, materialized('topic1-Canonized', v.cache)),
        'out',
      )
      driver = new TopologyTestDriver(b.build())
      const input = driver.createInputTopic('topic1', S, S)
      const records: [string, string, number][] = [
        ['A', '1', 0], ['B', '2', 1], ['C', '3', 2], ['D', '4', 3], ['A', '1', 4],
        ['A', '1', 5], ['B', '2', 6], ['D', '4', 7], ['B', '2', 8], ['C', '3', 9],
        ['A', '1', 10], ['B', '2', 11], ['D', '4', 12], ['B', '2', 13], ['C', '3', 14],
        ['B', '1', 3], ['B', '2', 2], ['B', '3', 9],
      ]
      for (const [k, val, t] of records) await input.pipeInput(k, val, t)
      const out = drainKvt(driver.createOutputTopic('out', S, S))
      if (v.final) {
        expect(out).toEqual([])
        return
      }
      expect(out).toEqual([
        W('A', 0, 10, '0+1', 0),
        W('B', 0, 10, '0+2', 1),
        W('C', 0, 10, '0+3', 2),
        W('D', 0, 10, '0+4', 3),
        W('A', 0, 10, '0+1+1', 4),
        W('A', 0, 10, '0+1+1+1', 5),
        W('A', 5, 15, '0+1', 5),
        W('B', 0, 10, '0+2+2', 6),
        W('B', 5, 15, '0+2', 6),
        W('D', 0, 10, '0+4+4', 7),
        W('D', 5, 15, '0+4', 7),
        W('B', 0, 10, '0+2+2+2', 8),
        W('B', 5, 15, '0+2+2', 8),
        W('C', 0, 10, '0+3+3', 9),
        W('C', 5, 15, '0+3', 9),
        W('A', 5, 15, '0+1+1', 10),
        W('A', 10, 20, '0+1', 10),
        W('B', 5, 15, '0+2+2+2', 11),
        W('B', 10, 20, '0+2', 11),
        W('D', 5, 15, '0+4+4', 12),
        W('D', 10, 20, '0+4', 12),
        W('B', 5, 15, '0+2+2+2+2', 13),
        W('B', 10, 20, '0+2+2', 13),
        W('C', 5, 15, '0+3+3', 14),
        W('C', 10, 20, '0+3', 14),
        W('B', 0, 10, '0+2+2+2+1', 8),
        W('B', 0, 10, '0+2+2+2+1+2', 8),
        W('B', 0, 10, '0+2+2+2+1+2+3', 9),
        W('B', 5, 15, '0+2+2+2+2+3', 13),
      ])
    })
  }

  for (const v of VARIANTS.filter((x) => !x.final)) {
    it(`testJoin (${label(v)})`, async () => {
      const b = new StreamsBuilder()
      const agg = (topic: string, store: string) =>
        b
          .stream<string, string>(topic, Consumed.with(S, S))
          .groupByKey(Grouped.with(S, S))
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
          .emitStrategy(EmitStrategy.onWindowUpdate())
          .aggregate(() => '0', (_k, value, a) => `${a}+${value}`, materialized(store, v.cache))
      const t1 = agg('topic1', 'topic1-Canonized')
      const t2 = agg('topic2', 'topic2-Canonized')
      toOutput(t1, 'out1')
      toOutput(t2, 'out2')
      toOutput(t1.join(t2, (p1, p2) => `${p1}%${p2}`), 'out3')
      driver = new TopologyTestDriver(b.build())
      const d = driver
      const in1 = d.createInputTopic('topic1', S, S)
      const in2 = d.createInputTopic('topic2', S, S)
      const out = (n: number) => drainKvt(d.createOutputTopic(`out${n}`, S, S))
      for (const [k, val, t] of [['A', '1', 0], ['B', '2', 1], ['C', '3', 2], ['D', '4', 3], ['A', '1', 9]] as const) await in1.pipeInput(k, val, t)
      expect(out(1)).toEqual([
        W('A', 0, 10, '0+1', 0),
        W('B', 0, 10, '0+2', 1),
        W('C', 0, 10, '0+3', 2),
        W('D', 0, 10, '0+4', 3),
        W('A', 0, 10, '0+1+1', 9),
        W('A', 5, 15, '0+1', 9),
      ])
      expect(out(2)).toEqual([])
      expect(out(3)).toEqual([])
      for (const [k, val, t] of [['A', '1', 5], ['B', '2', 6], ['D', '4', 7], ['B', '2', 8], ['C', '3', 9]] as const) await in1.pipeInput(k, val, t)
      expect(out(1)).toEqual([
        W('A', 0, 10, '0+1+1+1', 9),
        W('A', 5, 15, '0+1+1', 9),
        W('B', 0, 10, '0+2+2', 6),
        W('B', 5, 15, '0+2', 6),
        W('D', 0, 10, '0+4+4', 7),
        W('D', 5, 15, '0+4', 7),
        W('B', 0, 10, '0+2+2+2', 8),
        W('B', 5, 15, '0+2+2', 8),
        W('C', 0, 10, '0+3+3', 9),
        W('C', 5, 15, '0+3', 9),
      ])
      expect(out(2)).toEqual([])
      expect(out(3)).toEqual([])
      for (const [k, val, t] of [['A', 'a', 0], ['B', 'b', 1], ['C', 'c', 2], ['D', 'd', 20], ['A', 'a', 20]] as const) await in2.pipeInput(k, val, t)
      expect(out(1)).toEqual([])
      expect(out(2)).toEqual([
        W('A', 0, 10, '0+a', 0),
        W('B', 0, 10, '0+b', 1),
        W('C', 0, 10, '0+c', 2),
        W('D', 15, 25, '0+d', 20),
        W('D', 20, 30, '0+d', 20),
        W('A', 15, 25, '0+a', 20),
        W('A', 20, 30, '0+a', 20),
      ])
      expect(out(3)).toEqual([W('A', 0, 10, '0+1+1+1%0+a', 9), W('B', 0, 10, '0+2+2+2%0+b', 8), W('C', 0, 10, '0+3+3%0+c', 9)])
      for (const [k, val, t] of [['A', 'a', 5], ['B', 'b', 6], ['D', 'd', 7], ['D', 'd', 18], ['A', 'a', 21]] as const) await in2.pipeInput(k, val, t)
      expect(out(1)).toEqual([])
      expect(out(2)).toEqual([
        W('A', 0, 10, '0+a+a', 5),
        W('A', 5, 15, '0+a', 5),
        W('B', 0, 10, '0+b+b', 6),
        W('B', 5, 15, '0+b', 6),
        W('D', 0, 10, '0+d', 7),
        W('D', 5, 15, '0+d', 7),
        W('D', 10, 20, '0+d', 18),
        W('D', 15, 25, '0+d+d', 20),
        W('A', 15, 25, '0+a+a', 21),
        W('A', 20, 30, '0+a+a', 21),
      ])
      expect(out(3)).toEqual([
        W('A', 0, 10, '0+1+1+1%0+a+a', 9),
        W('A', 5, 15, '0+1+1%0+a', 9),
        W('B', 0, 10, '0+2+2+2%0+b+b', 8),
        W('B', 5, 15, '0+2+2%0+b', 8),
        W('D', 0, 10, '0+4+4%0+d', 7),
        W('D', 5, 15, '0+4%0+d', 7),
      ])
    })
  }

  // Kafka's cached variant differs: its time-ordered caching store still serves windows the
  // store below has expired, so the joins of [0,10) also appear; tributary's caching layer
  // applies the store's retention (as the uncached store does).
  for (const v of VARIANTS.filter((x) => x.final && !x.cache)) {
    it(`testJoin (${label(v)})`, async () => {
      const b = new StreamsBuilder()
      const agg = (topic: string, store: string) =>
        b
          .stream<string, string>(topic, Consumed.with(S, S))
          .groupByKey(Grouped.with(S, S))
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 5).advanceBy(5))
          .emitStrategy(EmitStrategy.onWindowClose())
          .aggregate(() => '0', (_k, value, a) => `${a}+${value}`, materialized(store, v.cache))
      const t1 = agg('topic1', 'topic1-Canonized')
      const t2 = agg('topic2', 'topic2-Canonized')
      toOutput(t1, 'out1')
      toOutput(t2, 'out2')
      toOutput(t1.join(t2, (p1, p2) => `${p1}%${p2}`), 'out3')
      driver = new TopologyTestDriver(b.build())
      const d = driver
      const in1 = d.createInputTopic('topic1', S, S)
      const in2 = d.createInputTopic('topic2', S, S)
      const out = (n: number) => drainKvt(d.createOutputTopic(`out${n}`, S, S))
      for (const [k, val, t] of [['A', '1', 0], ['B', '2', 1], ['C', '3', 2], ['D', '4', 3], ['A', '1', 9], ['A', '1', 15]] as const) await in1.pipeInput(k, val, t)
      expect(out(1)).toEqual([W('A', 0, 10, '0+1+1', 9), W('B', 0, 10, '0+2', 1), W('C', 0, 10, '0+3', 2), W('D', 0, 10, '0+4', 3)])
      expect(out(2)).toEqual([])
      expect(out(3)).toEqual([])
      for (const [k, val, t] of [['A', '1', 10], ['B', '2', 11], ['D', '4', 12], ['B', '2', 13], ['C', '3', 14], ['A', '1', 20]] as const) await in1.pipeInput(k, val, t)
      expect(out(1)).toEqual([W('A', 5, 15, '0+1+1', 10), W('B', 5, 15, '0+2+2', 13), W('C', 5, 15, '0+3', 14), W('D', 5, 15, '0+4', 12)])
      expect(out(2)).toEqual([])
      expect(out(3)).toEqual([])
      for (const [k, val, t] of [['A', 'a', 0], ['B', 'b', 1], ['C', 'c', 2], ['D', 'd', 10], ['A', 'a', 15]] as const) await in2.pipeInput(k, val, t)
      expect(out(1)).toEqual([])
      expect(out(2)).toEqual([W('A', 0, 10, '0+a', 0), W('B', 0, 10, '0+b', 1), W('C', 0, 10, '0+c', 2)])
      expect(out(3)).toEqual([])
      for (const [k, val, t] of [['A', 'a', 5], ['B', 'b', 6], ['D', 'd', 7], ['D', 'd', 18], ['A', 'a', 21]] as const) await in2.pipeInput(k, val, t)
      expect(out(1)).toEqual([])
      expect(out(2)).toEqual([W('A', 5, 15, '0+a', 5), W('B', 5, 15, '0+b', 6), W('D', 5, 15, '0+d+d', 10)])
      expect(out(3)).toEqual([W('A', 5, 15, '0+1+1%0+a', 10), W('B', 5, 15, '0+2+2%0+b', 13), W('D', 5, 15, '0+4%0+d+d', 12)])
    })
  }

  for (const v of VARIANTS) {
    it(`shouldLogAndMeterWhenSkippingExpiredWindow: outputs (${label(v)})`, async () => {
      const b = new StreamsBuilder()
      toOutput(
        b
          .stream<string, string>('topic', Consumed.with(S, S))
          .groupByKey(Grouped.with(S, S))
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 90).advanceBy(5))
          .emitStrategy(v.final ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate())
          .aggregate(() => '', (_k, value, agg) => `${agg}+${value}`, materialized('topic1-Canonicalized', v.cache).withLoggingDisabled().withRetention(100)),
        'output',
      )
      driver = new TopologyTestDriver(b.build())
      const input = driver.createInputTopic('topic', S, S)
      for (const t of [100, 0, 1, 2, 3, 4, 5, 6, 105, 106]) await input.pipeInput('k', String(t), t)
      const out = drainKvt(driver.createOutputTopic('output', S, S))
      if (v.final) {
        expect(out).toEqual([kvt('[k@5/15]', '+5+6', 6)])
      } else {
        expect(out).toEqual([
          kvt('[k@95/105]', '+100', 100),
          kvt('[k@100/110]', '+100', 100),
          kvt('[k@5/15]', '+5', 5),
          kvt('[k@5/15]', '+5+6', 6),
          kvt('[k@100/110]', '+100+105', 105),
          kvt('[k@105/115]', '+105', 105),
          kvt('[k@100/110]', '+100+105+106', 106),
          kvt('[k@105/115]', '+105+106', 106),
        ])
      }
    })

    it(`shouldLogAndMeterWhenSkippingExpiredWindowByGrace: outputs (${label(v)})`, async () => {
      const b = new StreamsBuilder()
      toOutput(
        b
          .stream<string, string>('topic', Consumed.with(S, S))
          .groupByKey(Grouped.with(S, S))
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 90).advanceBy(10))
          .emitStrategy(v.final ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate())
          .aggregate(() => '', (_k, value, agg) => `${agg}+${value}`, materialized('topic1-Canonicalized', v.cache).withLoggingDisabled()),
        'output',
      )
      driver = new TopologyTestDriver(b.build())
      const input = driver.createInputTopic('topic', S, S)
      const records: [string, number][] = [['100', 200], ['0', 100], ['1', 101], ['2', 102], ['3', 103], ['4', 104], ['5', 105], ['6', 6]]
      for (const [val, t] of records) await input.pipeInput('k', val, t)
      const out = drainKvt(driver.createOutputTopic('output', S, S))
      expect(out).toEqual(v.final ? [] : [kvt('[k@200/210]', '+100', 200)])
    })
  }
})
