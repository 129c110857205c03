/**
 * Ported from Kafka Streams' SuppressScenarioTest (streams/src/test/java/org/apache/kafka/streams/
 * kstream/internals/SuppressScenarioTest.java): same topologies, inputs, and expected outputs with
 * timestamps. The driver runs with Kafka's default configuration (caching on, flushed after each
 * piped record).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import {
  BufferConfig,
  Consumed,
  Grouped,
  Materialized,
  Produced,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type KTable,
} from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { drainKvt, kvt, windowedString } from './helpers.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function start(b: StreamsBuilder): TopologyTestDriver {
  driver = new TopologyTestDriver(b.build())
  return driver
}

function drain(d: TopologyTestDriver, topic: string): ReturnType<typeof drainKvt<string, number | null>> {
  return drainKvt(d.createOutputTopic(topic, S, L))
}

function drainStrings(d: TopologyTestDriver, topic: string): ReturnType<typeof drainKvt<string, string | null>> {
  return drainKvt(d.createOutputTopic(topic, S, S))
}

/** table("input") (no cache, no logging) grouped by value and counted, as the scenario tests build it. */
function valueCounts(b: StreamsBuilder): KTable<string, number> {
  return b
    .table<string, string>('input', Consumed.with(S, S), Materialized.with<string, string>(S, S).withCachingDisabled().withLoggingDisabled())
    .groupBy((k, v) => KeyValue.pair(v, k), Grouped.with(S, S))
    .count(Materialized.with<string, number>(S, L))
}

function toOutputs<V>(table: KTable<string, V>, suppressed: Suppressed<string>): void {
  table.suppress(suppressed).toStream().to('output-suppressed', Produced.with(S, L as never))
  table.toStream().to('output-raw', Produced.with(S, L as never))
}

function windowedToOutputs(table: KTable<Windowed<string>, number>): void {
  table
    .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
    .toStream()
    .map((k, v) => KeyValue.pair(windowedString(k), v))
    .to('output-suppressed', Produced.with(S, L))
  table
    .toStream()
    .map((k, v) => KeyValue.pair(windowedString(k), v))
    .to('output-raw', Produced.with(S, L))
}

const RAW_KV = [kvt('v1', 1, 0), kvt('v1', 0, 1), kvt('v2', 1, 1), kvt('v1', 1, 2)]

