import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { BufferConfig, Consumed, Produced, StreamsBuilder, Suppressed, TimeWindows } from '../../dsl/index.js'
import { WindowedSerdes } from '../../dsl/windows/windowed-serdes.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor, rec } from './helpers/driver.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('KTable.suppress', () => {
  it('untilWindowCloses emits each window once, when stream time passes its end + grace', async () => {
    const b = new StreamsBuilder()
    b.stream<string, string>('in', Consumed.with(S, S))
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
      .count()
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(S, 10), L))
    const topology = b.build()
    expect(topology.describe().toString()).toContain('Processor: KTABLE-SUPPRESS-0000000003 (stores: [KTABLE-SUPPRESS-STATE-STORE-0000000004])')
    driver = driverFor(topology)
    const input = driver.createInputTopic('in', S, S)
    const out = driver.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, 10), L)
    for (const t of [1, 2, 12]) await input.pipeInput('a', 'x', t)
    expect(out.isEmpty()).toBe(true)
    await input.pipeInput('a', 'x', 16)
    expect(drain(out).map((r) => `${r.key.window.start}:${r.value}/${r.timestamp}`)).toEqual(['0:2/2'])
    await input.pipeInput('a', 'x', 26)
    expect(drain(out).map((r) => `${r.key.window.start}:${r.value}/${r.timestamp}`)).toEqual(['10:2/16'])
  })

  it('untilTimeLimit emits the latest value of a key once the time limit passed', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('t', Consumed.with(S, S))
      .suppress(Suppressed.untilTimeLimit<string>(10, BufferConfig.unbounded()).withName('limit'))
      .toStream()
      .to('out')
    const topology = b.build()
    expect(topology.describe().toString()).toContain('Processor: limit (stores: [limit-store])')
    driver = driverFor(topology)
    const input = driver.createInputTopic('t', S, S)
    const out = driver.createOutputTopic('out', S, S)
    await input.pipeInput('a', '1', 0)
    await input.pipeInput('a', '2', 5)
    expect(out.isEmpty()).toBe(true)
    await input.pipeInput('b', '1', 11)
    expect(drain(out)).toEqual([rec('a', '2', 5)])
    await input.pipeInput('c', '1', 30)
    expect(drain(out)).toEqual([rec('b', '1', 11)])
  })

  it('emits early when a bounded eager buffer is full', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('t', Consumed.with(S, S))
      .suppress(Suppressed.untilTimeLimit<string>(1000, BufferConfig.maxRecords(1).emitEarlyWhenFull()))
      .toStream()
      .to('out')
    driver = driverFor(b.build())
    const input = driver.createInputTopic('t', S, S)
    await input.pipeInput('a', '1', 0)
    await input.pipeInput('b', '2', 1)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([rec('a', '1', 0)])
  })

  it('fails when a strict buffer is full', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('t', Consumed.with(S, S))
      .suppress(Suppressed.untilTimeLimit<string>(1000, BufferConfig.maxRecords(1).shutDownWhenFull()))
      .toStream()
      .to('out')
    driver = driverFor(b.build())
    const input = driver.createInputTopic('t', S, S)
    await input.pipeInput('a', '1', 0)
    let error: unknown = null
    try {
      await input.pipeInput('b', '2', 1)
    } catch (e) {
      error = e
    }
    expect(String(error)).toMatch(/buffer exceeded its max capacity/)
  })

  it('rejects untilWindowCloses on a table that is not windowed', () => {
    const b = new StreamsBuilder()
    const table = b.table<string, string>('t')
    expect(() => table.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()) as never)).toThrow(/Window close time is only defined for windowed computations/)
  })
})
