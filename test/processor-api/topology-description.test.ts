import { describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { ProcessorNodeDescription, SinkNodeDescription, SourceNodeDescription } from '../../processor-api/topology-description.js'
import { MockStoreBuilder, noopSupplier } from './fixtures/mock-store.js'
import * as kafka from './fixtures/kafka-descriptions.js'

const p = noopSupplier

/** Adds a processor connected to `stores` (adding stores not seen before). */
function processor(t: Topology, name: string, parents: string[], stores: string[] = []): void {
  t.addProcessor(name, p(), ...parents)
  for (const s of stores) {
    if (t.internalTopologyBuilder.hasStore(s)) t.connectProcessorAndStateStores(name, s)
    else t.addStateStore(new MockStoreBuilder(s), name)
  }
}

/** Kafka's DSL stream-stream join: windowed processors, join processors and a merge. */
function streamStreamJoin(t: Topology, names: { thisJoin: string; otherJoin: string; thisStore: string; otherStore: string; shared?: string }): void {
  t.addSource('KSTREAM-SOURCE-0000000000', 'input-topic1').addSource('KSTREAM-SOURCE-0000000001', 'input-topic2')
  processor(t, 'KSTREAM-WINDOWED-0000000002', ['KSTREAM-SOURCE-0000000000'])
  processor(t, 'KSTREAM-WINDOWED-0000000003', ['KSTREAM-SOURCE-0000000001'])
  processor(t, names.thisJoin, ['KSTREAM-WINDOWED-0000000002'])
  processor(t, names.otherJoin, ['KSTREAM-WINDOWED-0000000003'])
  processor(t, 'KSTREAM-MERGE-0000000006', [names.thisJoin, names.otherJoin])
  t.addStateStore(new MockStoreBuilder(names.thisStore), 'KSTREAM-WINDOWED-0000000002', names.otherJoin)
  t.addStateStore(new MockStoreBuilder(names.otherStore), 'KSTREAM-WINDOWED-0000000003', names.thisJoin)
  if (names.shared) t.addStateStore(new MockStoreBuilder(names.shared), names.thisJoin, names.otherJoin)
}

describe('Topology.describe', () => {
  it('prints a single chain exactly as Kafka does', () => {
    const t = new Topology()
      .addSource('KSTREAM-SOURCE-0000000000', 'input')
      .addProcessor('KSTREAM-FILTER-0000000001', p(), 'KSTREAM-SOURCE-0000000000')
      .addSink('KSTREAM-SINK-0000000002', 'output', 'KSTREAM-FILTER-0000000001')
    expect(t.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-FILTER-0000000001\n' +
        '    Processor: KSTREAM-FILTER-0000000001 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000002\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: KSTREAM-SINK-0000000002 (topic: output)\n' +
        '      <-- KSTREAM-FILTER-0000000001\n\n',
    )
  })

  it('prints Kafka text for stream → toTable → toStream → to (KStreamImplTest)', () => {
    const t = new Topology().addSource('KSTREAM-SOURCE-0000000000', 'input')
    processor(t, 'KSTREAM-TOTABLE-0000000001', ['KSTREAM-SOURCE-0000000000'])
    processor(t, 'KTABLE-TOSTREAM-0000000003', ['KSTREAM-TOTABLE-0000000001'])
    t.addSink('KSTREAM-SINK-0000000004', 'output', 'KTABLE-TOSTREAM-0000000003')
    expect(t.describe().toString()).toBe(kafka.streamToTableToStream)
  })

  it('prints processors with stores as Kafka does for a stream-stream join', () => {
    const t = new Topology()
    streamStreamJoin(t, {
      thisJoin: 'KSTREAM-JOINTHIS-0000000004',
      otherJoin: 'KSTREAM-JOINOTHER-0000000005',
      thisStore: 'KSTREAM-JOINTHIS-0000000004-store',
      otherStore: 'KSTREAM-JOINOTHER-0000000005-store',
    })
    expect(t.describe().toString()).toBe(kafka.ssJoinDefaultStores)
  })

  it('lists several stores in Kafka hash-set order (left join with shared store)', () => {
    const t = new Topology()
    streamStreamJoin(t, {
      thisJoin: 'KSTREAM-JOINTHIS-0000000004',
      otherJoin: 'KSTREAM-OUTEROTHER-0000000005',
      thisStore: 'KSTREAM-JOINTHIS-0000000004-store',
      otherStore: 'KSTREAM-OUTEROTHER-0000000005-store',
      shared: 'KSTREAM-OUTERSHARED-0000000004-store',
    })
    expect(t.describe().toString()).toBe(kafka.ssLeftJoinDefaultStores)
  })

  it('lists stores in hash order, not name order (outer join with custom suppliers)', () => {
    const t = new Topology()
    streamStreamJoin(t, {
      thisJoin: 'KSTREAM-OUTERTHIS-0000000004',
      otherJoin: 'KSTREAM-OUTEROTHER-0000000005',
      thisStore: 'in-memory-join-store',
      otherStore: 'in-memory-join-store-other',
      shared: 'in-memory-join-store-outer-shared-join-store',
    })
    expect(t.describe().toString()).toBe(kafka.ssOuterJoinCustomSuppliers)
  })

  it('prints a topic-name-extractor sink with the extractor text', () => {
    const extractor = Object.assign((key: unknown, _v: unknown, ctx: { topic?: string }) => `${ctx.topic}-${String(key)}`, {
      toString: () => 'anonymous topic name extractor. topic is [recordContext.topic()]-[key]',
    })
    const t = new Topology().addSource('KSTREAM-SOURCE-0000000000', 'input-topic')
    t.addSink('KSTREAM-SINK-0000000001', extractor, 'KSTREAM-SOURCE-0000000000')
    expect(t.describe().toString()).toBe(kafka.dynamicRoutingExtractor)
  })

  it('names an extractor without its own toString by its function name', () => {
    function routeByKey(key: unknown): string {
      return String(key)
    }
    const t = new Topology().addSource('s', 'in').addSink('k', routeByKey, 's')
    expect(t.describe().toString()).toContain('    Sink: k (extractor class: routeByKey)\n      <-- s\n')
    const sink = t.describe().subtopologies[0]!.nodes[1] as SinkNodeDescription
    expect(sink.topic).toBeNull()
    expect(sink.topicNameExtractor).toBe(routeByKey)
  })

  it('prints two sub-topologies joined by an internal topic with its undecorated name', () => {
    const t = new Topology()
    const b = t.internalTopologyBuilder
    const repartition = 'KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition'
    b.addInternalTopic(repartition)
    t.addSource('KSTREAM-SOURCE-0000000001', 'input-topic')
    processor(t, 'KTABLE-SOURCE-0000000002', ['KSTREAM-SOURCE-0000000001'], ['input-topic-STATE-STORE-0000000000'])
    processor(t, 'KTABLE-SELECT-0000000003', ['KTABLE-SOURCE-0000000002'])
    t.addSink('KSTREAM-SINK-0000000005', repartition, 'KTABLE-SELECT-0000000003')
    t.addSource('KSTREAM-SOURCE-0000000006', repartition)
    processor(t, 'KTABLE-AGGREGATE-0000000007', ['KSTREAM-SOURCE-0000000006'], ['KTABLE-AGGREGATE-STATE-STORE-0000000004'])
    expect(t.describe().toString()).toBe(kafka.tableGroupByCount)
  })

  it('reproduces Kafka exactly for a four-sub-topology graph with branches and a join (unoptimized)', () => {
    expect(repartitionNamingTopology(false).describe().toString()).toBe(kafka.repartitionNamingUnoptimized)
  })

  it('reproduces Kafka exactly for the same graph with merged repartition topics (optimized)', () => {
    expect(repartitionNamingTopology(true).describe().toString()).toBe(kafka.repartitionNamingOptimized)
  })

  it('prints a pattern source with the pattern text', () => {
    const t = new Topology().addSource('source', /topic[0-9]/).addProcessor('processor', p(), 'source')
    expect(t.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: source (topics: topic[0-9])\n' +
        '      --> processor\n' +
        '    Processor: processor (stores: [])\n' +
        '      --> none\n' +
        '      <-- source\n\n',
    )
    const source = t.describe().subtopologies[0]!.nodes[0] as SourceNodeDescription
    expect(source.topicSet).toBeNull()
    expect(source.topicPattern?.source).toBe('topic[0-9]')
  })

  it('prints a source of several topics in Java hash-set order', () => {
    const t = new Topology().addSource('source', ['topic3', 'topic1', 'topic2'])
    expect(t.describe().toString()).toContain('Source: source (topics: [topic1, topic2, topic3])')
  })

  it('prints global stores as their own sub-topology, interleaved by id', () => {
    const t = new Topology()
    t.addGlobalStore(new MockStoreBuilder('globalStore1').withLoggingDisabled(), 'source1', 'globalTopic1', {}, 'processor1', p())
    t.addSource('s', 'in').addProcessor('x', p(), 's')
    t.addGlobalStore(new MockStoreBuilder('globalStore2').withLoggingDisabled(), 'source2', 'globalTopic2', {}, 'processor2', p())
    const d = t.describe()
    expect(d.toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: source1 (topics: [globalTopic1])\n' +
        '      --> processor1\n' +
        '    Processor: processor1 (stores: [globalStore1])\n' +
        '      --> none\n' +
        '      <-- source1\n' +
        '  Sub-topology: 1\n' +
        '    Source: s (topics: [in])\n' +
        '      --> x\n' +
        '    Processor: x (stores: [])\n' +
        '      --> none\n' +
        '      <-- s\n\n' +
        '  Sub-topology: 2 for global store (will not generate tasks)\n' +
        '    Source: source2 (topics: [globalTopic2])\n' +
        '      --> processor2\n' +
        '    Processor: processor2 (stores: [globalStore2])\n' +
        '      --> none\n' +
        '      <-- source2\n',
    )
    expect(d.globalStores.map((g) => [g.id, g.source.name, g.processor.stores[0]])).toEqual([
      [0, 'source1', 'globalStore1'],
      [2, 'source2', 'globalStore2'],
    ])
    expect(d.subtopologies.map((s) => s.id)).toEqual([1])
  })

  it('prints an empty topology as Kafka does', () => {
    expect(new Topology().describe().toString()).toBe('Topologies:\n ')
  })

  it('exposes linked node objects', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', p(), 's').addSink('k', 'out', 'a')
    t.addStateStore(new MockStoreBuilder('st'), 'a')
    const [source, proc, sink] = t.describe().subtopologies[0]!.nodes
    expect(source).toBeInstanceOf(SourceNodeDescription)
    expect(proc).toBeInstanceOf(ProcessorNodeDescription)
    expect((proc as ProcessorNodeDescription).stores).toEqual(['st'])
    expect(proc!.predecessors).toEqual([source])
    expect(proc!.successors).toEqual([sink])
    expect((sink as SinkNodeDescription).topic).toBe('out')
  })

  it('is a snapshot: later additions do not change an earlier description', () => {
    const t = new Topology().addSource('s', 'in')
    const before = t.describe()
    t.addProcessor('a', p(), 's')
    expect(before.subtopologies[0]!.nodes).toHaveLength(1)
    expect(t.describe().subtopologies[0]!.nodes).toHaveLength(2)
  })
})

