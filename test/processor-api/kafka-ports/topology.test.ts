/**
 * Ported from Kafka Streams' TopologyTest (streams/src/test/.../TopologyTest.java): argument
 * validation of every `add*` method, and `describe()` of hand-built topologies compared as Kafka
 * compares descriptions (sub-topology ids, node names and kinds, topics, stores, and the names of
 * each node's predecessors and successors), plus their text where Kafka's is fixed by its rules.
 */
import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError, StreamsError } from '../../../processor-api/errors.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Processor, ProcessorSupplier } from '../../../processor-api/processor.js'
import type { TopologyDescription, TopologyNodeDescription } from '../../../processor-api/topology-description.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Stores } from '../../../state-stores/stores.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { MockStoreBuilder, noopSupplier, supplierWithStores } from '../fixtures/mock-store.js'

const mock = noopSupplier
const NULL = null as unknown as string

type NodeShape = { type: string; topics?: string[] | string; stores?: string[]; topic?: string; pred: string[]; succ: string[] }
type Shape = { subtopologies: { id: number; nodes: { [name: string]: NodeShape } }[]; globalStores: { id: number; source: string; processor: string; store: string; topic: string }[] }

/** What Kafka's `TopologyDescription.equals` compares, in a form `toEqual` can check. */
function shapeOf(d: TopologyDescription): Shape {
  const names = (ns: readonly TopologyNodeDescription[]): string[] => ns.map((n) => n.name).sort()
  return {
    subtopologies: d.subtopologies.map((s) => ({
      id: s.id,
      nodes: Object.fromEntries(
        s.nodes.map((n): [string, NodeShape] => {
          const base = { type: n.type, pred: names(n.predecessors), succ: names(n.successors) }
          if (n.type === 'source') return [n.name, { ...base, topics: n.topicSet !== null ? [...n.topicSet].sort() : String(n.topicPattern?.source) }]
          if (n.type === 'processor') return [n.name, { ...base, stores: [...n.stores].sort() }]
          return [n.name, { ...base, topic: n.topic ?? 'extractor' }]
        }),
      ),
    })),
    globalStores: d.globalStores.map((g) => ({
      id: g.id,
      source: g.source.name,
      processor: g.processor.name,
      store: g.processor.stores[0]!,
      topic: g.source.topicSet![0]!,
    })),
  }
}

const src = (topics: string[] | string, succ: string[] = []): NodeShape => ({ type: 'source', topics, pred: [], succ })
const proc = (pred: string[], succ: string[] = [], stores: string[] = []): NodeShape => ({ type: 'processor', stores, pred, succ })
const sink = (topic: string, pred: string[]): NodeShape => ({ type: 'sink', topic, pred, succ: [] })

function expectThrows(fn: () => unknown, type: new (...args: never[]) => Error = TopologyError): void {
  expect(fn).toThrow(type)
}

