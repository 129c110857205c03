import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Windowed } from '../../processor-api/windowed.js'
import {
  Consumed,
  EmitStrategy,
  Materialized,
  Produced,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
} from '../../dsl/index.js'
import { WindowedSerdes } from '../../dsl/windows/windowed-serdes.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor } from './helpers/driver.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function run(build: (b: StreamsBuilder) => void): TopologyTestDriver {
  const b = new StreamsBuilder()
  build(b)
  driver = driverFor(b.build())
  return driver
}

/** `key@[start,end)=value/ts` lines, easy to compare. */
function lines(records: { key: Windowed<string>; value: number | null; timestamp: number }[]): string[] {
  return records.map((r) => `${r.key.key}@[${r.key.window.start},${r.key.window.end}]=${r.value}/${r.timestamp}`)
}

describe('windowed aggregations', () => {
  it('tumbling windows accept late records within grace and drop them after', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    const input = d.createInputTopic('in', S, S)
    for (const t of [1, 12, 3, 25, 9, 15]) await input.pipeInput('a', 'x', t)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    expect(lines(drain(out))).toEqual(['a@[0,10]=1/1', 'a@[10,20]=1/12', 'a@[0,10]=2/3', 'a@[20,30]=1/25'])
  })

  it('hopping windows count a record in every window containing it', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5))
        .count(Materialized.as<string, number>('hops'))
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    await d.createInputTopic('in', S, S).pipeInput('a', 'x', 7)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    expect(lines(drain(out))).toEqual(['a@[0,10]=1/7', 'a@[5,15]=1/7'])
    expect(d.getWindowStore<string, number>('hops')!.fetch('a', 5)).toBe(1)
  })

  it('reduce and aggregate work per window', async () => {
    const d = run((b) => {
      const w = b.stream<string, string>('in', Consumed.with(S, S)).groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(100))
      w.reduce((a, v) => a + v)
        .toStream()
        .to('reduced', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 100), S))
      w.aggregate(() => 0, (_k, v, agg) => agg + Number(v), { materialized: Materialized.with<string, number>(S, Serdes.Integer()) })
        .toStream()
        .to('summed', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 100), Serdes.Integer()))
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', '1', 10)
    await input.pipeInput('a', '2', 20)
    const reduced = drain(d.createOutputTopic('reduced', WindowedSerdes.timeWindowedSerdeFrom(S, 100), S))
    expect(reduced.map((r) => `${r.key.window.start}:${r.value}/${r.timestamp}`)).toEqual(['0:1/10', '0:12/20'])
    const summed = drain(d.createOutputTopic('summed', WindowedSerdes.timeWindowedSerdeFrom(S, 100), Serdes.Integer()))
    expect(summed.map((r) => r.value)).toEqual([1, 3])
  })

  it('EmitStrategy.onWindowClose emits each window once, after it closed', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 2))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    const input = d.createInputTopic('in', S, S)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    await input.pipeInput('a', 'x', 1)
    await input.pipeInput('a', 'x', 2)
    await input.pipeInput('b', 'x', 5)
    await input.pipeInput('a', 'x', 11)
    expect(out.isEmpty()).toBe(true)
    await input.pipeInput('a', 'x', 12)
    expect(lines(drain(out))).toEqual(['a@[0,10]=2/2', 'b@[0,10]=1/5'])
    // [10,20) closes at stream time 22 (end + grace). As in Kafka, a window is only emitted while
    // the store still retains it (retention = size + grace), so records must keep coming.
    await input.pipeInput('a', 'x', 22)
    expect(lines(drain(out))).toEqual(['a@[10,20]=2/12'])
  })

  it('EmitStrategy.onWindowClose without grace emits a tumbling window as soon as a record reaches the next one', async () => {
    // Kafka's time-ordered window store still holds the window starting `retention` before the
    // observed stream time, so [0,10) is emitted at 15, [10,20) at 25, ...
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    const input = d.createInputTopic('in', S, S)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    await input.pipeInput('k', 'x', 5)
    await input.pipeInput('k', 'x', 7)
    expect(out.isEmpty()).toBe(true)
    await input.pipeInput('k', 'x', 15)
    expect(lines(drain(out))).toEqual(['k@[0,10]=2/7'])
    await input.pipeInput('k', 'x', 20)
    expect(lines(drain(out))).toEqual(['k@[10,20]=1/15'])
  })

  it('session windows with EmitStrategy.onWindowClose emit each session once it closed, with the default retention', async () => {
    // Kafka's time-ordered session store expires by segment, so a session just closed (and so
    // past the gap + grace retention) is still emitted.
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(S), L))
    })
    const input = d.createInputTopic('in', S, S)
    const out = d.createOutputTopic('out', WindowedSerdes.sessionWindowedSerdeFrom(S), L)
    await input.pipeInput('k', 'x', 0)
    await input.pipeInput('k', 'x', 3)
    expect(out.isEmpty()).toBe(true)
    await input.pipeInput('k', 'x', 20)
    expect(lines(drain(out))).toEqual(['k@[0,3]=2/3'])
    // a late record within the gap of the closed session does not reopen it: it is dropped
    await input.pipeInput('k', 'x', 6)
    await input.pipeInput('k', 'x', 40)
    expect(lines(drain(out))).toEqual(['k@[20,20]=1/20'])
  })

  it('session windows merge sessions a record bridges and delete the merged ones', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        // Grace keeps merged-away sessions in the store (retention = gap + grace) long enough.
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 10))
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(S), L))
    })
    const input = d.createInputTopic('in', S, S)
    for (const t of [0, 3, 10, 7]) await input.pipeInput('a', 'x', t)
    const out = d.createOutputTopic('out', WindowedSerdes.sessionWindowedSerdeFrom(S), L)
    expect(lines(drain(out))).toEqual([
      'a@[0,0]=1/0',
      'a@[0,0]=null/0',
      'a@[0,3]=2/3',
      'a@[10,10]=1/10',
      'a@[0,3]=null/3',
      'a@[10,10]=null/10',
      'a@[0,10]=4/10',
    ])
  })

  it('session windows only merge sessions the store still retains (gap + grace), as Kafka', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(S), L))
    })
    const input = d.createInputTopic('in', S, S)
    for (const t of [0, 3, 10, 7]) await input.pipeInput('a', 'x', t)
    const out = d.createOutputTopic('out', WindowedSerdes.sessionWindowedSerdeFrom(S), L)
    expect(lines(drain(out)).slice(4)).toEqual(['a@[10,10]=null/10', 'a@[7,10]=2/10'])
  })

  it('session windows drop records for sessions closed by stream time', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 1))
        .aggregate(
          () => '',
          (_k, v, agg) => agg + v,
          (_k, a1, a2) => a1 + a2,
          { materialized: Materialized.as<string, string>('sessions') },
        )
        .toStream()
        .to('out', Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(S), S))
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', 'p', 0)
    await input.pipeInput('a', 'q', 20)
    await input.pipeInput('a', 'r', 1)
    const out = drain(d.createOutputTopic('out', WindowedSerdes.sessionWindowedSerdeFrom(S), S))
    expect(out.map((r) => `${r.key.window.start}-${r.key.window.end}:${r.value}`)).toEqual(['0-0:p', '20-20:q'])
    expect(d.getSessionStore<string, string>('sessions')!.fetchSession('a', 20, 20)).toBe('q')
  })

  it('sliding windows create left and right windows as Kafka does', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    const input = d.createInputTopic('in', S, S)
    for (const t of [10, 15, 25]) await input.pipeInput('a', 'x', t)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    expect(lines(drain(out))).toEqual(['a@[0,10]=1/10', 'a@[11,21]=1/15', 'a@[5,15]=2/15', 'a@[16,26]=1/25', 'a@[15,25]=2/25'])
  })

  it('sliding windows handle early records (before the first full window)', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 100))
        .count()
        .toStream()
        .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    })
    const input = d.createInputTopic('in', S, S)
    for (const t of [2, 5]) await input.pipeInput('a', 'x', t)
    const out = d.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    expect(lines(drain(out))).toEqual(['a@[0,10]=1/2', 'a@[3,13]=1/5', 'a@[0,10]=2/5'])
  })
})
