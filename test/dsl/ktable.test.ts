import { afterEach, describe, expect, it } from 'vitest'
import { KeyValue } from '../../processor-api/key-value.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor, rec } from './helpers/driver.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function run(build: (b: StreamsBuilder) => void): TopologyTestDriver {
  const b = new StreamsBuilder()
  build(b)
  driver = driverFor(b.build())
  return driver
}

describe('KTable', () => {
  it('a source table forwards updates and tombstones, and is queryable when named', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S), Materialized.as('t-store')).toStream().to('out')
    })
    const input = d.createInputTopic('t', S, S)
    await input.pipeInput('a', '1', 1)
    await input.pipeInput('a', '2', 2)
    await input.pipeInput('a', null as unknown as string, 3)
    await input.pipeInput('b', '3', 4)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', '1', 1), rec('a', '2', 2), rec('a', null, 3), rec('b', '3', 4)])
    const store = d.getKeyValueStore<string, string>('t-store')!
    expect(store.get('a')).toBeNull()
    expect(store.get('b')).toBe('3')
  })

  it('filter turns rejected rows into deletes; the cache drops deletes of rows it never emitted', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S))
        .filter((_k, v) => Number(v) > 1, Materialized.as('big'))
        .toStream()
        .to('out')
    })
    const input = d.createInputTopic('t', S, S)
    await input.pipeInput('a', '5', 1)
    await input.pipeInput('a', '0', 2)
    await input.pipeInput('b', '0', 3)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', '5', 1), rec('a', null, 2)])
    expect(d.getKeyValueStore<string, string>('big')!.get('a')).toBeNull()
  })

  it('mapValues maps values and passes deletes through', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S))
        .mapValues((v, k) => `${k}:${v.length}`)
        .toStream()
        .to('out')
    })
    const input = d.createInputTopic('t', S, S)
    await input.pipeInput('a', 'xyz', 1)
    await input.pipeInput('a', null as unknown as string, 2)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', 'a:3', 1), rec('a', null, 2)])
  })

  it('toStream(mapper) re-keys the changelog stream', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S))
        .toStream((k, _v) => `${k}!`)
        .to('out')
    })
    await d.createInputTopic('t', S, S).pipeInput('a', 'v', 1)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a!', 'v', 1)])
  })

  it('KStream.toTable keeps the latest value per key', async () => {
    const d = run((b) => {
      b.stream<string, string>('in', Consumed.with(S, S)).toTable(Materialized.as('latest')).toStream().to('out')
    })
    const input = d.createInputTopic('in', S, S)
    await input.pipeInput('a', '1', 5)
    await input.pipeInput('a', '2', 10)
    await input.pipeInput('a', '3', 8)
    expect(drain(d.createOutputTopic('out', S, S))).toEqual([rec('a', '1', 5), rec('a', '2', 10), rec('a', '3', 8)])
    expect(d.getKeyValueStore<string, string>('latest')!.get('a')).toBe('3')
  })

  it('groupBy + count subtracts a row from its old group and adds it to the new one', async () => {
    const d = run((b) => {
      b.table<string, string>('user-regions', Consumed.with(S, S))
        .groupBy((user, region) => KeyValue.pair(region, user), Grouped.with(S, S))
        .count()
        .toStream()
        .to('region-counts', Produced.with(S, L))
    })
    const input = d.createInputTopic('user-regions', S, S)
    await input.pipeInput('alice', 'EU', 1)
    await input.pipeInput('bob', 'EU', 2)
    await input.pipeInput('alice', 'US', 3)
    await input.pipeInput('bob', null as unknown as string, 4)
    expect(drain(d.createOutputTopic('region-counts', S, L))).toEqual([
      rec('EU', 1, 1),
      rec('EU', 2, 2),
      rec('EU', 1, 3),
      rec('US', 1, 3),
      rec('EU', 0, 4),
    ])
  })

  it('groupBy + reduce applies adder and subtractor (old and new value in one update when the key stays)', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S))
        .groupBy((_k, v) => KeyValue.pair('all', v))
        .reduce(
          (agg, v) => String(Number(agg) + Number(v)),
          (agg, v) => String(Number(agg) - Number(v)),
        )
        .toStream()
        .to('sum')
    })
    const input = d.createInputTopic('t', S, S)
    await input.pipeInput('a', '5', 1)
    await input.pipeInput('b', '7', 2)
    await input.pipeInput('a', '1', 3)
    expect(drain(d.createOutputTopic('sum', S, S))).toEqual([rec('all', '5', 1), rec('all', '12', 2), rec('all', '8', 3)])
  })

  it('groupBy + aggregate keeps per-group lists with adder and subtractor', async () => {
    const d = run((b) => {
      b.table<string, string>('t', Consumed.with(S, S))
        .groupBy((k, v) => KeyValue.pair(v, k))
        .aggregate(
          () => '',
          (_g, member, agg) => (agg === '' ? member : `${agg},${member}`),
          (_g, member, agg) => agg.split(',').filter((m) => m !== member).join(','),
        )
        .toStream()
        .to('members')
    })
    const input = d.createInputTopic('t', S, S)
    await input.pipeInput('x', 'g1', 1)
    await input.pipeInput('y', 'g1', 2)
    await input.pipeInput('x', 'g2', 3)
    expect(drain(d.createOutputTopic('members', S, S))).toEqual([
      rec('g1', 'x', 1),
      rec('g1', 'x,y', 2),
      rec('g1', 'y', 3),
      rec('g2', 'x', 3),
    ])
  })
})
