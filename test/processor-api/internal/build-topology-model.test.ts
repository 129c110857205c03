import { describe, expect, it, vi } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError } from '../../../processor-api/errors.js'
import { buildTopologyModel, decorateTopic, storeChangelogTopic } from '../../../processor-api/internal/build-topology-model.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { MockStoreBuilder, noopSupplier } from '../fixtures/mock-store.js'

const p = noopSupplier

describe('buildTopologyModel', () => {
  it('puts independent chains in separate sub-topologies numbered in the order they were added', () => {
    const t = new Topology()
      .addSource('s1', 'in-1')
      .addSource('s2', 'in-2')
      .addProcessor('a', p(), 's2')
      .addProcessor('b', p(), 's1')
      .addSink('k2', 'out-2', 'a')
      .addSink('k1', 'out-1', 'b')
    const model = buildTopologyModel(t, 'app')
    expect(model.subtopologies.map((s) => ({ id: s.id, nodes: s.nodes, in: s.sourceTopics, out: s.sinkTopics }))).toEqual([
      { id: 0, nodes: ['s1', 'b', 'k1'], in: ['in-1'], out: ['out-1'] },
      { id: 1, nodes: ['s2', 'a', 'k2'], in: ['in-2'], out: ['out-2'] },
    ])
  })

  it('joins sub-topologies that share a store', () => {
    const t = new Topology()
      .addSource('s1', 'in-1')
      .addProcessor('a', p(), 's1')
      .addSource('s2', 'in-2')
      .addProcessor('b', p(), 's2')
      .addStateStore(new MockStoreBuilder('shared'), 'a', 'b')
    const model = buildTopologyModel(t, 'app')
    expect(model.subtopologies).toHaveLength(1)
    expect(model.subtopologies[0]).toMatchObject({ id: 0, nodes: ['s1', 's2', 'a', 'b'], sourceTopics: ['in-1', 'in-2'], stores: ['shared'] })
  })

  it('joins sub-topologies through a processor with two parents', () => {
    const t = new Topology().addSource('s1', 'a').addSource('s2', 'b').addProcessor('merge', p(), 's1', 's2')
    expect(buildTopologyModel(t, 'app').subtopologies.map((s) => s.nodes)).toEqual([['s1', 's2', 'merge']])
  })

  it('names changelog topics <applicationId>-<store>-changelog for logged stores only', () => {
    const t = new Topology()
      .addSource('s', 'in')
      .addProcessor('a', p(), 's')
      .addStateStore(new MockStoreBuilder('logged').withLoggingEnabled({ 'retention.ms': '100' }), 'a')
      .addStateStore(new MockStoreBuilder('unlogged').withLoggingDisabled(), 'a')
    const model = buildTopologyModel(t, 'orders-app')
    expect(model.stores.get('logged')).toMatchObject({
      name: 'logged',
      changelogTopic: 'orders-app-logged-changelog',
      sourceChangelogTopic: null,
      changelogConfig: { 'retention.ms': '100' },
    })
    expect(model.stores.get('unlogged')).toMatchObject({ changelogTopic: null, sourceChangelogTopic: null })
    expect(storeChangelogTopic('x', 'y')).toBe('x-y-changelog')
  })

  it('decorates internal topics everywhere in the model but not in describe()', () => {
    const t = new Topology()
    t.internalTopologyBuilder.addInternalTopic('agg-repartition', { partitions: 4, config: { 'cleanup.policy': 'delete' } })
    t.addSource('s', 'in').addProcessor('a', p(), 's').addSink('k', 'agg-repartition', 'a')
    t.addSource('rs', 'agg-repartition').addProcessor('agg', p(), 'rs').addSink('out', 'result', 'agg')
    const model = buildTopologyModel(t, 'app')
    expect(model.subtopologies[0]!.sinkTopics).toEqual(['app-agg-repartition'])
    expect(model.subtopologies[1]!.sourceTopics).toEqual(['app-agg-repartition'])
    expect(model.nodes.get('k')).toMatchObject({ topic: 'app-agg-repartition' })
    expect(model.nodes.get('rs')).toMatchObject({ topics: ['app-agg-repartition'] })
    expect(model.nodes.get('out')).toMatchObject({ topic: 'result' })
    expect(model.internalTopics).toEqual([
      { name: 'app-agg-repartition', kind: 'repartition', partitions: 4, config: { 'cleanup.policy': 'delete' } },
    ])
    expect(t.describe().toString()).toContain('(topics: [agg-repartition])')
    expect(decorateTopic('app', 'x')).toBe('app-x')
  })

  it('records children in the order they were added and parents as given', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('b', p(), 's').addProcessor('a', p(), 's').addSink('k', 'out', 'a', 'b')
    const model = buildTopologyModel(t, 'app')
    expect(model.nodes.get('s')).toMatchObject({ children: ['b', 'a'] })
    expect(model.nodes.get('b')).toMatchObject({ parents: ['s'], children: ['k'] })
    expect(model.nodes.get('k')).toMatchObject({ parents: ['a', 'b'] })
  })

  it('carries serdes, extractor and reset policy of sources and sinks', () => {
    const extractor = (): number => 7
    const t = new Topology()
      .addSource('s', 'in', { keySerde: Serdes.String(), valueDeserializer: Serdes.Long().deserializer, timestampExtractor: extractor, offsetReset: 'latest' })
      .addSink('k', 'out', { keySerde: Serdes.String(), valueSerializer: Serdes.Long().serializer }, 's')
      .addSource('plain', 'in-2')
    const model = buildTopologyModel(t, 'app')
    expect(model.nodes.get('s')).toMatchObject({
      keyDeserializer: Serdes.String().deserializer,
      valueDeserializer: Serdes.Long().deserializer,
      timestampExtractor: extractor,
      offsetReset: 'latest',
      pattern: null,
    })
    expect(model.nodes.get('k')).toMatchObject({ keySerializer: Serdes.String().serializer, valueSerializer: Serdes.Long().serializer })
    expect(model.nodes.get('plain')).toMatchObject({ keyDeserializer: null, valueDeserializer: null, timestampExtractor: null, offsetReset: null })
  })

  it('describes pattern sources with a pattern and no topics', () => {
    const t = new Topology().addSource('s', /events-.*/)
    const model = buildTopologyModel(t, 'app')
    expect(model.subtopologies[0]).toMatchObject({ sourceTopics: [], sourcePatterns: [/events-.*/] })
    expect(model.nodes.get('s')).toMatchObject({ topics: [], pattern: /events-.*/ })
  })

  it('keeps global stores out of sub-topologies while their group still takes an id', () => {
    const global = new MockStoreBuilder('g').withLoggingDisabled()
    const t = new Topology().addGlobalStore(global, 'gs', 'global-topic', { keySerde: Serdes.String() }, 'gp', p()).addSource('s', 'in')
    const model = buildTopologyModel(t, 'app')
    expect(model.subtopologies.map((s) => s.id)).toEqual([1])
    expect(model.globalStores).toEqual([
      {
        store: { name: 'g', builder: global, changelogTopic: null, sourceChangelogTopic: 'global-topic', changelogConfig: {} },
        sourceName: 'gs',
        topic: 'global-topic',
        processorName: 'gp',
      },
    ])
    expect(model.stores.has('g')).toBe(false)
    expect(model.nodes.get('gs')).toMatchObject({ kind: 'source', keyDeserializer: Serdes.String().deserializer })
    expect(model.nodes.get('gp')).toMatchObject({ kind: 'processor', stores: ['g'] })
  })

  it('closes co-partition groups transitively over final topic names', () => {
    const t = new Topology()
    const b = t.internalTopologyBuilder
    b.addInternalTopic('r')
    t.addSource('a', 'ta').addSource('b', 'tb').addSource('c', ['tc', 'r']).addSource('d', 'td')
    b.copartitionSources(['a', 'b'])
    b.copartitionSources(['b', 'c'])
    b.copartitionSources(['d'])
    const groups = buildTopologyModel(t, 'app').copartitionGroups.map((g) => [...g].sort())
    expect(groups).toEqual([['app-r', 'ta', 'tb', 'tc'], ['td']])
  })

  it('rejects co-partitioned internal topics with different fixed partition counts', () => {
    const t = new Topology()
    const b = t.internalTopologyBuilder
    b.addInternalTopic('x', { partitions: 2 })
    b.addInternalTopic('y', { partitions: 3 })
    t.addSource('a', 'x').addSource('b', 'y')
    b.copartitionSources(['a', 'b'])
    expect(() => buildTopologyModel(t, 'app')).toThrow(TopologyError)
    expect(() => buildTopologyModel(t, 'app')).toThrow('Following topics do not have the same number of partitions: [{app-x=2, app-y=3}]')
  })

  it('uses a source topic as the changelog of a store registered for it', () => {
    const t = new Topology().addSource('s', 'table-topic').addProcessor('ktable', p(), 's')
    const builder = new MockStoreBuilder('table-store').withLoggingDisabled()
    t.addStateStore(builder, 'ktable')
    t.internalTopologyBuilder.connectSourceStoreAndTopic('table-store', 'table-topic')
    expect(buildTopologyModel(t, 'app').stores.get('table-store')).toMatchObject({ changelogTopic: null, sourceChangelogTopic: 'table-topic' })
    expect(() => t.internalTopologyBuilder.connectSourceStoreAndTopic('table-store', 'other')).toThrow(/Source store table-store is already added/)
  })

  it('overlays changelog config set through the builder API on the builder config', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', p(), 's')
    t.addStateStore(new MockStoreBuilder('st').withLoggingEnabled({ 'segment.ms': '1', 'retention.ms': '5' }), 'a')
    t.internalTopologyBuilder.setStoreChangelogConfig('st', { 'retention.ms': '9' })
    expect(buildTopologyModel(t, 'app').stores.get('st')!.changelogConfig).toEqual({ 'segment.ms': '1', 'retention.ms': '9' })
  })

  it('is pure and re-runnable: same result twice, no supplier called', () => {
    const supplier = vi.fn(() => ({ process: () => {} }))
    const t = new Topology().addSource('s', 'in').addProcessor('a', supplier, 's').addStateStore(new MockStoreBuilder('st'), 'a')
    const calls = supplier.mock.calls.length
    const one = buildTopologyModel(t, 'app')
    const two = buildTopologyModel(t, 'app')
    expect(supplier.mock.calls.length).toBe(calls)
    expect(two).toEqual(one)
    expect(buildTopologyModel(t, 'other').stores.get('st')!.changelogTopic).toBe('other-st-changelog')
  })

  it('rejects an empty application id', () => {
    expect(() => buildTopologyModel(new Topology(), '')).toThrow(TopologyError)
  })

  it('accepts the internal builder itself', () => {
    const t = new Topology().addSource('s', 'in')
    expect(buildTopologyModel(t.internalTopologyBuilder, 'app').subtopologies).toHaveLength(1)
  })
})
