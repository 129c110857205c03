/**
 * Ported from Kafka Streams' KStreamSlidingWindowAggregateTest (testAggregateSmallInput,
 * testReduceSmallInput): sliding windows of 10 ms with 5 ms grace, emitting on update or on
 * window close, with and without caching. As in Kafka, results are compared per window start as
 * sets of (value, timestamp).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { Consumed, EmitStrategy, Grouped, Materialized, Produced, SlidingWindows, StreamsBuilder, type KTable, type TimeWindowedKStream } from '../../../dsl/index.js'
import { WindowedSerdes } from '../../../dsl/windows/windowed-serdes.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'

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

async function runSliding(
  v: { final: boolean; cache: boolean },
  build: (w: TimeWindowedKStream<string, string>, m: Materialized<string, string>) => KTable<Windowed<string>, string>,
  records: [string, number][],
): Promise<Map<number, Set<string>>> {
  const b = new StreamsBuilder()
  const m = Materialized.as<string, string>('store-name').withValueSerde(S)
  const table = build(
    b
      .stream<string, string>('topic', Consumed.with(S, S))
      .groupByKey(Grouped.with(S, S))
      .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 5))
      .emitStrategy(v.final ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate()),
    v.cache ? m.withCachingEnabled() : m.withCachingDisabled(),
  )
  table.toStream().to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), S))
  driver = new TopologyTestDriver(b.build())
  const input = driver.createInputTopic('topic', S, S)
  for (const [val, t] of records) await input.pipeInput('A', val, t)
  const actual = new Map<number, Set<string>>()
  for (const r of driver.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), S).readRecordsToList()) {
    const start = r.key.window.start
    if (!actual.has(start)) actual.set(start, new Set())
    actual.get(start)!.add(`${r.value}@${r.timestamp}`)
  }
  return actual
}

function expected(entries: [number, string[]][]): Map<number, Set<string>> {
  return new Map(entries.map(([start, values]) => [start, new Set(values)]))
}

describe('KStreamSlidingWindowAggregateTest (Kafka)', () => {
  for (const v of VARIANTS) {
    const label = `${v.final ? 'ON_WINDOW_CLOSE' : 'ON_WINDOW_UPDATE'}, cache ${v.cache}`

    it(`testAggregateSmallInput (${label})`, async () => {
      const actual = await runSliding(
        v,
        (w, m) => w.aggregate(() => '0', (_k, value, agg) => `${agg}+${value}`, m),
        [['1', 10], ['2', 10], ['3', 14], ['4', 15], ['5', 20], ['6', 22], ['7', 30]],
      )
      expect(actual).toEqual(
        v.final
          ? expected([
              [0, ['0+1+2@10']],
              [4, ['0+1+2+3@14']],
              [5, ['0+1+2+3+4@15']],
              [10, ['0+1+2+3+4+5@20']],
              [11, ['0+3+4+5@20']],
              [12, ['0+3+4+5+6@22']],
            ])
          : expected([
              [0, ['0+1@10', '0+1+2@10']],
              [4, ['0+1+2+3@14']],
              [5, ['0+1+2+3+4@15']],
              [10, ['0+1+2+3+4+5@20']],
              [11, ['0+3@14', '0+3+4@15', '0+3+4+5@20']],
              [12, ['0+3+4+5+6@22']],
              [15, ['0+4@15', '0+4+5@20', '0+4+5+6@22']],
              [16, ['0+5@20', '0+5+6@22']],
              [20, ['0+5+6+7@30']],
              [21, ['0+6@22', '0+6+7@30']],
              [23, ['0+7@30']],
            ]),
      )
    })

    it(`testReduceSmallInput (${label})`, async () => {
      const actual = await runSliding(
        v,
        (w, m) => w.reduce((a, b2) => `${a}+${b2}`, m),
        [['1', 10], ['2', 14], ['3', 15], ['4', 22], ['5', 26], ['6', 30]],
      )
      expect(actual).toEqual(
        v.final
          ? expected([
              [0, ['1@10']],
              [4, ['1+2@14']],
              [5, ['1+2+3@15']],
              [11, ['2+3@15']],
              [12, ['2+3+4@22']],
            ])
          : expected([
              [0, ['1@10']],
              [4, ['1+2@14']],
              [5, ['1+2+3@15']],
              [11, ['2@14', '2+3@15']],
              [12, ['2+3+4@22']],
              [15, ['3@15', '3+4@22']],
              [16, ['4@22', '4+5@26']],
              [20, ['4+5+6@30']],
              [23, ['5@26', '5+6@30']],
              [27, ['6@30']],
            ]),
      )
    })
  }
})
