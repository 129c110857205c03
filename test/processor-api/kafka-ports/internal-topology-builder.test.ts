/**
 * Ported from Kafka Streams' InternalTopologyBuilderTest (streams/src/test/.../processor/internals):
 * the validation cases with Kafka's exact `TopologyException` texts ("Invalid topology: ..."), node
 * groups, topic groups and their stores/changelogs, co-partition groups, per-sub-topology builds,
 * the description's node order and sizes, and the global store's changelog (its own topic).
 */
import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { Processor, ProcessorSupplier } from '../../../processor-api/processor.js'
import { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'
import { buildTopologyModel } from '../../../processor-api/internal/build-topology-model.js'
import type { SubtopologyModel } from '../../../processor-api/internal/topology-model.js'
import { MockStoreBuilder, noopSupplier } from '../fixtures/mock-store.js'

const mock = noopSupplier
const NULL = null as unknown as string

/** Runs `fn` and expects a TopologyError with exactly Kafka's message. */
function expectMessage(fn: () => unknown, message: string): void {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(TopologyError)
  expect((caught as Error).message).toBe(message)
}

function builder(): InternalTopologyBuilder {
  return new Topology().internalTopologyBuilder
}

describe('InternalTopologyBuilderTest (Kafka): validation', () => {
  it('shouldNotAllowOffsetResetSourceWithoutTopics / WithDuplicateSourceName', () => {
    expectMessage(() => builder().addSource('source', [], { offsetReset: 'earliest' }), 'Invalid topology: You must provide at least one topic')
    const b = builder()
    b.addSource('source', 'topic-1', { offsetReset: 'earliest' })
    expectMessage(() => b.addSource('source', 'topic-2', { offsetReset: 'latest' }), 'Invalid topology: Processor source is already added.')
  })

  it('testAddSourceWithSameName / testAddSourceWithSameTopic', () => {
    const b = builder()
    b.addSource('source', 'topic-1')
    expectMessage(() => b.addSource('source', 'topic-2'), 'Invalid topology: Processor source is already added.')
    expectMessage(() => b.addSource('source-2', 'topic-1'), 'Invalid topology: Topic topic-1 has already been registered by another source.')
  })

  it('testAddProcessorWithSameName / WrongParent / SelfParent / EmptyParents / NullParents', () => {
    const b = builder()
    b.addSource('source', 'topic-1')
    b.addProcessor('processor', mock(), ['source'])
    expectMessage(() => b.addProcessor('processor', mock(), ['source']), 'Invalid topology: Processor processor is already added.')
    expectMessage(() => builder().addProcessor('processor', mock(), ['source']), 'Invalid topology: Predecessor processor source is not added yet for processor')
    expectMessage(() => builder().addProcessor('processor', mock(), ['processor']), 'Invalid topology: Processor processor cannot be a predecessor of itself.')
    expectMessage(() => b.addProcessor('processor-2', mock(), []), 'Invalid topology: Processor processor-2 must have at least one parent')
    expect(() => b.addProcessor('processor-3', mock(), [NULL])).toThrow()
  })

  it('testAddProcessorWithBadSupplier / testAddGlobalStoreWithBadSupplier: "#get() must return a new object each time it is called."', () => {
    const processor: Processor = { process: () => {} }
    const single: ProcessorSupplier = () => processor
    expect(() => builder().addProcessor('processor', single, [NULL])).toThrow('#get() must return a new object each time it is called.')
    expect(() =>
      builder().addGlobalStore(new MockStoreBuilder('global-store').withLoggingDisabled(), 'globalSource', 'globalTopic', {}, 'global-processor', single),
    ).toThrow('#get() must return a new object each time it is called.')
  })

  it('testAddSinkWithSameName / WrongParent / SelfParent / EmptyParents / NullParents', () => {
    const b = builder()
    b.addSource('source', 'topic-1')
    b.addSink('sink', 'topic-2', {}, ['source'])
    expectMessage(() => b.addSink('sink', 'topic-3', {}, ['source']), 'Invalid topology: Processor sink is already added.')
    expectMessage(() => builder().addSink('sink', 'topic-2', {}, ['source']), 'Invalid topology: Predecessor processor source is not added yet.')
    expectMessage(() => builder().addSink('sink', 'topic-2', {}, ['sink']), 'Invalid topology: Processor sink cannot be a predecessor of itself.')
    expectMessage(() => b.addSink('sink-2', 'topic-2', {}, []), 'Invalid topology: Sink sink-2 must have at least one parent')
    expect(() => b.addSink('sink-3', 'topic-2', {}, [NULL])).toThrow()
    expectMessage(() => b.addSink('sink-4', 'topic-3', {}, ['sink']), 'Invalid topology: Sink sink cannot be used a parent.')
  })

  it('testAddSinkConnectedWithParent / testAddSinkConnectedWithMultipleParent', () => {
    const b = builder()
    b.addSource('source', 'source-topic')
    b.addSource('sourceII', 'source-topicII')
    b.addSink('sink', 'dest-topic', {}, ['source', 'sourceII'])
    expect(new Set(b.nodeGroups().get(0))).toEqual(new Set(['sink', 'source', 'sourceII']))
  })

  it('testPatternMatchesAlreadyProvidedTopicSource / testNamedTopicMatchesAlreadyProvidedPattern', () => {
    const b1 = builder()
    b1.addSource('source-1', 'foo')
    expectMessage(() => b1.addSource('source-2', /f.*/), 'Invalid topology: Pattern f.* will match a topic that has already been registered by another source.')
    const b2 = builder()
    b2.addSource('source-1', /f.*/)
    expectMessage(() => b2.addSource('source-2', 'foo'), 'Invalid topology: Topic foo matches a Pattern already registered by another source.')
  })

  it('testAddStateStoreWithNonExistingProcessor / WithSource / WithSink', () => {
    expectMessage(() => builder().addStateStore(new MockStoreBuilder('testStore'), ['no-such-processor']), 'Invalid topology: Processor no-such-processor is not added yet.')
    const b = builder()
    b.addSource('source-1', 'topic-1')
    b.addSink('sink-1', 'topic-1', {}, ['source-1'])
    expectMessage(
      () => b.addStateStore(new MockStoreBuilder('testStore'), ['source-1']),
      'Invalid topology: cannot connect a state store testStore to a source node or a sink node.',
    )
    expectMessage(
      () => b.addStateStore(new MockStoreBuilder('testStore2'), ['sink-1']),
      'Invalid topology: cannot connect a state store testStore2 to a source node or a sink node.',
    )
  })

  it('shouldNotAllowToAddStoresWithSameName', () => {
    const b = builder()
    b.addStateStore(new MockStoreBuilder('testStore'), [])
    expectMessage(() => b.addStateStore(new MockStoreBuilder('testStore'), []), 'Invalid topology: A different StateStore has already been added with the name testStore')
  })

  it('shouldNotAllowToAddStoresWithSameNameWhenFirstStoreIsGlobal', () => {
    const b = builder()
    b.addGlobalStore(new MockStoreBuilder('testStore').withLoggingDisabled(), 'global-store', 'global-topic', {}, 'global-processor', mock())
    expectMessage(() => b.addStateStore(new MockStoreBuilder('testStore'), []), 'Invalid topology: A different GlobalStateStore has already been added with the name testStore')
  })

  it('shouldNotAllowToAddStoresWithSameNameWhenSecondStoreIsGlobal', () => {
    const b = builder()
    b.addStateStore(new MockStoreBuilder('testStore'), [])
    expectMessage(
      () => b.addGlobalStore(new MockStoreBuilder('testStore').withLoggingDisabled(), 'global-store', 'global-topic', {}, 'global-processor', mock()),
      'Invalid topology: A different StateStore has already been added with the name testStore',
    )
  })

  it('shouldNotAllowToAddGlobalStoresWithSameName', () => {
    const b = builder()
    b.addGlobalStore(new MockStoreBuilder('testStore').withLoggingDisabled(), 'global-store', 'global-topic', {}, 'global-processor', mock())
    expectMessage(
      () => b.addGlobalStore(new MockStoreBuilder('testStore').withLoggingDisabled(), 'global-store-2', 'global-topic', {}, 'global-processor-2', mock()),
      'Invalid topology: A different GlobalStateStore has already been added with the name testStore',
    )
  })

  it('shouldNotAllowToAddGlobalStoreWithSourceNameEqualsProcessorName', () => {
    expectMessage(
      () => builder().addGlobalStore(new MockStoreBuilder('testStore').withLoggingDisabled(), 'sameName', 'anyTopicName', {}, 'sameName', mock()),
      'Invalid topology: sourceName and processorName must be different.',
    )
  })

  it('a global store builder with logging enabled, a store passed explicitly, no store names', () => {
    expectMessage(
      () => builder().addGlobalStore(new MockStoreBuilder('g'), 's', 't', {}, 'p', mock()),
      'Invalid topology: StateStore g for global table must not have logging enabled.',
    )
    const b = builder()
    b.addSource('source', 'topic')
    b.addProcessor('processor', mock(), ['source'])
    b.addGlobalStore(new MockStoreBuilder('g').withLoggingDisabled(), 's', 't', {}, 'p', mock())
    expectMessage(
      () => b.connectProcessorAndStateStores('processor', ['g']),
      'Invalid topology: Global StateStore g can be used by a Processor without being specified; it should not be explicitly passed.',
    )
    expectMessage(() => b.connectProcessorAndStateStores('processor', ['nope']), 'Invalid topology: StateStore nope is not added yet.')
    expectMessage(() => b.connectProcessorAndStateStores('processor', []), 'Invalid topology: Must provide at least one state store name.')
  })

  it('shouldNotAllowNull* arguments (Kafka: NullPointerException)', () => {
    const b = builder()
    expect(() => b.addSink(NULL, 'topic', {}, ['source'])).toThrow()
    expect(() => b.addSink('name', NULL, {}, ['source'])).toThrow()
    expect(() => b.addProcessor(NULL, mock(), ['source'])).toThrow()
    expect(() => b.addProcessor('name', null as unknown as ProcessorSupplier, ['source'])).toThrow()
    expect(() => b.addSource(NULL, 'topic')).toThrow()
    expect(() => b.addStateStore(null as unknown as MockStoreBuilder, [])).toThrow()
    expect(() => b.addInternalTopic(NULL)).toThrow()
  })
})

describe('InternalTopologyBuilderTest (Kafka): structure', () => {
  it('testAddStateStore: a store is built only once connected', () => {
    const t = new Topology().addStateStore(new MockStoreBuilder('testStore')).addSource('source-1', 'topic-1').addProcessor('processor-1', mock(), 'source-1')
    expect(buildTopologyModel(t, 'X').stores.size).toBe(0)
    t.connectProcessorAndStateStores('processor-1', 'testStore')
    expect([...buildTopologyModel(t, 'X').stores.keys()]).toEqual(['testStore'])
  })

  it('testStateStoreNamesForSubtopology', () => {
    const t = new Topology()
      .addStateStore(new MockStoreBuilder('testStore'))
      .addSource('source-1', 'topic-1')
      .addProcessor('processor-1', mock(), 'source-1')
      .connectProcessorAndStateStores('processor-1', 'testStore')
      .addSource('source-2', 'topic-2')
      .addProcessor('processor-2', mock(), 'source-2')
    const m = buildTopologyModel(t, 'X')
    expect(m.subtopologies.find((s) => s.id === 0)!.stores).toEqual(['testStore'])
    expect(m.subtopologies.find((s) => s.id === 1)!.stores).toEqual([])
    expect(m.subtopologies.find((s) => s.id === 13)).toBeUndefined()
  })

  it('shouldAllowAddingSameStoreBuilderMultipleTimes', () => {
    const store = new MockStoreBuilder('testStore')
    const t = new Topology()
      .addSource('source-1', 'topic-1')
      .addStateStore(store)
      .addProcessor('processor-1', mock(), 'source-1')
      .connectProcessorAndStateStores('processor-1', 'testStore')
      .addStateStore(store)
      .addProcessor('processor-2', mock(), 'source-1')
      .connectProcessorAndStateStores('processor-2', 'testStore')
    expect(buildTopologyModel(t, 'X').stores.size).toBe(1)
  })

  it('testTopicGroups (internal topics prefixed; co-partition groups)', () => {
    const t = new Topology()
    const b = t.internalTopologyBuilder
    b.addInternalTopic('topic-1x')
    t.addSource('source-1', ['topic-1', 'topic-1x'])
      .addSource('source-2', 'topic-2')
      .addSource('source-3', 'topic-3')
      .addSource('source-4', 'topic-4')
      .addSource('source-5', 'topic-5')
      .addProcessor('processor-1', mock(), 'source-1')
      .addProcessor('processor-2', mock(), 'source-2', 'processor-1')
    b.copartitionSources(['source-1', 'source-2'])
    t.addProcessor('processor-3', mock(), 'source-3', 'source-4')
    const m = buildTopologyModel(t, 'X')
    const topics = (s: SubtopologyModel): Set<string> => new Set(s.sourceTopics)
    expect(m.subtopologies.map((s) => [s.id, topics(s)])).toEqual([
      [0, new Set(['topic-1', 'X-topic-1x', 'topic-2'])],
      [1, new Set(['topic-3', 'topic-4'])],
      [2, new Set(['topic-5'])],
    ])
    expect(m.copartitionGroups.map((g) => new Set(g))).toEqual([new Set(['topic-1', 'X-topic-1x', 'topic-2'])])
  })

  it('testTopicGroupsByStateStore (each group gets its stores and their changelogs)', () => {
    const t = new Topology()
      .addSource('source-1', ['topic-1', 'topic-1x'])
      .addSource('source-2', 'topic-2')
      .addSource('source-3', 'topic-3')
      .addSource('source-4', 'topic-4')
      .addSource('source-5', 'topic-5')
      .addProcessor('processor-1', mock(), 'source-1')
      .addProcessor('processor-2', mock(), 'source-2')
      .addStateStore(new MockStoreBuilder('store-1'), 'processor-1', 'processor-2')
      .addProcessor('processor-3', mock(), 'source-3')
      .addProcessor('processor-4', mock(), 'source-4')
      .addStateStore(new MockStoreBuilder('store-2'), 'processor-3', 'processor-4')
      .addProcessor('processor-5', mock(), 'source-5')
      .addStateStore(new MockStoreBuilder('store-3'))
      .connectProcessorAndStateStores('processor-5', 'store-3')
    const m = buildTopologyModel(t, 'X')
    expect(m.subtopologies.map((s) => [s.id, new Set(s.sourceTopics), s.stores.map((n) => m.stores.get(n)!.changelogTopic)])).toEqual([
      [0, new Set(['topic-1', 'topic-1x', 'topic-2']), ['X-store-1-changelog']],
      [1, new Set(['topic-3', 'topic-4']), ['X-store-2-changelog']],
      [2, new Set(['topic-5']), ['X-store-3-changelog']],
    ])
  })

  it('testBuild: the nodes of each sub-topology', () => {
    const t = new Topology()
      .addSource('source-1', ['topic-1', 'topic-1x'])
      .addSource('source-2', 'topic-2')
      .addSource('source-3', 'topic-3')
      .addSource('source-4', 'topic-4')
      .addSource('source-5', 'topic-5')
      .addProcessor('processor-1', mock(), 'source-1')
      .addProcessor('processor-2', mock(), 'source-2', 'processor-1')
      .addProcessor('processor-3', mock(), 'source-3', 'source-4')
    const m = buildTopologyModel(t, 'X')
    expect(m.subtopologies.map((s) => new Set(s.nodes))).toEqual([
      new Set(['source-1', 'source-2', 'processor-1', 'processor-2']),
      new Set(['source-3', 'source-4', 'processor-3']),
      new Set(['source-5']),
    ])
  })

  it('shouldAllowIncrementalBuilds: node groups grow as nodes are added', () => {
    const t = new Topology()
    const groups = (): string => JSON.stringify([...t.internalTopologyBuilder.nodeGroups()])
    let old = groups()
    const changes = (add: () => void): boolean => {
      add()
      const now = groups()
      const changed = now !== old
      old = now
      return changed
    }
    expect(changes(() => t.addSource('source-1', 'topic-1'))).toBe(true)
    expect(changes(() => t.addSource('source-2', 'topic-2'))).toBe(true)
    expect(changes(() => t.addProcessor('processor-1', mock(), 'source-1'))).toBe(true)
    expect(changes(() => t.addSink('sink-1', 'sink-topic', 'processor-1'))).toBe(true)
    expect(changes(() => t.addGlobalStore(new MockStoreBuilder('global-store').withLoggingDisabled(), 'globalSource', 'globalTopic', {}, 'globalProcessor', mock()))).toBe(
      true,
    )
  })

  it('shouldSortProcessorNodesCorrectly: describe() orders nodes by sub-tree size, then name', () => {
    const t = new Topology()
      .addSource('source1', 'topic1')
      .addSource('source2', 'topic2')
      .addProcessor('processor1', mock(), 'source1')
      .addProcessor('processor2', mock(), 'source1', 'source2')
      .addProcessor('processor3', mock(), 'processor2')
      .addSink('sink1', 'topic2', 'processor1', 'processor3')
    const d = t.describe()
    expect(d.subtopologies).toHaveLength(1)
    expect(d.subtopologies[0]!.nodes.map((n) => n.name)).toEqual(['source1', 'source2', 'processor2', 'processor1', 'processor3', 'sink1'])
  })

  it('shouldAddSourceWithOffsetReset / PatternWithOffsetReset / WithoutOffsetReset', () => {
    const t = new Topology()
      .addSource('source', 'earliestTopic', { offsetReset: 'earliest' })
      .addSource('source2', 'latestTopic', { offsetReset: 'latest' })
      .addSource('source3', /earliest.*Pattern/, { offsetReset: 'earliest' })
      .addSource('source4', 'test-topic')
    const m = buildTopologyModel(t, 'X')
    const reset = (name: string): unknown => {
      const n = m.nodes.get(name)!
      return n.kind === 'source' ? n.offsetReset : undefined
    }
    expect([reset('source'), reset('source2'), reset('source3'), reset('source4')]).toEqual(['earliest', 'latest', 'earliest', null])
  })

  it('shouldAddTimestampExtractorPerSource / WithPatternPerSource', () => {
    const extractor = (): number => 42
    const t = new Topology().addSource('source', 'topic', { timestampExtractor: extractor }).addSource('source2', /t.*x/, { timestampExtractor: extractor })
    const m = buildTopologyModel(t, 'X')
    for (const name of ['source', 'source2']) {
      const n = m.nodes.get(name)!
      expect(n.kind === 'source' && n.timestampExtractor).toBe(extractor)
    }
  })

  it('testNameSourceTopicsWithGlobalTopics / testPatternSourceTopicsWithGlobalTopics: global topics are not task sources', () => {
    const t = new Topology()
      .addSource('source-1', 'topic-1')
      .addSource('source-2', /topic-2/)
      .addGlobalStore(new MockStoreBuilder('global-store').withLoggingDisabled(), 'globalSource', 'globalTopic', {}, 'global-processor', mock())
    const m = buildTopologyModel(t, 'X')
    expect(m.subtopologies.flatMap((s) => s.sourceTopics)).toEqual(['topic-1'])
    expect(m.subtopologies.flatMap((s) => s.sourcePatterns.map((p) => p.source))).toEqual(['topic-2'])
    expect(m.globalStores.map((g) => g.topic)).toEqual(['globalTopic'])
  })

  it('shouldHaveCorrectInternalTopicConfigWhenInternalTopicPropertiesArePresent / NumberOfPartitionsIsNull', () => {
    const t = new Topology().addSource('source-1', 'topic-1z').addSource('source-2', 'topic-2z')
    t.internalTopologyBuilder.addInternalTopic('topic-1z', { partitions: 10 })
    t.internalTopologyBuilder.addInternalTopic('topic-2z')
    const m = buildTopologyModel(t, 'Z')
    expect(m.internalTopics.map((i) => [i.name, i.partitions])).toEqual([
      ['Z-topic-1z', 10],
      ['Z-topic-2z', null],
    ])
  })

  it('shouldConnectGlobalStateStoreToInputTopic: the global topic is the store changelog', () => {
    const t = new Topology().addGlobalStore(
      new MockStoreBuilder('global-store').withLoggingDisabled(),
      'globalSource',
      'global-topic',
      {},
      'global-processor',
      mock(),
    )
    const m = buildTopologyModel(t, 'X')
    expect(m.globalStores.map((g) => [g.store.name, g.topic, g.store.changelogTopic])).toEqual([['global-store', 'global-topic', null]])
  })
})