describe('TopologyTest (Kafka): validation', () => {
  it('shouldNotAllowNull* arguments (Kafka: NullPointerException)', () => {
    const t = new Topology()
    expectThrows(() => t.addSource(NULL, 'topic'), Error)
    expectThrows(() => t.addSource(NULL, /.*/), Error)
    expectThrows(() => t.addSource('source', null as unknown as string[]), Error)
    expectThrows(() => t.addSource('source', null as unknown as RegExp), Error)
    expectThrows(() => t.addProcessor(NULL, mock()), Error)
    expectThrows(() => t.addProcessor('name', null as unknown as ProcessorSupplier), Error)
    expectThrows(() => t.addSink(NULL, 'topic'), Error)
    expectThrows(() => t.addSink('name', NULL), Error)
    expectThrows(() => t.connectProcessorAndStateStores(NULL, 'store'), Error)
    expectThrows(() => t.addStateStore(null as unknown as MockStoreBuilder), Error)
  })

  it('shouldNotAllowZeroTopicsWhenAddingSource', () => {
    expectThrows(() => new Topology().addSource('source', []))
  })

  it('shouldNotAllowZeroStoreNameWhenConnectingProcessorAndStateStores', () => {
    expectThrows(() => new Topology().connectProcessorAndStateStores('processor'))
  })

  it('shouldNotAllowToAddSourcesWithSameName', () => {
    const t = new Topology().addSource('source', 'topic-1')
    expectThrows(() => t.addSource('source', 'topic-2'))
  })

  it('shouldNotAllowToAddTopicTwice', () => {
    const t = new Topology().addSource('source', 'topic-1')
    expectThrows(() => t.addSource('source-2', 'topic-1'))
  })

  it('testPatternMatchesAlreadyProvidedTopicSource / testNamedTopicMatchesAlreadyProvidedPattern', () => {
    expectThrows(() => new Topology().addSource('source-1', 'foo').addSource('source-2', /f.*/))
    expectThrows(() => new Topology().addSource('source-1', /f.*/).addSource('source-2', 'foo'))
  })

  it('shouldNotAllowToAddProcessorWithSameName / EmptyParents / NullParents', () => {
    const t = new Topology().addSource('source', 'topic-1').addProcessor('processor', mock(), 'source')
    expectThrows(() => t.addProcessor('processor', mock(), 'source'))
    expectThrows(() => t.addProcessor('processor2', mock()))
    expectThrows(() => t.addProcessor('processor3', mock(), NULL), Error)
  })

  it('shouldFailOnUnknownSource / shouldFailIfNodeIsItsOwnParent', () => {
    expectThrows(() => new Topology().addProcessor('processor', mock(), 'source'))
    expectThrows(() => new Topology().addProcessor('processor', mock(), 'processor'))
  })

  it('shouldNotAllowToAddSinkWithSameName / EmptyParents / NullParents', () => {
    const t = new Topology().addSource('source', 'topic-1').addSink('sink', 'topic-2', 'source')
    expectThrows(() => t.addSink('sink', 'topic-3', 'source'))
    t.addProcessor('processor', mock(), 'source')
    expectThrows(() => t.addSink('sink2', 'topic-2'))
    expectThrows(() => t.addSink('sink3', 'topic-2', NULL), Error)
  })

  it('shouldFailWithUnknownParent / shouldFailIfSinkIsItsOwnParent / shouldFailIfSinkIsParent', () => {
    expectThrows(() => new Topology().addSink('sink', 'topic-2', 'source'))
    expectThrows(() => new Topology().addSink('sink', 'topic-2', 'sink'))
    const t = new Topology().addSource('source', 'topic-1').addSink('sink-1', 'topic-2', 'source')
    expectThrows(() => t.addSink('sink-2', 'topic-3', 'sink-1'))
  })

  it('shouldNotAllowToAddStateStoreToNonExistingProcessor / Source / Sink', () => {
    expectThrows(() => new Topology().addStateStore(new MockStoreBuilder('store'), 'no-such-processor'))
    expectThrows(() => new Topology().addSource('source-1', 'topic-1').addStateStore(new MockStoreBuilder('store'), 'source-1'))
    expectThrows(() =>
      new Topology().addSource('source-1', 'topic-1').addSink('sink-1', 'topic-1', 'source-1').addStateStore(new MockStoreBuilder('store'), 'sink-1'),
    )
  })

  it('shouldNotAllowToAddStoreWithSameNameAndDifferentInstance', () => {
    const t = new Topology().addStateStore(new MockStoreBuilder('store'))
    expectThrows(() => t.addStateStore(new MockStoreBuilder('store')))
  })

  it('shouldAllowToShareStoreUsingSameStoreBuilder', () => {
    const builder = new MockStoreBuilder('store')
    const t = new Topology()
      .addSource('source', 'topic-1')
      .addProcessor('processor-1', supplierWithStores(builder), 'source')
      .addProcessor('processor-2', supplierWithStores(builder), 'source')
    expect(t.describe().toString()).toContain('Processor: processor-1 (stores: [store])')
    expect(t.describe().toString()).toContain('Processor: processor-2 (stores: [store])')
  })

  it('shouldThrowOnUnassignedStateStoreAccess', () => {
    const supplier = (): Processor => ({
      init: (context: ProcessorContext<never, never>) => void context.getStateStore('store'),
      process: () => {},
    })
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('store'), Serdes.ByteArray(), Serdes.ByteArray())
    const t = new Topology()
      .addSource('source', 'topic')
      .addProcessor('goodGuy', supplier, 'source')
      .addStateStore(builder, 'goodGuy')
      .addProcessor('badGuy', supplier, 'source')
    let caught: unknown
    try {
      new TopologyTestDriver(t, { defaultKeySerde: Serdes.ByteArray(), defaultValueSerde: Serdes.ByteArray() })
    } catch (e) {
      caught = e
    }
    // As Kafka: StreamsException("failed to initialize processor badGuy") whose cause is the store access error.
    expect(caught).toBeInstanceOf(StreamsError)
    expect((caught as Error).message).toBe('failed to initialize processor badGuy')
    expect(((caught as Error).cause as Error).message).toMatch(/^Processor badGuy has no access to StateStore store/)
  })

  it('shouldNotAllowToAddGlobalStoreWithSourceNameEqualsProcessorName', () => {
    expectThrows(() =>
      new Topology().addGlobalStore(new MockStoreBuilder('anyName').withLoggingDisabled(), 'sameName', 'anyTopicName', {}, 'sameName', mock()),
    )
  })
})

