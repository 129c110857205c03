import { describe, expect, it } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import { TopologyError } from '../../processor-api/errors.js'
import type { Processor, ProcessorSupplier } from '../../processor-api/processor.js'
import { buildTopologyModel } from '../../processor-api/internal/build-topology-model.js'
import { MockStoreBuilder, noopSupplier, supplierWithStores } from './fixtures/mock-store.js'

const p = noopSupplier

/** Runs `fn`, expects a TopologyError naming `node` and a message matching `message`. */
function expectTopologyError(fn: () => unknown, node: string | undefined, message: RegExp): void {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(TopologyError)
  const err = caught as TopologyError
  expect(err.code).toBe('KS_ERR_TOPOLOGY_INVALID')
  expect(err.nodeName).toBe(node)
  expect(err.message).toMatch(message)
  // Kafka's TopologyException texts: they do not always name the node added; `nodeName` does.
  expect(err.message.startsWith('Invalid topology: ')).toBe(true)
}

function base(): Topology {
  return new Topology().addSource('source', 'topic-1').addProcessor('processor', p(), 'source')
}

describe('Topology', () => {
  it('returns itself from every add method so calls chain', () => {
    const t = new Topology()
    expect(t.addSource('s', 'in')).toBe(t)
    expect(t.addProcessor('a', p(), 's')).toBe(t)
    expect(t.addStateStore(new MockStoreBuilder('st'), 'a')).toBe(t)
    expect(t.connectProcessorAndStateStores('a', 'st')).toBe(t)
    expect(t.addSink('k', 'out', 'a')).toBe(t)
    expect(t.addGlobalStore(new MockStoreBuilder('g').withLoggingDisabled(), 'gs', 'gt', {}, 'gp', p())).toBe(t)
    expect(t.addReadOnlyStateStore(new MockStoreBuilder('r'), 'rs', 'rt', {}, 'rp', p())).toBe(t)
  })

  describe('validation', () => {
    it('rejects a duplicate source name', () => {
      const t = new Topology().addSource('source', 'topic-1')
      expectTopologyError(() => t.addSource('source', 'topic-2'), 'source', /Processor source is already added/)
    })

    it('rejects a duplicate processor name', () => {
      expectTopologyError(() => base().addProcessor('processor', p(), 'source'), 'processor', /already added/)
    })

    it('rejects a duplicate sink name', () => {
      const t = base().addSink('sink', 'out', 'processor')
      expectTopologyError(() => t.addSink('sink', 'out-2', 'processor'), 'sink', /already added/)
    })

    it('rejects a processor or sink named like an existing node of another kind', () => {
      expectTopologyError(() => base().addSink('source', 'out', 'processor'), 'source', /already added/)
    })

    it('rejects an unknown parent', () => {
      expectTopologyError(() => new Topology().addProcessor('processor', p(), 'source'), 'processor', /Predecessor processor source is not added yet for processor/)
      expectTopologyError(() => new Topology().addSink('sink', 'out', 'source'), 'sink', /Predecessor processor source is not added yet/)
    })

    it('rejects a processor or sink without parents', () => {
      expectTopologyError(() => new Topology().addSource('s', 't').addProcessor('processor', p()), 'processor', /must have at least one parent/)
      expectTopologyError(() => new Topology().addSource('s', 't').addSink('sink', 'out'), 'sink', /must have at least one parent/)
    })

    it('rejects a node that is its own parent', () => {
      expectTopologyError(() => new Topology().addProcessor('processor', p(), 'processor'), 'processor', /cannot be a predecessor of itself/)
      expectTopologyError(() => new Topology().addSink('sink', 'out', 'sink'), 'sink', /cannot be a predecessor of itself/)
    })

    it('rejects a sink as a parent of a sink or a processor', () => {
      const t = base().addSink('sink-1', 'out', 'source')
      expectTopologyError(() => t.addSink('sink-2', 'out-2', 'sink-1'), 'sink-2', /Sink sink-1 cannot be used a parent/)
      expectTopologyError(() => t.addProcessor('p2', p(), 'sink-1'), 'p2', /Sink sink-1 cannot be used a parent/)
    })

    it('rejects a parent listed twice', () => {
      expectTopologyError(() => base().addProcessor('p2', p(), 'source', 'source'), 'p2', /lists parent source twice/)
    })

    it('rejects a parent passed to a source', () => {
      const t = new Topology().addSource('a', 'x')
      const addSource = t.addSource.bind(t) as (name: string, topics: string, parent: string) => Topology
      expectTopologyError(() => addSource('b', 'y', 'a'), 'b', /Source b cannot have a parent/)
    })

    it('rejects a source without topics or with an empty topic name', () => {
      expectTopologyError(() => new Topology().addSource('source', []), 'source', /at least one topic/)
      expectTopologyError(() => new Topology().addSource('source', ''), 'source', /non-empty strings/)
      expectTopologyError(() => new Topology().addSource('source', ['a', '']), 'source', /non-empty strings/)
    })

    it('rejects an empty node name', () => {
      expectTopologyError(() => new Topology().addSource('', 'topic'), undefined, /Source name must be a non-empty string/)
    })

    it('rejects a topic read by two sources, or twice by one', () => {
      const t = new Topology().addSource('source', 'topic-1')
      expectTopologyError(() => t.addSource('source-2', 'topic-1'), 'source-2', /Topic topic-1 has already been registered by another source/)
      expectTopologyError(() => new Topology().addSource('s', ['a', 'a']), 's', /Topic a has already been registered/)
    })

    it('rejects a pattern matching a registered topic and a topic matching a registered pattern', () => {
      const t1 = new Topology().addSource('source-1', 'foo')
      expectTopologyError(() => t1.addSource('source-2', /f.*/), 'source-2', /Pattern f\.\* will match a topic that has already been registered/)
      const t2 = new Topology().addSource('source-1', /f.*/)
      expectTopologyError(() => t2.addSource('source-2', 'foo'), 'source-2', /Topic foo matches a Pattern already registered/)
    })

    it('matches patterns against whole topic names, as Java does', () => {
      const t = new Topology().addSource('source-1', /f/)
      expect(() => t.addSource('source-2', 'foo')).not.toThrow()
    })

    it('rejects a second builder using a store name, but accepts the same builder again', () => {
      const builder = new MockStoreBuilder('store')
      const t = base().addStateStore(builder, 'processor')
      expectTopologyError(() => t.addStateStore(new MockStoreBuilder('store')), 'store', /A different StateStore has already been added with the name store/)
      t.addProcessor('p2', p(), 'source')
      expect(() => t.addStateStore(builder, 'p2')).not.toThrow()
      expect(buildTopologyModel(t, 'app').stores.get('store')!.builder).toBe(builder)
    })

    it('lets two suppliers share a store through the same builder (ConnectedStoreProvider)', () => {
      const builder = new MockStoreBuilder('store')
      const t = new Topology()
        .addSource('source', 'topic')
        .addProcessor('processor-1', supplierWithStores(builder), 'source')
        .addProcessor('processor-2', supplierWithStores(builder), 'source')
      const model = buildTopologyModel(t, 'app')
      expect(model.nodes.get('processor-1')).toMatchObject({ stores: ['store'] })
      expect(model.nodes.get('processor-2')).toMatchObject({ stores: ['store'] })
    })

    it('rejects connecting a store to an unknown processor, a source or a sink', () => {
      expectTopologyError(() => new Topology().addStateStore(new MockStoreBuilder('store'), 'no-such-processor'), 'no-such-processor', /Processor no-such-processor is not added yet/)
      const t = new Topology().addSource('source-1', 'topic-1').addSink('sink-1', 'topic-2', 'source-1')
      expectTopologyError(() => t.addStateStore(new MockStoreBuilder('s1'), 'source-1'), 'source-1', /cannot connect a state store s1 to a source node or a sink node/)
      expectTopologyError(() => t.addStateStore(new MockStoreBuilder('s2'), 'sink-1'), 'sink-1', /cannot connect a state store s2/)
    })

    it('rejects connecting an unknown store, or no store at all', () => {
      expectTopologyError(() => base().connectProcessorAndStateStores('processor', 'nope'), 'nope', /StateStore nope is not added yet/)
      expectTopologyError(() => base().connectProcessorAndStateStores('processor'), 'processor', /at least one state store name/)
      const t = base().addStateStore(new MockStoreBuilder('store'))
      expectTopologyError(() => t.connectProcessorAndStateStores('ghost', 'store'), 'ghost', /Processor ghost is not added yet/)
    })

    it('rejects a supplier that returns the same processor instance twice', () => {
      const shared: Processor<unknown, unknown, unknown, unknown> = { process: () => {} }
      const single: ProcessorSupplier<unknown, unknown, unknown, unknown> = () => shared
      expectTopologyError(() => base().addProcessor('bad', single, 'source'), 'bad', /generates single reference.*must return a new object/)
    })

    it('rejects global store misuse as Kafka does', () => {
      const logged = new MockStoreBuilder('g')
      expectTopologyError(() => new Topology().addGlobalStore(logged, 's', 't', {}, 'p', p()), 'g', /StateStore g for global table must not have logging enabled/)
      const unlogged = (): MockStoreBuilder => new MockStoreBuilder('g').withLoggingDisabled()
      expectTopologyError(() => new Topology().addGlobalStore(unlogged(), 'same', 't', {}, 'same', p()), 'same', /sourceName and processorName must be different/)
      const t = base().addGlobalStore(unlogged(), 'gs', 'global-topic', {}, 'gp', p())
      expectTopologyError(() => t.connectProcessorAndStateStores('processor', 'g'), 'g', /Global StateStore g can be used by a Processor without being specified/)
      expectTopologyError(() => t.addStateStore(new MockStoreBuilder('g')), 'g', /A different GlobalStateStore has already been added with the name g/)
      expectTopologyError(() => t.addSource('x', 'global-topic'), 'x', /Topic global-topic has already been registered/)
      expectTopologyError(() => t.addProcessor('child', p(), 'gp'), 'child', /belongs to a global store/)
    })

    it('tolerates a store connected to no processor, as Kafka does, and leaves it out of the model', () => {
      const t = base().addStateStore(new MockStoreBuilder('lonely'))
      const model = buildTopologyModel(t, 'app')
      expect(model.stores.has('lonely')).toBe(false)
      expect(t.describe().toString()).not.toContain('lonely')
    })
  })

  it('adds and connects the stores a supplier provides', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', supplierWithStores(new MockStoreBuilder('x'), new MockStoreBuilder('y')), 's')
    expect(t.describe().toString()).toContain('Processor: a (stores: [x, y])')
  })

  it('accepts sink options, or the first parent in their place', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', p(), 's').addProcessor('b', p(), 's')
    t.addSink('k1', 'out', 'a', 'b')
    const partitioner = (): number => 0
    t.addSink('k2', 'out2', { partitioner }, 'a')
    const model = buildTopologyModel(t, 'app')
    expect(model.nodes.get('k1')).toMatchObject({ parents: ['a', 'b'], partitioner: null })
    expect(model.nodes.get('k2')).toMatchObject({ parents: ['a'], partitioner })
  })

  it('adds a read-only store restored from its own source topic', () => {
    const builder = new MockStoreBuilder('ro')
    const t = new Topology().addReadOnlyStateStore(builder, 'ro-source', 'ro-topic', {}, 'ro-processor', p())
    expect(builder.loggingEnabled).toBe(false)
    const model = buildTopologyModel(t, 'app')
    expect(model.nodes.get('ro-source')).toMatchObject({ kind: 'source', topics: ['ro-topic'], offsetReset: 'earliest' })
    expect(model.stores.get('ro')).toMatchObject({ changelogTopic: null, sourceChangelogTopic: 'ro-topic' })
    expect(model.subtopologies).toHaveLength(1)
    expect(model.globalStores).toHaveLength(0)
  })
})
