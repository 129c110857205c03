import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor, rec } from './helpers/driver.js'

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

describe('KGroupedStream aggregations', () => {
  it('count emits the running count with the max timestamp seen for the key', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S)).groupByKey().count().toStream().to('out', Produced.with(S, L))
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', 'x', 5)
    await input.pipeInput('b', 'x', 3)
    await input.pipeInput('a', 'x', 10)
    await input.pipeInput('a', 'x', 8)
    expect(drain(d.createOutputTopic('out', S, L))).toEqual([rec('a', 1, 5), rec('b', 1, 3), rec('a', 2, 10), rec('a', 3, 10)])
  })

  it('skips records with a null key or value', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S)).groupByKey().count().toStream().to('out', Produced.with(S, L))
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput(null as unknown as string, 'x', 1)
    await input.pipeInput('a', null as unknown as string, 2)
    await input.pipeInput('a', 'x', 3)
    expect(drain(d.createOutputTopic('out', S, L))).toEqual([rec('a', 1, 3)])
  })

  it('reduce combines values with reducer(aggregate, value)', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .reduce((agg, v) => agg + v)
        .toStream()
        .to('out')
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', '1', 1)
    await input.pipeInput('a', '2', 2)
    await input.pipeInput('b', '3', 3)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', '1', 1), rec('a', '12', 2), rec('b', '3', 3)])
  })

  it('aggregate folds from the initializer and materializes a queryable store', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S))
        .groupByKey()
        .aggregate(
          () => 0,
          (_k, v, agg) => agg + v.length,
          Materialized.as<string, number>('lengths').withValueSerde(Serdes.Integer()),
        )
        .toStream()
        .to('out', Produced.with(S, Serdes.Integer()))
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', 'xyz', 1)
    await input.pipeInput('a', 'xy', 2)
    expect(drain(d.createOutputTopic('out', S, Serdes.Integer()))).toEqual([rec('a', 3, 1), rec('a', 5, 2)])
    expect(d.getKeyValueStore<string, number>('lengths')!.get('a')).toBe(5)
  })

  it('groupBy repartitions by the new key before counting', async () => {
    const d = run((b) => {
      b.stream<string, string>('words', Consumed.with(S, S))
        .groupBy((_k, word) => word, Grouped.with(S, S))
        .count({ materialized: 'word-counts' })
        .toStream()
        .to('out', Produced.with(S, L))
    })
    const input = d.createInputTopic('words', S, S)
    await input.pipeInput('1', 'kafka', 1)
    await input.pipeInput('2', 'streams', 2)
    await input.pipeInput('3', 'kafka', 3)
    expect(drain(d.createOutputTopic('out', S, L))).toEqual([rec('kafka', 1, 1), rec('streams', 1, 2), rec('kafka', 2, 3)])
    expect(d.getKeyValueStore<string, number>('word-counts')!.get('kafka')).toBe(2)
    expect(d.producedTopicNames()).toContain('dummy-topology-test-driver-app-id-word-counts-repartition')
  })

  it('one named repartition feeds several aggregations of the same grouped stream', async () => {
    const d = run((b) => {
      const grouped = b.stream<string, string>('in', Consumed.with(S, S)).selectKey((_k, v) => v).groupByKey(Grouped.as('by-value'))
      grouped.count().toStream().to('counts', Produced.with(S, L))
      grouped.reduce((a, v) => a + v).toStream().to('concat')
    })
    await d.createInputTopic('in', S, S).pipeInput('k', 'v', 4)
    expect(drain(d.createOutputTopic('counts', S, L))).toEqual([rec('v', 1, 4)])
    expect(drain(d.createOutputTopic('concat', S, S))).toEqual([rec('v', 'v', 4)])
  })
})
