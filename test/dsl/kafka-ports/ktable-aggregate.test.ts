/**
 * Ported from Kafka Streams' KTableAggregateTest: KTable.groupBy + aggregate/count with adder
 * and subtractor, tombstones, null keys and null mapper results, and the result timestamps,
 * with the driver's default configuration (caching on, committed after each record).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const S = Serdes.String()
const L = Serdes.Long()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

const ADDER = (_k: string, v: string, agg: string): string => `${agg}+${v}`
const REMOVER = (_k: string, v: string, agg: string): string => `${agg}-${v}`

async function run(b: StreamsBuilder, input: string, records: [string, string | null, number][], valueSerde = S): Promise<unknown[]> {
  driver = new TopologyTestDriver(b.build(), {}, 0)
  const topic = driver.createInputTopic<string, string | null>(input, S, S, 0, 0)
  for (const [k, v, t] of records) await topic.pipeInput(k, v, t)
  return drainKvt(driver.createOutputTopic('out', S, valueSerde))
}

describe('KTableAggregateTest (Kafka)', () => {
  it('testAggBasic', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('topic1', Consumed.with(S, S))
      .groupBy((k, v) => KeyValue.pair(k, v), Grouped.with(S, S))
      .aggregate(() => '0', ADDER, REMOVER, Materialized.as<string, string>('topic1-Canonized').withValueSerde(S))
      .toStream()
      .to('out', Produced.with(S, S))
    const out = await run(b, 'topic1', [
      ['A', '1', 10], ['B', '2', 15], ['A', '3', 20], ['B', '4', 18], ['C', '5', 5], ['D', '6', 25], ['B', '7', 15], ['C', '8', 10],
    ])
    expect(out).toEqual([
      kvt('A', '0+1', 10),
      kvt('B', '0+2', 15),
      kvt('A', '0+1-1+3', 20),
      kvt('B', '0+2-2+4', 18),
      kvt('C', '0+5', 5),
      kvt('D', '0+6', 25),
      kvt('B', '0+2-2+4-4+7', 18),
      kvt('C', '0+5-5+8', 10),
    ])
  })

  it('testAggRepartition', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('topic1', Consumed.with(S, S))
      .groupBy((k, v) => {
        if (k === 'null') return KeyValue.pair(null as unknown as string, v)
        if (k === 'NULL') return null as unknown as KeyValue<string, string>
        return KeyValue.pair(v, v)
      }, Grouped.with(S, S))
      .aggregate(() => '0', ADDER, REMOVER, Materialized.as<string, string>('topic1-Canonized').withValueSerde(S))
      .toStream()
      .to('out', Produced.with(S, S))
    const out = await run(b, 'topic1', [
      ['A', '1', 10], ['A', null, 15], ['A', '1', 12], ['B', '2', 20], ['null', '3', 25], ['B', '4', 23], ['NULL', '5', 24], ['B', '7', 22],
    ])
    expect(out).toEqual([
      kvt('1', '0+1', 10),
      kvt('1', '0+1-1', 15),
      kvt('1', '0+1-1+1', 15),
      kvt('2', '0+2', 20),
      kvt('2', '0+2-2', 23),
      kvt('4', '0+4', 23),
      kvt('4', '0+4-4', 23),
      kvt('7', '0+7', 22),
    ])
  })

  it('testCountWithInternalStore', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('count-test-input', Consumed.with(S, S))
      .groupBy((_k, v) => KeyValue.pair(v, v), Grouped.with(S, S))
      .count()
      .toStream()
      .to('out', Produced.with(S, L))
    const out = await run(b, 'count-test-input', [['A', 'green', 10], ['B', 'green', 9], ['A', 'blue', 12], ['C', 'yellow', 15], ['D', 'green', 11]], L as never)
    expect(out).toEqual([
      kvt('green', 1, 10),
      kvt('green', 2, 10),
      kvt('green', 1, 12),
      kvt('blue', 1, 12),
      kvt('yellow', 1, 15),
      kvt('green', 2, 12),
    ])
  })

  it('testRemoveOldBeforeAddNew', async () => {
    const b = new StreamsBuilder()
    b.table<string, string>('count-test-input', Consumed.with(S, S))
      .groupBy((k) => KeyValue.pair(k.charAt(0), k.charAt(1)), Grouped.with(S, S))
      .aggregate(
        () => '',
        (_k, v, agg) => agg + v,
        (_k, v, agg) => agg.split(v).join(''),
        Materialized.as<string, string>('someStore').withValueSerde(S),
      )
      .toStream()
      .to('out', Produced.with(S, S))
    const out = await run(b, 'count-test-input', [['11', 'A', 10], ['12', 'B', 8], ['11', null, 12], ['12', 'C', 6]])
    expect(out).toEqual([kvt('1', '1', 10), kvt('1', '12', 10), kvt('1', '2', 12), kvt('1', '2', 12)])
  })
})