describe('TopologyTest (Kafka): describe()', () => {
  it('shouldDescribeEmptyTopology', () => {
    expect(shapeOf(new Topology().describe())).toEqual({ subtopologies: [], globalStores: [] })
  })

  it('sinkShouldReturnNullTopicWithDynamicRouting / sinkShouldReturnTopicNameExtractorWithDynamicRouting', () => {
    const extractor = (key: unknown, _v: unknown, ctx: { topic?: string }): string => `${ctx.topic}-${String(key)}`
    const t = new Topology().addSource('source', 'topic').addSink('sink', extractor, 'source')
    const sinkNode = t.describe().subtopologies[0]!.nodes.find((n) => n.name === 'sink')!
    expect(sinkNode.type === 'sink' && sinkNode.topic).toBeNull()
    expect(sinkNode.type === 'sink' && sinkNode.topicNameExtractor).toBe(extractor)
  })

  it('singleSourceShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', 'topic')
    expect(shapeOf(t.describe())).toEqual({ subtopologies: [{ id: 0, nodes: { source: src(['topic']) } }], globalStores: [] })
    expect(t.describe().toString()).toBe('Topologies:\n   Sub-topology: 0\n    Source: source (topics: [topic])\n      --> none\n\n')
  })

  it('singleSourceWithListOfTopicsShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', ['topic1', 'topic2', 'topic3'])
    expect(shapeOf(t.describe())).toEqual({ subtopologies: [{ id: 0, nodes: { source: src(['topic1', 'topic2', 'topic3']) } }], globalStores: [] })
  })

  it('singleSourcePatternShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', /topic[0-9]/)
    expect(shapeOf(t.describe())).toEqual({ subtopologies: [{ id: 0, nodes: { source: src('topic[0-9]') } }], globalStores: [] })
    expect(t.describe().toString()).toBe('Topologies:\n   Sub-topology: 0\n    Source: source (topics: topic[0-9])\n      --> none\n\n')
  })

  it('multipleSourcesShouldHaveDistinctSubtopologies', () => {
    const t = new Topology().addSource('source1', 'topic1').addSource('source2', 'topic2').addSource('source3', 'topic3')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      { id: 0, nodes: { source1: src(['topic1']) } },
      { id: 1, nodes: { source2: src(['topic2']) } },
      { id: 2, nodes: { source3: src(['topic3']) } },
    ])
  })

  it('sourceAndProcessorShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', 'topic').addProcessor('processor', mock(), 'source')
    expect(shapeOf(t.describe()).subtopologies).toEqual([{ id: 0, nodes: { source: src(['topic'], ['processor']), processor: proc(['source']) } }])
  })

  it('sourceAndProcessorWithStateShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', 'topic').addProcessor('processor', mock(), 'source').addStateStore(new MockStoreBuilder('store'), 'processor')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      { id: 0, nodes: { source: src(['topic'], ['processor']), processor: proc(['source'], [], ['store']) } },
    ])
  })

  it('sourceAndProcessorWithMultipleStatesShouldHaveSingleSubtopology', () => {
    const t = new Topology()
      .addSource('source', 'topic')
      .addProcessor('processor', mock(), 'source')
      .addStateStore(new MockStoreBuilder('store1'), 'processor')
      .addStateStore(new MockStoreBuilder('store2'), 'processor')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      { id: 0, nodes: { source: src(['topic'], ['processor']), processor: proc(['source'], [], ['store1', 'store2']) } },
    ])
  })

  it('sourceWithMultipleProcessorsShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source', 'topic').addProcessor('processor1', mock(), 'source').addProcessor('processor2', mock(), 'source')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      { id: 0, nodes: { source: src(['topic'], ['processor1', 'processor2']), processor1: proc(['source']), processor2: proc(['source']) } },
    ])
  })

  it('processorWithMultipleSourcesShouldHaveSingleSubtopology', () => {
    const t = new Topology().addSource('source1', 'topic0').addSource('source2', /topic[1-9]/).addProcessor('processor', mock(), 'source1', 'source2')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      {
        id: 0,
        nodes: { source1: src(['topic0'], ['processor']), source2: src('topic[1-9]', ['processor']), processor: proc(['source1', 'source2']) },
      },
    ])
  })

  it('multipleSourcesWithProcessorsShouldHaveDistinctSubtopologies', () => {
    const t = new Topology()
    for (const i of [1, 2, 3]) t.addSource(`source${i}`, `topic${i}`).addProcessor(`processor${i}`, mock(), `source${i}`)
    expect(shapeOf(t.describe()).subtopologies).toEqual(
      [1, 2, 3].map((i) => ({ id: i - 1, nodes: { [`source${i}`]: src([`topic${i}`], [`processor${i}`]), [`processor${i}`]: proc([`source${i}`]) } })),
    )
  })

  it('multipleSourcesWithSinksShouldHaveDistinctSubtopologies', () => {
    const t = new Topology()
    for (const i of [1, 2, 3]) t.addSource(`source${i}`, `topic${i}`).addSink(`sink${i}`, `sinkTopic${i}`, `source${i}`)
    expect(shapeOf(t.describe()).subtopologies).toEqual(
      [1, 2, 3].map((i) => ({ id: i - 1, nodes: { [`source${i}`]: src([`topic${i}`], [`sink${i}`]), [`sink${i}`]: sink(`sinkTopic${i}`, [`source${i}`]) } })),
    )
  })

  it('processorsWithSameSinkShouldHaveSameSubtopology', () => {
    const t = new Topology()
      .addSource('source', 'topic')
      .addProcessor('processor1', mock(), 'source')
      .addSource('source2', 'topic2')
      .addProcessor('processor2', mock(), 'source2')
      .addSource('source3', 'topic3')
      .addProcessor('processor3', mock(), 'source3')
      .addSink('sink', 'sinkTopic', 'processor1', 'processor2', 'processor3')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      {
        id: 0,
        nodes: {
          source: src(['topic'], ['processor1']),
          processor1: proc(['source'], ['sink']),
          source2: src(['topic2'], ['processor2']),
          processor2: proc(['source2'], ['sink']),
          source3: src(['topic3'], ['processor3']),
          processor3: proc(['source3'], ['sink']),
          sink: sink('sinkTopic', ['processor1', 'processor2', 'processor3']),
        },
      },
    ])
  })

  it('processorsWithSharedStateShouldHaveSameSubtopology', () => {
    const t = new Topology()
      .addSource('source', 'topic')
      .addProcessor('processor1', mock(), 'source')
      .addStateStore(new MockStoreBuilder('store1'), 'processor1')
      .addSource('source2', 'topic2')
      .addProcessor('processor2', mock(), 'source2')
      .addStateStore(new MockStoreBuilder('store2'), 'processor2')
      .addSource('source3', 'topic3')
      .addProcessor('processor3', mock(), 'source3')
      .connectProcessorAndStateStores('processor3', 'store1', 'store2')
    expect(shapeOf(t.describe()).subtopologies).toEqual([
      {
        id: 0,
        nodes: {
          source: src(['topic'], ['processor1']),
          processor1: proc(['source'], [], ['store1']),
          source2: src(['topic2'], ['processor2']),
          processor2: proc(['source2'], [], ['store2']),
          source3: src(['topic3'], ['processor3']),
          processor3: proc(['source3'], [], ['store1', 'store2']),
        },
      },
    ])
  })

  it('shouldDescribeGlobalStoreTopology / shouldDescribeMultipleGlobalStoreTopology', () => {
    const t = new Topology().addGlobalStore(new MockStoreBuilder('globalStore').withLoggingDisabled(), 'source', 'globalTopic', {}, 'processor', mock())
    expect(shapeOf(t.describe())).toEqual({
      subtopologies: [],
      globalStores: [{ id: 0, source: 'source', processor: 'processor', store: 'globalStore', topic: 'globalTopic' }],
    })
    expect(t.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: source (topics: [globalTopic])\n' +
        '      --> processor\n' +
        '    Processor: processor (stores: [globalStore])\n' +
        '      --> none\n' +
        '      <-- source\n',
    )
    t.addGlobalStore(new MockStoreBuilder('globalStore2').withLoggingDisabled(), 'source2', 'globalTopic2', {}, 'processor2', mock())
    expect(shapeOf(t.describe()).globalStores).toEqual([
      { id: 0, source: 'source', processor: 'processor', store: 'globalStore', topic: 'globalTopic' },
      { id: 1, source: 'source2', processor: 'processor2', store: 'globalStore2', topic: 'globalTopic2' },
    ])
  })

  it('topologyWithStaticTopicNameExtractorShouldRespectEqualHashcodeContract', () => {
    const build = (): Topology => {
      const builder = new StreamsBuilder()
      builder.stream('from-topic-name').to('to-topic-name')
      return builder.build()
    }
    expect(shapeOf(build().describe())).toEqual(shapeOf(build().describe()))
    expect(build().describe().toString()).toBe(build().describe().toString())
  })

  it('readOnlyStateStoresShouldHaveTheirOwnSubTopology / readOnlyStateStoresShouldNotLog', () => {
    const builder = new MockStoreBuilder('store')
    const t = new Topology().addReadOnlyStateStore(builder, 'source', 'topic', {}, 'processor', mock())
    expect(shapeOf(t.describe())).toEqual({
      subtopologies: [{ id: 0, nodes: { source: src(['topic'], ['processor']), processor: proc(['source'], [], ['store']) } }],
      globalStores: [],
    })
    expect(builder.loggingEnabled).toBe(false)
  })
})
