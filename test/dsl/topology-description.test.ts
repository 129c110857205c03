/**
 * describe() of DSL topologies, compared with the exact text Kafka Streams prints for the same
 * program (expected strings copied from Kafka's TopologyTest and KStreamImplTest).
 */
import { describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { KeyValue } from '../../processor-api/key-value.js'
import {
  Consumed,
  Grouped,
  JoinWindows,
  Materialized,
  Named,
  SessionWindows,
  StreamJoined,
  StreamsBuilder,
  TimeWindows,
  Suppressed,
  BufferConfig,
  Produced,
} from '../../dsl/index.js'

describe('DSL topology description', () => {
  it('names a zero-arg stream count as Kafka does', () => {
    const builder = new StreamsBuilder()
    builder.stream('input-topic').groupByKey().count()
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
        '      --> KSTREAM-AGGREGATE-0000000002\n' +
        '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    )
  })

  it('uses the store name of a named Materialized count', () => {
    const builder = new StreamsBuilder()
    builder.stream('input-topic').groupByKey().count(Materialized.as<unknown, number>('count-store').withStoreType('in_memory'))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
        '      --> KSTREAM-AGGREGATE-0000000001\n' +
        '    Processor: KSTREAM-AGGREGATE-0000000001 (stores: [count-store])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    )
  })

  it('burns a store name for an anonymous Materialized count', () => {
    const builder = new StreamsBuilder()
    builder.stream('input-topic').groupByKey().count(Materialized.with<unknown, number>(null, Serdes.Long()))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
        '      --> KSTREAM-AGGREGATE-0000000003\n' +
        '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    )
  })

  it('names time and session windowed counts as Kafka does', () => {
    for (const windows of [TimeWindows.ofSizeWithNoGrace(1), SessionWindows.ofInactivityGapWithNoGrace(1)]) {
      const builder = new StreamsBuilder()
      const grouped = builder.stream('input-topic').groupByKey()
      if (windows instanceof TimeWindows) grouped.windowedBy(windows).count()
      else grouped.windowedBy(windows).count()
      expect(builder.build().describe().toString()).toBe(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000002\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      )
    }
  })

  it('repartitions a table groupBy through KTABLE-AGGREGATE-STATE-STORE-n-repartition', () => {
    const builder = new StreamsBuilder()
    builder
      .table('input-topic')
      .groupBy((_k, v) => KeyValue.pair(null, v))
      .count()
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [input-topic-STATE-STORE-0000000000])\n' +
        '      --> KTABLE-SELECT-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KTABLE-SELECT-0000000003 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000005\n' +
        '      <-- KTABLE-SOURCE-0000000002\n' +
        '    Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)\n' +
        '      <-- KTABLE-SELECT-0000000003\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: KSTREAM-SOURCE-0000000006 (topics: [KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition])\n' +
        '      --> KTABLE-AGGREGATE-0000000007\n' +
        '    Processor: KTABLE-AGGREGATE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000006\n' +
        '\n',
    )
  })

  it('uses the count store name for the table groupBy repartition topic', () => {
    const builder = new StreamsBuilder()
    builder
      .table('input-topic')
      .groupBy((_k, v) => KeyValue.pair(null, v))
      .count(Materialized.as<null, number>('count-store').withStoreType('in_memory'))
    expect(builder.build().describe().toString()).toContain('    Sink: KSTREAM-SINK-0000000004 (topic: count-store-repartition)\n')
  })

  it('does not materialize a table filter or mapValues without a queryable name', () => {
    const builder = new StreamsBuilder()
    const table = builder.table('input-topic')
    table.filter(() => false, Materialized.with(null, null))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
        '      --> KTABLE-FILTER-0000000004\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KTABLE-FILTER-0000000004 (stores: [])\n' +
        '      --> none\n' +
        '      <-- KTABLE-SOURCE-0000000002\n' +
        '\n',
    )
    const b2 = new StreamsBuilder()
    b2.table('input-topic').mapValues(() => null, Materialized.as('store-name'))
    expect(b2.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
        '      --> KTABLE-MAPVALUES-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KTABLE-MAPVALUES-0000000003 (stores: [store-name])\n' +
        '      --> none\n' +
        '      <-- KTABLE-SOURCE-0000000002\n' +
        '\n',
    )
  })

  it('does not materialize toTable() without a name', () => {
    const builder = new StreamsBuilder()
    builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).toTable().toStream().to('output')
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-TOTABLE-0000000001\n' +
        '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KTABLE-TOSTREAM-0000000003 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000004\n' +
        '      <-- KTABLE-TOSTREAM-0000000003\n'.replace('KTABLE-TOSTREAM-0000000003\n', 'KSTREAM-TOTABLE-0000000001\n') +
        '    Sink: KSTREAM-SINK-0000000004 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000003\n\n',
    )
  })

  it('repartitions before toTable() after a key change, filtering null keys', () => {
    const builder = new StreamsBuilder()
    builder
      .stream<string, string>('input', Consumed.with(Serdes.String(), Serdes.String()))
      .map((key, value) => KeyValue.pair(key.charCodeAt(0) - 65, value))
      .toTable(Materialized.with<number, string>(Serdes.Integer(), null))
      .toStream()
      .to('output')
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-MAP-0000000001\n' +
        '    Processor: KSTREAM-MAP-0000000001 (stores: [])\n' +
        '      --> KSTREAM-FILTER-0000000005\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-FILTER-0000000005 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000004\n' +
        '      <-- KSTREAM-MAP-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000004 (topic: KSTREAM-TOTABLE-0000000002-repartition)\n' +
        '      <-- KSTREAM-FILTER-0000000005\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: KSTREAM-SOURCE-0000000006 (topics: [KSTREAM-TOTABLE-0000000002-repartition])\n' +
        '      --> KSTREAM-TOTABLE-0000000002\n' +
        '    Processor: KSTREAM-TOTABLE-0000000002 (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000007\n' +
        '      <-- KSTREAM-SOURCE-0000000006\n' +
        '    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000008\n' +
        '      <-- KSTREAM-TOTABLE-0000000002\n' +
        '    Sink: KSTREAM-SINK-0000000008 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000007\n\n',
    )
  })

  it('names a stream-stream inner join with default store names', () => {
    const builder = new StreamsBuilder()
    const s1 = builder.stream<number, string>('input-topic1')
    const s2 = builder.stream<number, string>('input-topic2')
    s1.join(s2, (a, b) => `${a}+${b}`, JoinWindows.ofTimeDifferenceWithNoGrace(100), StreamJoined.with(Serdes.Integer(), Serdes.String(), Serdes.String()))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])\n' +
        '      --> KSTREAM-WINDOWED-0000000002\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])\n' +
        '      --> KSTREAM-WINDOWED-0000000003\n' +
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])\n' +
        '      --> KSTREAM-JOINTHIS-0000000004\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-JOINOTHER-0000000005-store])\n' +
        '      --> KSTREAM-JOINOTHER-0000000005\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KSTREAM-JOINOTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store])\n' +
        '      --> KSTREAM-MERGE-0000000006\n' +
        '      <-- KSTREAM-WINDOWED-0000000003\n' +
        '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-JOINOTHER-0000000005-store])\n' +
        '      --> KSTREAM-MERGE-0000000006\n' +
        '      <-- KSTREAM-WINDOWED-0000000002\n' +
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-JOINOTHER-0000000005\n\n',
    )
  })

  it('names a stream-stream outer join and its shared store', () => {
    const builder = new StreamsBuilder()
    const s1 = builder.stream<number, string>('input-topic1')
    const s2 = builder.stream<number, string>('input-topic2')
    s1.outerJoin(s2, (a, b) => `${a}+${b}`, JoinWindows.ofTimeDifferenceWithNoGrace(100), StreamJoined.with(Serdes.Integer(), Serdes.String(), Serdes.String()))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])\n' +
        '      --> KSTREAM-WINDOWED-0000000002\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])\n' +
        '      --> KSTREAM-WINDOWED-0000000003\n' +
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-OUTERTHIS-0000000004-store])\n' +
        '      --> KSTREAM-OUTERTHIS-0000000004\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-OUTEROTHER-0000000005-store])\n' +
        '      --> KSTREAM-OUTEROTHER-0000000005\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [KSTREAM-OUTERTHIS-0000000004-store, KSTREAM-OUTERSHARED-0000000004-store])\n' +
        '      --> KSTREAM-MERGE-0000000006\n' +
        '      <-- KSTREAM-WINDOWED-0000000003\n' +
        '    Processor: KSTREAM-OUTERTHIS-0000000004 (stores: [KSTREAM-OUTEROTHER-0000000005-store, KSTREAM-OUTERSHARED-0000000004-store])\n' +
        '      --> KSTREAM-MERGE-0000000006\n' +
        '      <-- KSTREAM-WINDOWED-0000000002\n' +
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-OUTERTHIS-0000000004, KSTREAM-OUTEROTHER-0000000005\n\n',
    )
  })

  it('names repartition nodes after Grouped.as and reuses them', () => {
    const builder = new StreamsBuilder()
    const grouped = builder
      .stream<string, string>('input')
      .selectKey((_k, v) => v)
      .groupByKey(Grouped.as('by-value'))
    grouped.count()
    grouped.reduce((a, b) => a + b)
    const text = builder.build().describe().toString()
    expect(text).toContain('    Sink: by-value-repartition-sink (topic: by-value-repartition)\n')
    expect(text).toContain('    Source: by-value-repartition-source (topics: [by-value-repartition])\n')
    expect(text).toContain('      --> KSTREAM-AGGREGATE-0000000003, KSTREAM-REDUCE-0000000008\n')
  })

  it('keeps user names and still bumps the counter', () => {
    const builder = new StreamsBuilder()
    builder
      .stream<string, string>('input')
      .filter(() => true, Named.as('my-filter'))
      .mapValues((v) => v)
      .to('output')
    const text = builder.build().describe().toString()
    expect(text).toContain('    Processor: my-filter (stores: [])\n')
    expect(text).toContain('    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])\n')
    expect(text).toContain('    Sink: KSTREAM-SINK-0000000003 (topic: output)\n')
  })

  it('numbers an anonymous final-results suppression as Kafka (SuppressTopologyTest)', () => {
    const builder = new StreamsBuilder()
    builder
      .stream<string, string>('input', Consumed.with(Serdes.String(), Serdes.String()))
      .groupBy((k) => k, Grouped.with(Serdes.String(), Serdes.String()))
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 5))
      .count(Materialized.as<string, number>('counts').withCachingDisabled())
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .map((k, v) => KeyValue.pair(String(k.key), v))
      .to('output-suppressed', Produced.with(Serdes.String(), Serdes.Long()))
    expect(builder.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-KEY-SELECT-0000000001\n' +
        '    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])\n' +
        '      --> counts-repartition-filter\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: counts-repartition-filter (stores: [])\n' +
        '      --> counts-repartition-sink\n' +
        '      <-- KSTREAM-KEY-SELECT-0000000001\n' +
        '    Sink: counts-repartition-sink (topic: counts-repartition)\n' +
        '      <-- counts-repartition-filter\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: counts-repartition-source (topics: [counts-repartition])\n' +
        '      --> KSTREAM-AGGREGATE-0000000002\n' +
        '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [counts])\n' +
        '      --> KTABLE-SUPPRESS-0000000006\n' +
        '      <-- counts-repartition-source\n' +
        '    Processor: KTABLE-SUPPRESS-0000000006 (stores: [KTABLE-SUPPRESS-STATE-STORE-0000000007])\n' +
        '      --> KTABLE-TOSTREAM-0000000008\n' +
        '      <-- KSTREAM-AGGREGATE-0000000002\n' +
        '    Processor: KTABLE-TOSTREAM-0000000008 (stores: [])\n' +
        '      --> KSTREAM-MAP-0000000009\n' +
        '      <-- KTABLE-SUPPRESS-0000000006\n' +
        '    Processor: KSTREAM-MAP-0000000009 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000010\n' +
        '      <-- KTABLE-TOSTREAM-0000000008\n' +
        '    Sink: KSTREAM-SINK-0000000010 (topic: output-suppressed)\n' +
        '      <-- KSTREAM-MAP-0000000009\n' +
        '\n',
    )
  })
})
