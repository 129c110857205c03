import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Consumed, Materialized, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor, rec } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('CogroupedKStream', () => {
  it('names its processors after Named and shares one store (Kafka CogroupedKStreamImplTest)', () => {
    const b = new StreamsBuilder()
    const one = b.stream<string, string>('one', Consumed.with(S, S)).groupByKey()
    const two = b.stream<string, string>('two', Consumed.with(S, S)).groupByKey()
    one
      .cogroup<string>((_k, v, agg) => agg + v)
      .cogroup(two, (_k, v, agg) => agg + v)
      .aggregate(() => '', { name: 'test', materialized: Materialized.as('store') })
      .toStream()
      .to('output')
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [one])\n' +
        '      --> test-cogroup-agg-0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [two])\n' +
        '      --> test-cogroup-agg-1\n' +
        '    Processor: test-cogroup-agg-0 (stores: [store])\n' +
        '      --> test-cogroup-merge\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: test-cogroup-agg-1 (stores: [store])\n' +
        '      --> test-cogroup-merge\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: test-cogroup-merge (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000005\n' +
        '      <-- test-cogroup-agg-0, test-cogroup-agg-1\n' +
        '    Processor: KTABLE-TOSTREAM-0000000005 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000006\n' +
        '      <-- test-cogroup-merge\n' +
        '    Sink: KSTREAM-SINK-0000000006 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000005\n\n',
    )
  })

  it('aggregates several grouped streams with their own aggregators into one table', async () => {
    const b = new StreamsBuilder()
    const clicks = b.stream<string, string>('clicks', Consumed.with(S, S)).groupByKey()
    const views = b.stream<string, string>('views', Consumed.with(S, S)).groupByKey()
    clicks
      .cogroup<string>((_k, _v, agg) => `${agg}c`)
      .cogroup(views, (_k, _v, agg) => `${agg}v`)
      .aggregate(() => '')
      .toStream()
      .to('out')
    driver = driverFor(b.build())
    await driver.createInputTopic('clicks', S, S).pipeInput('u', 'x', 1)
    await driver.createInputTopic('views', S, S).pipeInput('u', 'x', 2)
    await driver.createInputTopic('clicks', S, S).pipeInput('u', 'x', 3)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([rec('u', 'c', 1), rec('u', 'cv', 2), rec('u', 'cvc', 3)])
  })
})