describe('SuppressScenarioTest (Kafka)', () => {
  it('shouldImmediatelyEmitEventsWithZeroEmitAfter', async () => {
    const b = new StreamsBuilder()
    toOutputs(valueCounts(b), Suppressed.untilTimeLimit<string>(0, BufferConfig.unbounded()))
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    await input.pipeInput('k1', 'v1', 0)
    await input.pipeInput('k1', 'v2', 1)
    await input.pipeInput('k2', 'v1', 2)
    expect(drain(d, 'output-raw')).toEqual(RAW_KV)
    expect(drain(d, 'output-suppressed')).toEqual(RAW_KV)
    await input.pipeInput('x', 'x', 3)
    expect(drain(d, 'output-raw')).toEqual([kvt('x', 1, 3)])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('x', 1, 3)])
    await input.pipeInput('x', 'y', 4)
    expect(drain(d, 'output-raw')).toEqual([kvt('x', 0, 4), kvt('y', 1, 4)])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('x', 0, 4), kvt('y', 1, 4)])
  })

  it('shouldSuppressIntermediateEventsWithTimeLimit', async () => {
    const b = new StreamsBuilder()
    toOutputs(valueCounts(b), Suppressed.untilTimeLimit<string>(2, BufferConfig.unbounded()))
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    await input.pipeInput('k1', 'v1', 0)
    await input.pipeInput('k1', 'v2', 1)
    await input.pipeInput('k2', 'v1', 2)
    expect(drain(d, 'output-raw')).toEqual(RAW_KV)
    expect(drain(d, 'output-suppressed')).toEqual([kvt('v1', 1, 2)])
    await input.pipeInput('tick', 'tick', 3)
    expect(drain(d, 'output-raw')).toEqual([kvt('tick', 1, 3)])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('v2', 1, 1)])
    await input.pipeInput('tick', 'tock', 4)
    expect(drain(d, 'output-raw')).toEqual([kvt('tick', 0, 4), kvt('tock', 1, 4)])
    expect(drain(d, 'output-suppressed')).toEqual([])
  })

  for (const [name, buffer] of [
    ['shouldSuppressIntermediateEventsWithRecordLimit', BufferConfig.maxRecords(1).emitEarlyWhenFull()],
    ['shouldSuppressIntermediateEventsWithBytesLimit', BufferConfig.maxBytes(200).emitEarlyWhenFull()],
  ] as const) {
    it(name, async () => {
      const b = new StreamsBuilder()
      toOutputs(valueCounts(b), Suppressed.untilTimeLimit<string>(Number.MAX_SAFE_INTEGER, buffer))
      const d = start(b)
      const input = d.createInputTopic('input', S, S)
      await input.pipeInput('k1', 'v1', 0)
      await input.pipeInput('k1', 'v2', 1)
      await input.pipeInput('k2', 'v1', 2)
      expect(drain(d, 'output-raw')).toEqual(RAW_KV)
      expect(drain(d, 'output-suppressed')).toEqual([kvt('v1', 0, 1), kvt('v2', 1, 1)])
      await input.pipeInput('x', 'x', 3)
      expect(drain(d, 'output-raw')).toEqual([kvt('x', 1, 3)])
      expect(drain(d, 'output-suppressed')).toEqual([kvt('v1', 1, 2)])
    })
  }

  it('shouldSupportFinalResultsForTimeWindows', async () => {
    const b = new StreamsBuilder()
    windowedToOutputs(
      b
        .stream<string, string>('input', Consumed.with(S, S))
        .groupBy((k) => k, Grouped.with(S, S))
        .windowedBy(TimeWindows.ofSizeAndGrace(2, 1))
        .count(Materialized.as<string, number>('counts').withCachingDisabled()),
    )
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    for (const t of [0, 1, 2, 1, 0, 5, 0]) await input.pipeInput('k1', 'v1', t)
    expect(drain(d, 'output-raw')).toEqual([
      kvt('[k1@0/2]', 1, 0),
      kvt('[k1@0/2]', 2, 1),
      kvt('[k1@2/4]', 1, 2),
      kvt('[k1@0/2]', 3, 1),
      kvt('[k1@0/2]', 4, 1),
      kvt('[k1@4/6]', 1, 5),
    ])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('[k1@0/2]', 4, 1), kvt('[k1@2/4]', 1, 2)])
  })

  it('shouldSupportFinalResultsForTimeWindowsWithLargeJump', async () => {
    const b = new StreamsBuilder()
    windowedToOutputs(
      b
        .stream<string, string>('input', Consumed.with(S, S))
        .groupBy((k) => k, Grouped.with(S, S))
        .windowedBy(TimeWindows.ofSizeAndGrace(2, 2))
        .count(Materialized.as<string, number>('counts').withCachingDisabled().withKeySerde(S)),
    )
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    for (const t of [0, 1, 2, 0, 3, 0, 4, 0, 30]) await input.pipeInput('k1', 'v1', t)
    expect(drain(d, 'output-raw')).toEqual([
      kvt('[k1@0/2]', 1, 0),
      kvt('[k1@0/2]', 2, 1),
      kvt('[k1@2/4]', 1, 2),
      kvt('[k1@0/2]', 3, 1),
      kvt('[k1@2/4]', 2, 3),
      kvt('[k1@0/2]', 4, 1),
      kvt('[k1@4/6]', 1, 4),
      kvt('[k1@30/32]', 1, 30),
    ])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('[k1@0/2]', 4, 1), kvt('[k1@2/4]', 2, 3), kvt('[k1@4/6]', 1, 4)])
  })

  it('shouldSupportFinalResultsForSlidingWindows', async () => {
    const b = new StreamsBuilder()
    windowedToOutputs(
      b
        .stream<string, string>('input', Consumed.with(S, S))
        .groupBy((k) => k, Grouped.with(S, S))
        .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(5, 15))
        .count(Materialized.as<string, number>('counts').withCachingDisabled().withKeySerde(S)),
    )
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    for (const t of [10, 11, 10, 13, 10, 24, 5, 7, 90]) await input.pipeInput('k1', 'v1', t)
    const raw = drain(d, 'output-raw').sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.timestamp - y.timestamp))
    expect(raw).toEqual([
      kvt('[k1@11/16]', 1, 11),
      kvt('[k1@11/16]', 2, 13),
      kvt('[k1@12/17]', 1, 13),
      kvt('[k1@19/24]', 1, 24),
      kvt('[k1@5/10]', 1, 10),
      kvt('[k1@5/10]', 2, 10),
      kvt('[k1@5/10]', 3, 10),
      kvt('[k1@5/10]', 4, 10),
      kvt('[k1@5/10]', 5, 10),
      kvt('[k1@6/11]', 2, 11),
      kvt('[k1@6/11]', 3, 11),
      kvt('[k1@6/11]', 4, 11),
      kvt('[k1@6/11]', 5, 11),
      kvt('[k1@8/13]', 4, 13),
      kvt('[k1@8/13]', 5, 13),
      kvt('[k1@85/90]', 1, 90),
    ])
    expect(drain(d, 'output-suppressed')).toEqual([
      kvt('[k1@5/10]', 5, 10),
      kvt('[k1@6/11]', 5, 11),
      kvt('[k1@8/13]', 5, 13),
      kvt('[k1@11/16]', 2, 13),
      kvt('[k1@12/17]', 1, 13),
      kvt('[k1@19/24]', 1, 24),
    ])
  })

  it('shouldSupportFinalResultsForSessionWindows', async () => {
    const b = new StreamsBuilder()
    windowedToOutputs(
      b
        .stream<string, string>('input', Consumed.with(S, S))
        .groupBy((k) => k, Grouped.with(S, S))
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
        .count(Materialized.as<string, number>('counts').withCachingDisabled()),
    )
    const d = start(b)
    const input = d.createInputTopic('input', S, S)
    await input.pipeInput('k1', 'v1', 0)
    await input.pipeInput('k1', 'v1', 5)
    await input.pipeInput('k1', 'v1', 1)
    await input.pipeInput('k2', 'v1', 11)
    await input.pipeInput('k1', 'v1', 5)
    await input.pipeInput('k1', 'v1', 30)
    expect(drain(d, 'output-raw')).toEqual([
      kvt('[k1@0/0]', 1, 0),
      kvt('[k1@0/0]', null, 0),
      kvt('[k1@0/5]', 2, 5),
      kvt('[k1@0/5]', null, 5),
      kvt('[k1@0/5]', 3, 5),
      kvt('[k2@11/11]', 1, 11),
      kvt('[k1@30/30]', 1, 30),
    ])
    expect(drain(d, 'output-suppressed')).toEqual([kvt('[k1@0/5]', 3, 5), kvt('[k2@11/11]', 1, 11)])
  })

  it('shouldWorkBeforeGroupBy', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('topic', Consumed.with(S, S))
      .suppress(Suppressed.untilTimeLimit<string>(10, BufferConfig.unbounded()))
      .groupBy((k, v) => KeyValue.pair(k, v), Grouped.with(S, S))
      .count()
      .toStream()
      .to('output', Produced.with(S, L))
    const d = start(b)
    const input = d.createInputTopic('topic', S, S)
    await input.pipeInput('A', 'a', 0)
    await input.pipeInput('tick', 'tick', 10)
    expect(drain(d, 'output')).toEqual([kvt('A', 1, 0)])
  })

  it('shouldWorkBeforeJoinRight', async () => {
    const b = new StreamsBuilder()
    const left = b.table<string, string>('left', Consumed.with(S, S))
    const right = b.table<string, string>('right', Consumed.with(S, S)).suppress(Suppressed.untilTimeLimit<string>(10, BufferConfig.unbounded()))
    left
      .outerJoin(right, (l, r) => `(${l},${r})`)
      .toStream()
      .to('output', Produced.with(S, S))
    const d = start(b)
    const r = d.createInputTopic('right', S, S)
    const l = d.createInputTopic('left', S, S)
    await r.pipeInput('B', '1', 0)
    await r.pipeInput('A', '1', 0)
    expect(drainStrings(d, 'output')).toEqual([])
    await r.pipeInput('tick', 'tick', 10)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(null,1)', 0), kvt('B', '(null,1)', 0)])
    await r.pipeInput('A', '2', 11)
    expect(drainStrings(d, 'output')).toEqual([])
    await l.pipeInput('A', 'a', 12)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(a,1)', 12)])
    await l.pipeInput('B', 'b', 12)
    expect(drainStrings(d, 'output')).toEqual([kvt('B', '(b,1)', 12)])
    await l.pipeInput('A', 'b', 13)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(b,1)', 13)])
    await r.pipeInput('tick', 'tick1', 21)
    expect(drainStrings(d, 'output')).toEqual([kvt('tick', '(null,tick1)', 21), kvt('A', '(b,2)', 13)])
  })

  it('shouldWorkBeforeJoinLeft', async () => {
    const b = new StreamsBuilder()
    const left = b.table<string, string>('left', Consumed.with(S, S)).suppress(Suppressed.untilTimeLimit<string>(10, BufferConfig.unbounded()))
    const right = b.table<string, string>('right', Consumed.with(S, S))
    left
      .outerJoin(right, (l, r) => `(${l},${r})`)
      .toStream()
      .to('output', Produced.with(S, S))
    const d = start(b)
    const r = d.createInputTopic('right', S, S)
    const l = d.createInputTopic('left', S, S)
    await l.pipeInput('B', '1', 0)
    await l.pipeInput('A', '1', 0)
    expect(drainStrings(d, 'output')).toEqual([])
    await l.pipeInput('tick', 'tick', 10)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(1,null)', 0), kvt('B', '(1,null)', 0)])
    await l.pipeInput('A', '2', 11)
    expect(drainStrings(d, 'output')).toEqual([])
    await r.pipeInput('A', 'a', 12)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(1,a)', 12)])
    await r.pipeInput('B', 'b', 12)
    expect(drainStrings(d, 'output')).toEqual([kvt('B', '(1,b)', 12)])
    await r.pipeInput('A', 'b', 13)
    expect(drainStrings(d, 'output')).toEqual([kvt('A', '(1,b)', 13)])
    await l.pipeInput('tick', 'tick1', 21)
    expect(drainStrings(d, 'output')).toEqual([kvt('tick', '(tick1,null)', 21), kvt('A', '(2,b)', 13)])
  })
})
