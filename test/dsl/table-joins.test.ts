/**
 * Table-table and stream-table joins against the "Semantics of table-table equi-joins" and
 * "Semantics of stream-table joins" tables of Kafka's DSL documentation (one key; timestamps 1..15).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Consumed, Joined, Materialized, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

type Row = [t: number, side: 'L' | 'R', value: string | null]
const ROWS: Row[] = [
  [1, 'L', null],
  [2, 'R', null],
  [3, 'L', 'A'],
  [4, 'R', 'a'],
  [5, 'L', 'B'],
  [6, 'R', 'b'],
  [7, 'L', null],
  [8, 'R', null],
  [9, 'L', 'C'],
  [10, 'R', 'c'],
  [11, 'R', null],
  [12, 'L', null],
  [13, 'R', null],
  [14, 'R', 'd'],
  [15, 'L', 'D'],
]

const joiner = (l: string | null, r: string | null): string => `[${l}, ${r}]`

async function pipeRows(d: TopologyTestDriver): Promise<Record<number, (string | null)[]>> {
  const l = d.createInputTopic('left', S, S)
  const r = d.createInputTopic('right', S, S)
  const out = d.createOutputTopic('out', S, S)
  const results: Record<number, (string | null)[]> = {}
  for (const [t, side, value] of ROWS) {
    await (side === 'L' ? l : r).pipeInput('k', value as string, t)
    const got = drain(out)
    if (got.length > 0) results[t] = got.map((g) => g.value)
  }
  return results
}

describe('table-table join (Kafka docs semantics)', () => {
  async function tableJoin(type: 'join' | 'leftJoin' | 'outerJoin'): Promise<Record<number, (string | null)[]>> {
    const b = new StreamsBuilder()
    const left = b.table<string, string>('left', Consumed.with(S, S))
    const right = b.table<string, string>('right', Consumed.with(S, S))
    const joined = type === 'join' ? left.join(right, joiner) : type === 'leftJoin' ? left.leftJoin(right, joiner) : left.outerJoin(right, joiner)
    joined.toStream().to('out')
    driver = driverFor(b.build())
    return pipeRows(driver)
  }

  it('inner join', async () => {
    expect(await tableJoin('join')).toEqual({ 4: ['[A, a]'], 5: ['[B, a]'], 6: ['[B, b]'], 7: [null], 10: ['[C, c]'], 11: [null], 15: ['[D, d]'] })
  })

  it('left join', async () => {
    expect(await tableJoin('leftJoin')).toEqual({
      3: ['[A, null]'],
      4: ['[A, a]'],
      5: ['[B, a]'],
      6: ['[B, b]'],
      7: [null],
      9: ['[C, null]'],
      10: ['[C, c]'],
      11: ['[C, null]'],
      12: [null],
      15: ['[D, d]'],
    })
  })

  it('outer join', async () => {
    expect(await tableJoin('outerJoin')).toEqual({
      3: ['[A, null]'],
      4: ['[A, a]'],
      5: ['[B, a]'],
      6: ['[B, b]'],
      7: ['[null, b]'],
      8: [null],
      9: ['[C, null]'],
      10: ['[C, c]'],
      11: ['[C, null]'],
      12: [null],
      14: ['[null, d]'],
      15: ['[D, d]'],
    })
  })

  it('a materialized join result is queryable and carries the max timestamp', async () => {
    const b = new StreamsBuilder()
    const left = b.table<string, string>('left', Consumed.with(S, S))
    const right = b.table<string, string>('right', Consumed.with(S, S))
    left.join(right, joiner, Materialized.as('joined')).toStream().to('out')
    driver = driverFor(b.build())
    await driver.createInputTopic('right', S, S).pipeInput('k', 'r', 10)
    await driver.createInputTopic('left', S, S).pipeInput('k', 'l', 4)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([{ key: 'k', value: '[l, r]', timestamp: 10 }])
    expect(driver.getKeyValueStore<string, string>('joined')!.get('k')).toBe('[l, r]')
  })
})

describe('stream-table join (Kafka docs semantics)', () => {
  async function streamTableJoin(type: 'join' | 'leftJoin'): Promise<Record<number, (string | null)[]>> {
    const b = new StreamsBuilder()
    const left = b.stream<string, string>('left', Consumed.with(S, S))
    const right = b.table<string, string>('right', Consumed.with(S, S))
    ;(type === 'join' ? left.join(right, joiner) : left.leftJoin(right, joiner)).to('out')
    driver = driverFor(b.build())
    return pipeRows(driver)
  }

  it('inner join', async () => {
    expect(await streamTableJoin('join')).toEqual({ 5: ['[B, a]'], 15: ['[D, d]'] })
  })

  it('left join', async () => {
    expect(await streamTableJoin('leftJoin')).toEqual({ 3: ['[A, null]'], 5: ['[B, a]'], 9: ['[C, null]'], 15: ['[D, d]'] })
  })

  it('keeps the stream record timestamp and repartitions a re-keyed stream under the Joined name', async () => {
    const b = new StreamsBuilder()
    const views = b.stream<string, string>('views', Consumed.with(S, S)).selectKey((_k, page) => page)
    const pages = b.table<string, string>('pages', Consumed.with(S, S))
    views.join(pages, (v, title) => `${v}:${title}`, Joined.with(S, S, S, 'view-page')).to('out')
    const topology = b.build()
    expect(topology.describe().toString()).toContain('(topic: view-page-repartition)')
    driver = driverFor(topology)
    await driver.createInputTopic('pages', S, S).pipeInput('home', 'Home', 50)
    await driver.createInputTopic('views', S, S).pipeInput('alice', 'home', 7)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([{ key: 'home', value: 'home:Home', timestamp: 7 }])
  })
})

describe('stream-global-table join', () => {
  it('looks up the global table by the key selector; left join keeps misses', async () => {
    const b = new StreamsBuilder()
    const orders = b.stream<string, string>('orders', Consumed.with(S, S))
    const products = b.globalTable<string, string>('products', Consumed.with(S, S))
    orders.join(products, (_id, productId) => productId, (productId, name) => `${productId}=${name}`).to('inner')
    orders.leftJoin(products, (_id, productId) => productId, (productId, name) => `${productId}=${name}`).to('left')
    driver = driverFor(b.build())
    await driver.createInputTopic('products', S, S).pipeInput('p1', 'Pen', 1)
    const input = driver.createInputTopic('orders', S, S)
    await input.pipeInput('o1', 'p1', 5)
    await input.pipeInput('o2', 'p2', 6)
    expect(drain(driver.createOutputTopic('inner', S, S))).toEqual([{ key: 'o1', value: 'p1=Pen', timestamp: 5 }])
    expect(drain(driver.createOutputTopic('left', S, S))).toEqual([
      { key: 'o1', value: 'p1=Pen', timestamp: 5 },
      { key: 'o2', value: 'p2=null', timestamp: 6 },
    ])
  })
})
