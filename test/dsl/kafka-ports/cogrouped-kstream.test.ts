/**
 * Ported from Kafka Streams' CogroupedKStreamImplTest (driver cases): cogrouped aggregations of
 * one to three grouped streams, null values, mixed aggregators and input types, result
 * timestamps, and a cogrouped table joined with a source table.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Consumed, Materialized, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const S = Serdes.String()
const I = Serdes.Integer()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

const STRING_AGGREGATOR = (_k: string, v: string, agg: string): string => agg + v
const STRING_SUM_AGGREGATOR = (_k: string, v: string, agg: number): number => agg + Number.parseInt(v, 10)

function start(b: StreamsBuilder): TopologyTestDriver {
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: S, defaultValueSerde: S })
  return driver
}

describe('CogroupedKStreamImplTest (Kafka)', () => {
  it('shouldCogroupAndAggregateSingleKStreams / testCogroupHandleNullValues', async () => {
    const b = new StreamsBuilder()
    b.stream<string, string>('one', Consumed.with(S, S)).groupByKey().cogroup(STRING_AGGREGATOR).aggregate(() => '').toStream().to('output')
    const d = start(b)
    const one = d.createInputTopic<string, string | null>('one', S, S)
    await one.pipeInput('k1', 'A', 0)
    await one.pipeInput('k2', 'B', 0)
    await one.pipeInput('k2', null, 0)
    await one.pipeInput('k2', 'B', 0)
    await one.pipeInput('k1', 'A', 0)
    expect(drainKvt(d.createOutputTopic('output', S, S))).toEqual([kvt('k1', 'A', 0), kvt('k2', 'B', 0), kvt('k2', 'BB', 0), kvt('k1', 'AA', 0)])
  })

  it('shouldCogroupAndAggregateTwoKStreamsWithSharedKeys', async () => {
    const b = new StreamsBuilder()
    const g1 = b.stream<string, string>('one', Consumed.with(S, S)).groupByKey()
    const g2 = b.stream<string, string>('two', Consumed.with(S, S)).groupByKey()
    g1.cogroup(STRING_AGGREGATOR).cogroup(g2, STRING_AGGREGATOR).aggregate(() => '').toStream().to('output')
    const d = start(b)
    const one = d.createInputTopic('one', S, S)
    const two = d.createInputTopic('two', S, S)
    for (const [k, v, t] of [['k1', 'A', 0], ['k2', 'A', 1], ['k1', 'A', 10], ['k2', 'A', 100]] as const) await one.pipeInput(k, v, t)
    for (const [k, v, t] of [['k2', 'B', 100], ['k2', 'B', 200], ['k1', 'B', 1], ['k2', 'B', 500], ['k1', 'B', 500], ['k2', 'B', 500], ['k3', 'B', 500], ['k2', 'B', 100]] as const) {
      await two.pipeInput(k, v, t)
    }
    expect(drainKvt(d.createOutputTopic('output', S, S))).toEqual([
      kvt('k1', 'A', 0),
      kvt('k2', 'A', 1),
      kvt('k1', 'AA', 10),
      kvt('k2', 'AA', 100),
      kvt('k2', 'AAB', 100),
      kvt('k2', 'AABB', 200),
      kvt('k1', 'AAB', 10),
      kvt('k2', 'AABBB', 500),
      kvt('k1', 'AABB', 500),
      kvt('k2', 'AABBBB', 500),
      kvt('k3', 'B', 500),
      kvt('k2', 'AABBBBB', 500),
    ])
  })

  it('shouldCoGroupStreamsWithDifferentInputTypes', async () => {
    const b = new StreamsBuilder()
    const g1 = b.stream<string, string>('one', Consumed.with(S, S)).groupByKey()
    const g2 = b.stream<string, number>('two', Consumed.with(S, I)).groupByKey()
    g1.cogroup(STRING_SUM_AGGREGATOR)
      .cogroup(g2, (_k, v: number, agg: number) => agg + v)
      .aggregate(() => 0, Materialized.as<string, number>('store1').withValueSerde(I))
      .toStream()
      .to('output', Produced.with(S, I))
    const d = start(b)
    const one = d.createInputTopic('one', S, S)
    const two = d.createInputTopic('two', S, I)
    for (const [k, v, t] of [['k1', '1', 0], ['k2', '1', 1], ['k1', '1', 10], ['k2', '1', 100]] as const) await one.pipeInput(k, v, t)
    for (const [k, v, t] of [['k2', 2, 100], ['k2', 2, 200], ['k1', 2, 1], ['k2', 2, 500], ['k1', 2, 500], ['k2', 3, 500], ['k3', 2, 500], ['k2', 2, 100]] as const) {
      await two.pipeInput(k, v, t)
    }
    expect(drainKvt(d.createOutputTopic('output', S, I))).toEqual([
      kvt('k1', 1, 0),
      kvt('k2', 1, 1),
      kvt('k1', 2, 10),
      kvt('k2', 2, 100),
      kvt('k2', 4, 100),
      kvt('k2', 6, 200),
      kvt('k1', 4, 10),
      kvt('k2', 8, 500),
      kvt('k1', 6, 500),
      kvt('k2', 11, 500),
      kvt('k3', 2, 500),
      kvt('k2', 13, 500),
    ])
  })

  it('testCogroupKeyMixedAggregators', async () => {
    const b = new StreamsBuilder()
    const g1 = b.stream<string, string>('one', Consumed.with(S, S)).groupByKey()
    const g2 = b.stream<string, string>('two', Consumed.with(S, S)).groupByKey()
    g1.cogroup((_k, v: string, agg: string) => `${agg}-${v}`)
      .cogroup(g2, (_k, v: string, agg: string) => `${agg}+${v}`)
      .aggregate(() => '0', Materialized.as<string, string>('store1').withValueSerde(S))
      .toStream()
      .to('output')
    const d = start(b)
    const one = d.createInputTopic('one', S, S)
    const two = d.createInputTopic('two', S, S)
    for (const [k, v, t] of [['k1', '1', 0], ['k2', '1', 1], ['k1', '1', 10], ['k2', '1', 100]] as const) await one.pipeInput(k, v, t)
    for (const [k, v, t] of [['k1', '2', 500], ['k2', '2', 500], ['k1', '2', 500], ['k2', '2', 100]] as const) await two.pipeInput(k, v, t)
    expect(drainKvt(d.createOutputTopic('output', S, S))).toEqual([
      kvt('k1', '0-1', 0),
      kvt('k2', '0-1', 1),
      kvt('k1', '0-1-1', 10),
      kvt('k2', '0-1-1', 100),
      kvt('k1', '0-1-1+2', 500),
      kvt('k2', '0-1-1+2', 500),
      kvt('k1', '0-1-1+2+2', 500),
      kvt('k2', '0-1-1+2+2', 500),
    ])
  })

  it('testCogroupWithKTableKTableInnerJoin', async () => {
    const b = new StreamsBuilder()
    const g1 = b.stream<string, string>('one', Consumed.with(S, S)).groupByKey()
    const g2 = b.stream<string, string>('two', Consumed.with(S, S)).groupByKey()
    const t1 = g1.cogroup(STRING_AGGREGATOR).cogroup(g2, STRING_AGGREGATOR).aggregate(() => '', { name: 'name', materialized: 'store' })
    const t2 = b.table<string, string>('three', Consumed.with(S, S))
    t1.join(t2, (l, r) => `${l}+${r}`, Materialized.with<string, string>(S, S)).toStream().to('output')
    const d = start(b)
    const out = d.createOutputTopic('output', S, S)
    await d.createInputTopic('one', S, S).pipeInput('k1', 'A', 5)
    await d.createInputTopic('two', S, S).pipeInput('k2', 'B', 6)
    expect(out.isEmpty()).toBe(true)
    const three = d.createInputTopic('three', S, S)
    await three.pipeInput('k1', 'C', 0)
    await three.pipeInput('k2', 'D', 10)
    expect(drainKvt(out)).toEqual([kvt('k1', 'A+C', 5), kvt('k2', 'B+D', 10)])
  })
})
