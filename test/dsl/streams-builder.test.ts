import { afterEach, describe, expect, it } from 'vitest'
import { TopologyError } from '../../processor-api/errors.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import type { KeyValueStore } from '../../state-stores/key-value-store.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { Consumed, DslArgumentError, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

describe('StreamsBuilder', () => {
  it('merges sources of the same topic into one source node', () => {
    const b = new StreamsBuilder()
    b.stream('a').to('x')
    b.stream('a').to('y')
    const text = b.build().describe().toString()
    expect(text).toContain('    Source: KSTREAM-SOURCE-0000000000 (topics: [a])\n      --> KSTREAM-SINK-0000000001, KSTREAM-SINK-0000000003\n')
    expect(text).not.toContain('KSTREAM-SOURCE-0000000002')
  })

  it('rejects sources subscribed to overlapping but different topic lists', () => {
    const b = new StreamsBuilder()
    b.stream(['a', 'b'])
    b.stream(['b', 'c'])
    expect(() => b.build()).toThrow(TopologyError)
  })

  it('reads topics matching a pattern', () => {
    const b = new StreamsBuilder()
    b.stream(/orders-.*/).to('all-orders')
    expect(b.build().describe().toString()).toContain('Source: KSTREAM-SOURCE-0000000000 (topics: orders-.*)')
  })

  it('rejects an empty topic list or name', () => {
    const b = new StreamsBuilder()
    expect(() => b.stream([])).toThrow(DslArgumentError)
    expect(() => b.table('')).toThrow(DslArgumentError)
  })

  it('describes a global table as a global store', () => {
    const b = new StreamsBuilder()
    b.globalTable('products', Consumed.with(S, S))
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [products])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [products-STATE-STORE-0000000000])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n',
    )
  })

  it('addStateStore makes a store available to process() by name', async () => {
    const b = new StreamsBuilder()
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('sum'), S, Serdes.Integer()))
    b.stream<string, string>('in', Consumed.with(S, S))
      .process<string, number>(() => {
        let ctx: ProcessorContext<string, number>
        let sum: KeyValueStore<string, number>
        return {
          init(c) {
            ctx = c
            sum = c.getStateStore<KeyValueStore<string, number>>('sum')
          },
          process(r) {
            const next = (sum.get(r.key) ?? 0) + r.value.length
            sum.put(r.key, next)
            ctx.forward(r.withValue(next))
          },
        }
      }, 'sum')
      .to('out', { valueSerde: Serdes.Integer() })
    driver = driverFor(b.build())
    const input = driver.createInputTopic('in', S, S)
    await input.pipeInput('a', 'xx', 1)
    await input.pipeInput('a', 'yyy', 2)
    expect(drain(driver.createOutputTopic('out', S, Serdes.Integer())).map((r) => r.value)).toEqual([2, 5])
    expect(driver.getKeyValueStore<string, number>('sum')!.get('a')).toBe(5)
  })

  it('build() returns the same topology when called again', () => {
    const b = new StreamsBuilder()
    b.stream('a').to('b')
    expect(b.build()).toBe(b.build())
  })
})

describe('StreamsBuilder internal topics and co-partitioning', () => {
  it('records co-partitioned sources of joins and reuses table source topics when optimized', async () => {
    const { buildTopologyModel } = await import('../../processor-api/internal/build-topology-model.js')
    const { JoinWindows } = await import('../../dsl/index.js')
    const b = new StreamsBuilder({ optimization: ['reuse.ktable.source.topics'] })
    const left = b.stream<string, string>('left', Consumed.with(S, S))
    const right = b.stream<string, string>('right', Consumed.with(S, S))
    left.join(right, (l, r) => l + r, JoinWindows.ofTimeDifferenceWithNoGrace(5)).to('joined')
    b.table<string, string>('users', Consumed.with(S, S), 'users-store')
    const model = buildTopologyModel(b.build(), 'app')
    expect(model.copartitionGroups.map((g) => [...g].sort())).toEqual([['left', 'right']])
    expect(model.stores.get('users-store')!.sourceChangelogTopic).toBe('users')
    expect(model.stores.get('users-store')!.changelogTopic).toBeNull()
  })
})