/** The graph of Kafka's RepartitionTopicNamingTest.buildTopology, written node by node. */
function repartitionNamingTopology(optimized: boolean): Topology {
  const t = new Topology()
  const b = t.internalTopologyBuilder
  const repartition = (name: string, parent: string): string => {
    b.addInternalTopic(`${name}-repartition`)
    processor(t, `${name}-repartition-filter`, [parent])
    t.addSink(`${name}-repartition-sink`, `${name}-repartition`, `${name}-repartition-filter`)
    t.addSource(`${name}-repartition-source`, `${name}-repartition`)
    return `${name}-repartition-source`
  }
  t.addSource('KSTREAM-SOURCE-0000000000', 'input')
  processor(t, 'KSTREAM-MAP-0000000001', ['KSTREAM-SOURCE-0000000000'])
  processor(t, 'KSTREAM-FILTER-0000000002', ['KSTREAM-MAP-0000000001'])
  processor(t, 'KSTREAM-MAPVALUES-0000000003', ['KSTREAM-FILTER-0000000002'])
  processor(t, 'KSTREAM-PROCESSOR-0000000004', ['KSTREAM-MAPVALUES-0000000003'])
  const count = repartition('count-stream', 'KSTREAM-MAP-0000000001')
  processor(t, 'KSTREAM-AGGREGATE-0000000007', [count], ['KSTREAM-AGGREGATE-STATE-STORE-0000000006'])
  processor(t, 'KTABLE-TOSTREAM-0000000011', ['KSTREAM-AGGREGATE-0000000007'])
  t.addSink('KSTREAM-SINK-0000000012', 'outputTopic_0', 'KTABLE-TOSTREAM-0000000011')
  const aggregate = optimized ? count : repartition('aggregate-stream', 'KSTREAM-MAP-0000000001')
  processor(t, 'KSTREAM-AGGREGATE-0000000014', [aggregate], ['KSTREAM-AGGREGATE-STATE-STORE-0000000013'])
  processor(t, 'KTABLE-TOSTREAM-0000000018', ['KSTREAM-AGGREGATE-0000000014'])
  t.addSink('KSTREAM-SINK-0000000019', 'outputTopic_1', 'KTABLE-TOSTREAM-0000000018')
  processor(t, 'KSTREAM-FILTER-0000000020', [optimized ? count : 'KSTREAM-MAP-0000000001'])
  processor(t, 'KSTREAM-PEEK-0000000021', ['KSTREAM-FILTER-0000000020'])
  const reduced = optimized ? 'KSTREAM-PEEK-0000000021' : repartition('reduced-stream', 'KSTREAM-PEEK-0000000021')
  processor(t, 'KSTREAM-REDUCE-0000000023', [reduced], ['KSTREAM-REDUCE-STATE-STORE-0000000022'])
  processor(t, 'KTABLE-TOSTREAM-0000000027', ['KSTREAM-REDUCE-0000000023'])
  t.addSink('KSTREAM-SINK-0000000028', 'outputTopic_2', 'KTABLE-TOSTREAM-0000000027')
  processor(t, 'KSTREAM-FILTER-0000000029', [optimized ? count : 'KSTREAM-MAP-0000000001'])
  const left = optimized ? 'KSTREAM-FILTER-0000000029' : repartition('joined-stream-left', 'KSTREAM-FILTER-0000000029')
  processor(t, 'joined-stream-this-windowed', [left])
  processor(t, 'joined-stream-other-windowed', ['KTABLE-TOSTREAM-0000000011'])
  processor(t, 'joined-stream-this-join', ['joined-stream-this-windowed'])
  processor(t, 'joined-stream-other-join', ['joined-stream-other-windowed'])
  processor(t, 'joined-stream-merge', ['joined-stream-this-join', 'joined-stream-other-join'])
  t.addStateStore(new MockStoreBuilder('joined-stream-this-join-store'), 'joined-stream-this-windowed', 'joined-stream-other-join')
  t.addStateStore(new MockStoreBuilder('joined-stream-other-join-store'), 'joined-stream-other-windowed', 'joined-stream-this-join')
  t.addSink('KSTREAM-SINK-0000000038', 'outputTopicForJoin', 'joined-stream-merge')
  return t
}
