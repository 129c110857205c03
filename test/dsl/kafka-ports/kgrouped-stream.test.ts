/**
 * Ported from Kafka Streams' KGroupedStreamImplTest (driver cases): sliding-window counts (sorted
 * by key and window start, as in Kafka), and session-window count/aggregate/reduce (last value
 * and timestamp per windowed key).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Consumed, Grouped, Materialized, Produced, SessionWindows, SlidingWindows, StreamsBuilder, type KGroupedStream, type KTable } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { windowedString } from './helpers.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function grouped(b: StreamsBuilder): KGroupedStream<string, string> {
  return b.stream<string, string>('topic', Consumed.with(S, S)).groupByKey(Grouped.with(S, S))
}

/** Pipes the records and returns every output as `[key@start/end]=value/timestamp` (values as strings). */
async function run<V>(b: StreamsBuilder, table: KTable<Windowed<string>, V>, records: [string, string, number][]): Promise<{ key: string; start: number; line: string }[]> {
  table
    .toStream()
    .map((k, v) => KeyValue.pair(windowedString(k), v === null ? 'null' : String(v)))
    .to('out', Produced.with(S, S))
  driver = new TopologyTestDriver(b.build())
  const input = driver.createInputTopic('topic', S, S)
  for (const [k, v, t] of records) await input.pipeInput(k, v, t)
  return driver
    .createOutputTopic('out', S, S)
    .readRecordsToList()
    .map((r) => {
      const m = /^\[(.*)@(\d+)\/(\d+)\]$/.exec(r.key)!
      return { key: m[1]!, start: Number(m[2]), line: `${r.key}=${r.value}/${r.timestamp}` }
    })
}

/** Kafka's `lastValueAndTimestampPerKey`. */
function lastPerKey(out: { line: string }[]): Map<string, string> {
  const m = new Map<string, string>()
  for (const o of out) {
    const [k, rest] = o.line.split('=') as [string, string]
    m.set(k, rest)
  }
  return m
}

const SESSION_RECORDS: [string, string, number][] = [['1', '1', 10], ['2', '2', 15], ['1', '1', 30], ['1', '1', 70], ['1', '1', 100], ['1', '1', 90]]

describe('KGroupedStreamImplTest (Kafka)', () => {
  for (const named of [true, false]) {
    it(`shouldCountSlidingWindows${named ? '' : 'WithInternalStoreName'}`, async () => {
      const b = new StreamsBuilder()
      const w = grouped(b).windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(500, 2000))
      const table = named ? w.count(Materialized.as<string, number>('aggregate-by-key-windowed')) : w.count()
      const out = await run(b, table, [
        ['1', 'A', 500], ['1', 'A', 999], ['1', 'A', 600], ['2', 'B', 500], ['2', 'B', 600], ['2', 'B', 700],
        ['3', 'C', 501], ['1', 'A', 1000], ['1', 'A', 1000], ['2', 'B', 1000], ['2', 'B', 1000], ['3', 'C', 600],
      ])
      // Kafka sorts by key, then window start (a stable sort: equal windows keep their order)
      out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.start - y.start))
      expect(out.map((o) => o.line)).toEqual([
        '[1@0/500]=1/500',
        '[1@100/600]=2/600',
        '[1@499/999]=2/999',
        '[1@499/999]=3/999',
        '[1@500/1000]=4/1000',
        '[1@500/1000]=5/1000',
        '[1@501/1001]=1/999',
        '[1@501/1001]=2/999',
        '[1@501/1001]=3/1000',
        '[1@501/1001]=4/1000',
        '[1@601/1101]=1/999',
        '[1@601/1101]=2/1000',
        '[1@601/1101]=3/1000',
        '[1@1000/1500]=1/1000',
        '[1@1000/1500]=2/1000',
        '[2@0/500]=1/500',
        '[2@100/600]=2/600',
        '[2@200/700]=3/700',
        '[2@500/1000]=4/1000',
        '[2@500/1000]=5/1000',
        '[2@501/1001]=1/600',
        '[2@501/1001]=2/700',
        '[2@501/1001]=3/1000',
        '[2@501/1001]=4/1000',
        '[2@601/1101]=1/700',
        '[2@601/1101]=2/1000',
        '[2@601/1101]=3/1000',
        '[2@701/1201]=1/1000',
        '[2@701/1201]=2/1000',
        '[3@1/501]=1/501',
        '[3@100/600]=2/600',
        '[3@502/1002]=1/600',
      ])
    })
  }

  it('shouldAggregateSessionWindows', async () => {
    const b = new StreamsBuilder()
    const table = grouped(b)
      .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(30))
      .aggregate(() => 0, (_k, _v, agg) => agg + 1, (_k, a, b2) => a + b2, Materialized.as<string, number>('session-store').withValueSerde(Serdes.Integer()))
    expect(table.queryableStoreName()).toBe('session-store')
    const last = lastPerKey(await run(b, table, SESSION_RECORDS))
    expect([last.get('[1@10/30]'), last.get('[2@15/15]'), last.get('[1@70/100]')]).toEqual(['2/30', '1/15', '3/100'])
  })

  for (const named of [true, false]) {
    it(`shouldCountSessionWindows${named ? '' : 'WithInternalStoreName'}`, async () => {
      const b = new StreamsBuilder()
      const w = grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(30))
      const table = named ? w.count(Materialized.as<string, number>('session-store')) : w.count()
      expect(table.queryableStoreName()).toBe(named ? 'session-store' : null)
      const last = lastPerKey(await run(b, table, SESSION_RECORDS))
      expect([last.get('[1@10/30]'), last.get('[2@15/15]'), last.get('[1@70/100]')]).toEqual(['2/30', '1/15', '3/100'])
    })
  }

  it('shouldReduceSessionWindows', async () => {
    const b = new StreamsBuilder()
    const table = grouped(b)
      .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(30))
      .reduce((v1, v2) => `${v1}:${v2}`, Materialized.as<string, string>('session-store'))
    const last = lastPerKey(await run(b, table, [['1', 'A', 10], ['2', 'Z', 15], ['1', 'B', 30], ['1', 'A', 70], ['1', 'B', 100], ['1', 'C', 90]]))
    expect([last.get('[1@10/30]'), last.get('[2@15/15]'), last.get('[1@70/100]')]).toEqual(['A:B/30', 'Z/15', 'A:B:C/100'])
  })
})
