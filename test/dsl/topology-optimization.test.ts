/**
 * Graph optimisations (topology.optimization): Kafka's RepartitionOptimizingTest program, whose
 * described topology must match Kafka's text with optimisation off and on (repartition topics
 * below one key-changing operation merged into one).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { KeyValue } from '../../processor-api/key-value.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import {
  Consumed,
  Grouped,
  JoinWindows,
  Materialized,
  Named,
  Produced,
  StreamJoined,
  StreamsBuilder,
  type StreamsBuilderConfig,
} from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { driverFor } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

const EXPECTED_OPTIMIZED_TOPOLOGY =
  'Topologies:\n' +
  '   Sub-topology: 0\n' +
  '    Source: sourceStream (topics: [input])\n' +
  '      --> source-map\n' +
  '    Processor: source-map (stores: [])\n' +
  '      --> process-filter, count-groupByKey-repartition-filter\n' +
  '      <-- sourceStream\n' +
  '    Processor: process-filter (stores: [])\n' +
  '      --> process-mapValues\n' +
  '      <-- source-map\n' +
  '    Processor: count-groupByKey-repartition-filter (stores: [])\n' +
  '      --> count-groupByKey-repartition-sink\n' +
  '      <-- source-map\n' +
  '    Processor: process-mapValues (stores: [])\n' +
  '      --> process\n' +
  '      <-- process-filter\n' +
  '    Sink: count-groupByKey-repartition-sink (topic: count-groupByKey-repartition)\n' +
  '      <-- count-groupByKey-repartition-filter\n' +
  '    Processor: process (stores: [])\n' +
  '      --> none\n' +
  '      <-- process-mapValues\n' +
  '\n' +
  '  Sub-topology: 1\n' +
  '    Source: count-groupByKey-repartition-source (topics: [count-groupByKey-repartition])\n' +
  '      --> aggregate, count, join-filter, reduce-filter\n' +
  '    Processor: count (stores: [count-store])\n' +
  '      --> count-toStream\n' +
  '      <-- count-groupByKey-repartition-source\n' +
  '    Processor: count-toStream (stores: [])\n' +
  '      --> join-other-windowed, count-to\n' +
  '      <-- count\n' +
  '    Processor: join-filter (stores: [])\n' +
  '      --> join-this-windowed\n' +
  '      <-- count-groupByKey-repartition-source\n' +
  '    Processor: reduce-filter (stores: [])\n' +
  '      --> reduce-peek\n' +
  '      <-- count-groupByKey-repartition-source\n' +
  '    Processor: join-other-windowed (stores: [other-join-store])\n' +
  '      --> join-other-join\n' +
  '      <-- count-toStream\n' +
  '    Processor: join-this-windowed (stores: [join-store])\n' +
  '      --> join-this-join\n' +
  '      <-- join-filter\n' +
  '    Processor: reduce-peek (stores: [])\n' +
  '      --> reducer\n' +
  '      <-- reduce-filter\n' +
  '    Processor: aggregate (stores: [aggregate-store])\n' +
  '      --> aggregate-toStream\n' +
  '      <-- count-groupByKey-repartition-source\n' +
  '    Processor: join-other-join (stores: [join-store])\n' +
  '      --> join-merge\n' +
  '      <-- join-other-windowed\n' +
  '    Processor: join-this-join (stores: [other-join-store])\n' +
  '      --> join-merge\n' +
  '      <-- join-this-windowed\n' +
  '    Processor: reducer (stores: [reduce-store])\n' +
  '      --> reduce-toStream\n' +
  '      <-- reduce-peek\n' +
  '    Processor: aggregate-toStream (stores: [])\n' +
  '      --> reduce-to\n' +
  '      <-- aggregate\n' +
  '    Processor: join-merge (stores: [])\n' +
  '      --> join-to\n' +
  '      <-- join-this-join, join-other-join\n' +
  '    Processor: reduce-toStream (stores: [])\n' +
  '      --> KSTREAM-SINK-0000000023\n' +
  '      <-- reducer\n' +
  '    Sink: KSTREAM-SINK-0000000023 (topic: outputTopic_2)\n' +
  '      <-- reduce-toStream\n' +
  '    Sink: count-to (topic: outputTopic_0)\n' +
  '      <-- count-toStream\n' +
  '    Sink: join-to (topic: joinedOutputTopic)\n' +
  '      <-- join-merge\n' +
  '    Sink: reduce-to (topic: outputTopic_1)\n' +
  '      <-- aggregate-toStream\n' +
  '\n'

const EXPECTED_UNOPTIMIZED_TOPOLOGY =
  'Topologies:\n' +
  '   Sub-topology: 0\n' +
  '    Source: sourceStream (topics: [input])\n' +
  '      --> source-map\n' +
  '    Processor: source-map (stores: [])\n' +
  '      --> reduce-filter, process-filter, aggregate-groupByKey-repartition-filter, count-groupByKey-repartition-filter, join-filter\n' +
  '      <-- sourceStream\n' +
  '    Processor: reduce-filter (stores: [])\n' +
  '      --> reduce-peek\n' +
  '      <-- source-map\n' +
  '    Processor: join-filter (stores: [])\n' +
  '      --> join-left-repartition-filter\n' +
  '      <-- source-map\n' +
  '    Processor: process-filter (stores: [])\n' +
  '      --> process-mapValues\n' +
  '      <-- source-map\n' +
  '    Processor: reduce-peek (stores: [])\n' +
  '      --> reduce-groupByKey-repartition-filter\n' +
  '      <-- reduce-filter\n' +
  '    Processor: aggregate-groupByKey-repartition-filter (stores: [])\n' +
  '      --> aggregate-groupByKey-repartition-sink\n' +
  '      <-- source-map\n' +
  '    Processor: count-groupByKey-repartition-filter (stores: [])\n' +
  '      --> count-groupByKey-repartition-sink\n' +
  '      <-- source-map\n' +
  '    Processor: join-left-repartition-filter (stores: [])\n' +
  '      --> join-left-repartition-sink\n' +
  '      <-- join-filter\n' +
  '    Processor: process-mapValues (stores: [])\n' +
  '      --> process\n' +
  '      <-- process-filter\n' +
  '    Processor: reduce-groupByKey-repartition-filter (stores: [])\n' +
  '      --> reduce-groupByKey-repartition-sink\n' +
  '      <-- reduce-peek\n' +
  '    Sink: aggregate-groupByKey-repartition-sink (topic: aggregate-groupByKey-repartition)\n' +
  '      <-- aggregate-groupByKey-repartition-filter\n' +
  '    Sink: count-groupByKey-repartition-sink (topic: count-groupByKey-repartition)\n' +
  '      <-- count-groupByKey-repartition-filter\n' +
  '    Sink: join-left-repartition-sink (topic: join-left-repartition)\n' +
  '      <-- join-left-repartition-filter\n' +
  '    Processor: process (stores: [])\n' +
  '      --> none\n' +
  '      <-- process-mapValues\n' +
  '    Sink: reduce-groupByKey-repartition-sink (topic: reduce-groupByKey-repartition)\n' +
  '      <-- reduce-groupByKey-repartition-filter\n' +
  '\n' +
  '  Sub-topology: 1\n' +
  '    Source: count-groupByKey-repartition-source (topics: [count-groupByKey-repartition])\n' +
  '      --> count\n' +
  '    Processor: count (stores: [count-store])\n' +
  '      --> count-toStream\n' +
  '      <-- count-groupByKey-repartition-source\n' +
  '    Processor: count-toStream (stores: [])\n' +
  '      --> join-other-windowed, count-to\n' +
  '      <-- count\n' +
  '    Source: join-left-repartition-source (topics: [join-left-repartition])\n' +
  '      --> join-this-windowed\n' +
  '    Processor: join-other-windowed (stores: [other-join-store])\n' +
  '      --> join-other-join\n' +
  '      <-- count-toStream\n' +
  '    Processor: join-this-windowed (stores: [join-store])\n' +
  '      --> join-this-join\n' +
  '      <-- join-left-repartition-source\n' +
  '    Processor: join-other-join (stores: [join-store])\n' +
  '      --> join-merge\n' +
  '      <-- join-other-windowed\n' +
  '    Processor: join-this-join (stores: [other-join-store])\n' +
  '      --> join-merge\n' +
  '      <-- join-this-windowed\n' +
  '    Processor: join-merge (stores: [])\n' +
  '      --> join-to\n' +
  '      <-- join-this-join, join-other-join\n' +
  '    Sink: count-to (topic: outputTopic_0)\n' +
  '      <-- count-toStream\n' +
  '    Sink: join-to (topic: joinedOutputTopic)\n' +
  '      <-- join-merge\n' +
  '\n' +
  '  Sub-topology: 2\n' +
  '    Source: aggregate-groupByKey-repartition-source (topics: [aggregate-groupByKey-repartition])\n' +
  '      --> aggregate\n' +
  '    Processor: aggregate (stores: [aggregate-store])\n' +
  '      --> aggregate-toStream\n' +
  '      <-- aggregate-groupByKey-repartition-source\n' +
  '    Processor: aggregate-toStream (stores: [])\n' +
  '      --> reduce-to\n' +
  '      <-- aggregate\n' +
  '    Sink: reduce-to (topic: outputTopic_1)\n' +
  '      <-- aggregate-toStream\n' +
  '\n' +
  '  Sub-topology: 3\n' +
  '    Source: reduce-groupByKey-repartition-source (topics: [reduce-groupByKey-repartition])\n' +
  '      --> reducer\n' +
  '    Processor: reducer (stores: [reduce-store])\n' +
  '      --> reduce-toStream\n' +
  '      <-- reduce-groupByKey-repartition-source\n' +
  '    Processor: reduce-toStream (stores: [])\n' +
  '      --> KSTREAM-SINK-0000000023\n' +
  '      <-- reducer\n' +
  '    Sink: KSTREAM-SINK-0000000023 (topic: outputTopic_2)\n' +
  '      <-- reduce-toStream\n' +
  '\n'

function buildProgram(config: StreamsBuilderConfig, processed: string[]): StreamsBuilder {
  const builder = new StreamsBuilder(config)
  const sourceStream = builder.stream<string, string>('input', Consumed.with(S, S).withName('sourceStream'))
  const mappedStream = sourceStream.map((k, v) => KeyValue.pair(k.toUpperCase(), v), Named.as('source-map'))
  mappedStream
    .filter((k) => k === 'B', Named.as('process-filter'))
    .mapValues((v) => v.toUpperCase(), Named.as('process-mapValues'))
    .process(() => ({ process: (r) => void processed.push(r.value) }), Named.as('process'))
  const countStream = mappedStream
    .groupByKey(Grouped.as('count-groupByKey'))
    .count({
      name: 'count',
      materialized: Materialized.as<string, number>(Stores.inMemoryKeyValueStore('count-store')).withKeySerde(S).withValueSerde(Serdes.Long()),
    })
    .toStream(Named.as('count-toStream'))
  countStream.to('outputTopic_0', Produced.with(S, Serdes.Long()).withName('count-to'))
  mappedStream
    .groupByKey(Grouped.as('aggregate-groupByKey'))
    .aggregate(() => 0, (_k, v, agg) => agg + v.length, {
      name: 'aggregate',
      materialized: Materialized.as<string, number>(Stores.inMemoryKeyValueStore('aggregate-store')).withKeySerde(S).withValueSerde(Serdes.Integer()),
    })
    .toStream(Named.as('aggregate-toStream'))
    .to('outputTopic_1', Produced.with(S, Serdes.Integer()).withName('reduce-to'))
  mappedStream
    .filter(() => true, Named.as('reduce-filter'))
    .peek(() => undefined, Named.as('reduce-peek'))
    .groupByKey(Grouped.as('reduce-groupByKey'))
    .reduce((v1, v2) => `${v1}:${v2}`, { name: 'reducer', materialized: Materialized.as<string, string>(Stores.inMemoryKeyValueStore('reduce-store')) })
    .toStream(Named.as('reduce-toStream'))
    .to('outputTopic_2', Produced.with(S, S))
  mappedStream
    .filter((k) => k === 'A', Named.as('join-filter'))
    .join(
      countStream,
      (v1, v2) => `${v1}:${String(v2)}`,
      JoinWindows.ofTimeDifferenceAndGrace(5000, 86_400_000 - 10_000),
      StreamJoined.withStores<string, string, number | null>(
        Stores.inMemoryWindowStore('join-store', 86_400_000, 10_000, true),
        Stores.inMemoryWindowStore('other-join-store', 86_400_000, 10_000, true),
      )
        .withName('join')
        .withKeySerde(S)
        .withValueSerde(S)
        .withOtherValueSerde(Serdes.Long()),
    )
    .to('joinedOutputTopic', Produced.as('join-to'))
  return builder
}

describe('topology optimization', () => {
  it('keeps one repartition topic per stateful operation when off (Kafka\'s unoptimized text)', () => {
    expect(buildProgram({}, []).build().describe().toString()).toBe(EXPECTED_UNOPTIMIZED_TOPOLOGY)
  })

  it("merges the repartition topics of one key-changing operation when on (Kafka's optimized text)", () => {
    expect(buildProgram({ optimization: 'all' }, []).build().describe().toString()).toBe(EXPECTED_OPTIMIZED_TOPOLOGY)
  })

  it('computes the same results through the merged repartition topic', async () => {
    const processed: string[] = []
    driver = driverFor(buildProgram({ optimization: 'all' }, processed).build())
    const input = driver.createInputTopic('input', S, S)
    for (const key of ['a', 'b', 'c']) for (const value of ['foo', 'bar', 'baz']) await input.pipeInput(key, value, 1)
    const counts = driver.createOutputTopic('outputTopic_0', S, Serdes.Long()).readKeyValuesToMap()
    expect(Object.fromEntries(counts)).toEqual({ A: 3, B: 3, C: 3 })
    const aggregates = driver.createOutputTopic('outputTopic_1', S, Serdes.Integer()).readKeyValuesToMap()
    expect(Object.fromEntries(aggregates)).toEqual({ A: 9, B: 9, C: 9 })
    const reduced = driver.createOutputTopic('outputTopic_2', S, S).readKeyValuesToMap()
    expect(Object.fromEntries(reduced)).toEqual({ A: 'foo:bar:baz', B: 'foo:bar:baz', C: 'foo:bar:baz' })
    expect(processed).toEqual(['FOO', 'BAR', 'BAZ'])
    expect(driver.createOutputTopic('joinedOutputTopic', S, S).getQueueSize()).toBeGreaterThan(0)
  })
})
