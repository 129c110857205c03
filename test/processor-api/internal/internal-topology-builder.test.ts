import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { FixedKeyProcessorSupplier } from '../../../processor-api/processor.js'
import { buildTopologyModel } from '../../../processor-api/internal/build-topology-model.js'
import { MockStoreBuilder, noopSupplier } from '../fixtures/mock-store.js'

describe('InternalTopologyBuilder (the API the DSL writes through)', () => {
  it('adds a fixed-key processor that the engine runs like any processor', () => {
    const t = new Topology().addSource('s', 'in')
    const supplier: FixedKeyProcessorSupplier<unknown, unknown, unknown> = () => ({ process: () => {} })
    t.internalTopologyBuilder.addFixedKeyProcessor('mapValues', supplier, ['s'])
    const node = buildTopologyModel(t, 'app').nodes.get('mapValues')
    expect(node).toMatchObject({ kind: 'processor', parents: ['s'] })
    expect(node?.kind === 'processor' && node.supplier).toBe(supplier)
  })

  it('replaces a store builder only when told to allow it', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', noopSupplier(), 's')
    const b = t.internalTopologyBuilder
    b.addStateStore(new MockStoreBuilder('st'), ['a'])
    const replacement = new MockStoreBuilder('st')
    expect(() => b.addStateStore(replacement, [])).toThrow(TopologyError)
    b.addStateStore(replacement, [], { allowOverride: true })
    expect(buildTopologyModel(t, 'app').stores.get('st')!.builder).toBe(replacement)
    expect(buildTopologyModel(t, 'app').nodes.get('a')).toMatchObject({ stores: ['st'] })
  })

  it('swaps a merged source in co-partition groups', () => {
    const t = new Topology().addSource('a', 'ta').addSource('b', 'tb').addSource('merged', 'tm')
    const b = t.internalTopologyBuilder
    b.copartitionSources(['a', 'b'])
    b.maybeUpdateCopartitionSourceGroups('b', 'merged')
    expect(buildTopologyModel(t, 'app').copartitionGroups.map((g) => [...g].sort())).toEqual([['ta', 'tm']])
  })

  it('reports node groups with global pairs included, as Kafka numbers them', () => {
    const t = new Topology()
      .addSource('s1', 'a')
      .addGlobalStore(new MockStoreBuilder('g').withLoggingDisabled(), 'gs', 'gt', {}, 'gp', noopSupplier())
      .addSource('s2', 'b')
      .addProcessor('p2', noopSupplier(), 's2')
    expect([...t.internalTopologyBuilder.nodeGroups()]).toEqual([
      [0, ['s1']],
      [1, ['gs', 'gp']],
      [2, ['s2', 'p2']],
    ])
    expect(t.internalTopologyBuilder.isGlobalSource('gs')).toBe(true)
    expect(t.internalTopologyBuilder.isGlobalSource('s1')).toBe(false)
  })

  it('answers what exists', () => {
    const t = new Topology().addSource('s', 'in').addProcessor('a', noopSupplier(), 's').addStateStore(new MockStoreBuilder('st'), 'a')
    const b = t.internalTopologyBuilder
    b.addInternalTopic('x-repartition')
    expect(b.hasNode('a')).toBe(true)
    expect(b.hasNode('zz')).toBe(false)
    expect(b.hasStore('st')).toBe(true)
    expect(b.isInternalTopic('x-repartition')).toBe(true)
    expect(b.isInternalTopic('in')).toBe(false)
    expect([...b.nodes.keys()]).toEqual(['s', 'a'])
  })

  it('validates internal topic arguments', () => {
    const b = new Topology().internalTopologyBuilder
    expect(() => b.addInternalTopic('')).toThrow(TopologyError)
    expect(() => b.addInternalTopic('r', { partitions: 0 })).toThrow(/positive integer/)
    expect(() => b.setStoreChangelogConfig('missing', {})).toThrow(/StateStore missing is not added yet/)
  })
})
