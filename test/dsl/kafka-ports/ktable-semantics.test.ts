/**
 * Ported from Kafka Streams' KTableKTableInnerJoinTest, KTableKTableLeftJoinTest,
 * KTableKTableOuterJoinTest (testJoin), KTableFilterTest and KTableMapValuesTest: table updates,
 * tombstones and result timestamps as seen downstream, with the same inputs and expectations.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { KeyValue } from '../../../processor-api/key-value.js'
import { Consumed, Materialized, Produced, StreamsBuilder, type KTable } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestDriverConfigInput } from '../../../src/test-driver/index.js'
import { drainKvt, kvt, type Kvt } from './helpers.js'

const I = Serdes.Integer()
const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function start(b: StreamsBuilder, config: TestDriverConfigInput = {}): TopologyTestDriver {
  driver = new TopologyTestDriver(b.build(), config)
  return driver
}

type JoinKind = 'join' | 'leftJoin' | 'outerJoin'

/** The shared script of Kafka's KTableKTable*JoinTest.testJoin, with each step's expected output. */
const JOIN_SCRIPT: Record<JoinKind, Kvt<number, string | null>[][]> = {
  join: [
    [],
    [kvt(0, 'X0+Y0', 5), kvt(1, 'X1+Y1', 10)],
    [kvt(0, 'XX0+Y0', 7), kvt(1, 'XX1+Y1', 10)],
    [kvt(0, 'XX0+YY0', 7), kvt(1, 'XX1+YY1', 7), kvt(2, 'XX2+YY2', 10), kvt(3, 'XX3+YY3', 15)],
    [kvt(0, 'XXX0+YY0', 6), kvt(1, 'XXX1+YY1', 6), kvt(2, 'XXX2+YY2', 10), kvt(3, 'XXX3+YY3', 15)],
    [kvt(0, null, 6), kvt(1, null, 7)],
    [kvt(2, 'XXXX2+YY2', 13), kvt(3, 'XXXX3+YY3', 15)],
    [kvt(2, null, 10), kvt(3, null, 20)],
  ],
  leftJoin: [
    [kvt(0, 'X0+null', 5), kvt(1, 'X1+null', 6)],
    [kvt(0, 'X0+Y0', 5), kvt(1, 'X1+Y1', 10)],
    [kvt(0, 'XX0+Y0', 7), kvt(1, 'XX1+Y1', 10), kvt(2, 'XX2+null', 7), kvt(3, 'XX3+null', 7)],
    [kvt(0, 'XX0+YY0', 7), kvt(1, 'XX1+YY1', 7), kvt(2, 'XX2+YY2', 10), kvt(3, 'XX3+YY3', 15)],
    [kvt(0, 'XXX0+YY0', 6), kvt(1, 'XXX1+YY1', 6), kvt(2, 'XXX2+YY2', 10), kvt(3, 'XXX3+YY3', 15)],
    [kvt(0, 'XXX0+null', 6), kvt(1, 'XXX1+null', 7)],
    [kvt(0, 'XXXX0+null', 13), kvt(1, 'XXXX1+null', 13), kvt(2, 'XXXX2+YY2', 13), kvt(3, 'XXXX3+YY3', 15)],
    [kvt(0, null, 0), kvt(1, null, 42), kvt(2, null, 10), kvt(3, null, 20)],
  ],
  outerJoin: [
    [kvt(0, 'X0+null', 5), kvt(1, 'X1+null', 6)],
    [kvt(0, 'X0+Y0', 5), kvt(1, 'X1+Y1', 10)],
    [kvt(0, 'XX0+Y0', 7), kvt(1, 'XX1+Y1', 10), kvt(2, 'XX2+null', 7), kvt(3, 'XX3+null', 7)],
    [kvt(0, 'XX0+YY0', 7), kvt(1, 'XX1+YY1', 7), kvt(2, 'XX2+YY2', 10), kvt(3, 'XX3+YY3', 15)],
    [kvt(0, 'XXX0+YY0', 6), kvt(1, 'XXX1+YY1', 6), kvt(2, 'XXX2+YY2', 10), kvt(3, 'XXX3+YY3', 15)],
    [kvt(0, 'XXX0+null', 6), kvt(1, 'XXX1+null', 7)],
    [kvt(0, 'XXXX0+null', 13), kvt(1, 'XXXX1+null', 13), kvt(2, 'XXXX2+YY2', 13), kvt(3, 'XXXX3+YY3', 15)],
    [kvt(0, null, 0), kvt(1, null, 42), kvt(2, 'null+YY2', 10), kvt(3, 'null+YY3', 20)],
  ],
}

describe('KTableKTable*JoinTest.testJoin (Kafka)', () => {
  for (const kind of ['join', 'leftJoin', 'outerJoin'] as const) {
    it(`${kind}`, async () => {
      const b = new StreamsBuilder()
      const t1 = b.table<number, string>('topic1', Consumed.with(I, S))
      const t2 = b.table<number, string>('topic2', Consumed.with(I, S))
      const joiner = (l: string | null, r: string | null): string => `${l}+${r}`
      const joined: KTable<number, string> =
        kind === 'join' ? t1.join(t2, joiner) : kind === 'leftJoin' ? t1.leftJoin(t2, joiner) : t1.outerJoin(t2, joiner)
      joined.toStream().to('output', Produced.with(I, S))
      const d = start(b)
      const in1 = d.createInputTopic<number | null, string | null>('topic1', I, S, 0, 0)
      const in2 = d.createInputTopic<number | null, string | null>('topic2', I, S, 0, 0)
      const out = d.createOutputTopic('output', I, S)
      const expected = JOIN_SCRIPT[kind]
      const keys = [0, 1, 2, 3]
      for (const i of [0, 1]) await in1.pipeInput(keys[i]!, `X${keys[i]}`, 5 + i)
      await in1.pipeInput(null, 'SomeVal', 42)
      expect(drainKvt(out)).toEqual(expected[0])
      for (const i of [0, 1]) await in2.pipeInput(keys[i]!, `Y${keys[i]}`, 10 * i)
      await in2.pipeInput(null, 'AnotherVal', 73)
      expect(drainKvt(out)).toEqual(expected[1])
      for (const k of keys) await in1.pipeInput(k, `XX${k}`, 7)
      expect(drainKvt(out)).toEqual(expected[2])
      for (const k of keys) await in2.pipeInput(k, `YY${k}`, k * 5)
      expect(drainKvt(out)).toEqual(expected[3])
      for (const k of keys) await in1.pipeInput(k, `XXX${k}`, 6)
      expect(drainKvt(out)).toEqual(expected[4])
      await in2.pipeInput(0, null, 5)
      await in2.pipeInput(1, null, 7)
      expect(drainKvt(out)).toEqual(expected[5])
      for (const k of keys) await in1.pipeInput(k, `XXXX${k}`, 13)
      expect(drainKvt(out)).toEqual(expected[6])
      await in1.pipeInput(0, null, 0)
      await in1.pipeInput(1, null, 42)
      await in1.pipeInput(2, null, 5)
      await in1.pipeInput(3, null, 20)
      expect(drainKvt(out)).toEqual(expected[7])
    })
  }
})

describe('KTableFilterTest (Kafka, caching disabled at the config level)', () => {
  const NO_CACHE: TestDriverConfigInput = { cacheMaxBytes: 0 }
  const even = (_k: string, v: number): boolean => v % 2 === 0

  for (const materialized of [false, true]) {
    it(materialized ? 'shouldPassThroughOnMaterialization' : 'shouldPassThroughWithoutMaterialization', async () => {
      const b = new StreamsBuilder()
      const t1 = b.table<string, number>('topic1', Consumed.with(S, I))
      const t2 = materialized ? t1.filter(even, Materialized.as<string, number>('store2')) : t1.filter(even)
      const t3 = t1.filterNot(even)
      expect(t1.queryableStoreName()).toBeNull()
      expect(t2.queryableStoreName()).toBe(materialized ? 'store2' : null)
      expect(t3.queryableStoreName()).toBeNull()
      t2.toStream().to('out2', Produced.with(S, I))
      t3.toStream().to('out3', Produced.with(S, I))
      const d = start(b, NO_CACHE)
      const input = d.createInputTopic<string, number | null>('topic1', S, I, 0, 0)
      await input.pipeInput('A', 1, 10)
      await input.pipeInput('B', 2, 5)
      await input.pipeInput('C', 3, 8)
      await input.pipeInput('D', 4, 14)
      await input.pipeInput('A', null, 18)
      await input.pipeInput('B', null, 15)
      expect(drainKvt(d.createOutputTopic('out2', S, I))).toEqual([
        kvt('A', null, 10),
        kvt('B', 2, 5),
        kvt('C', null, 8),
        kvt('D', 4, 14),
        kvt('A', null, 18),
        kvt('B', null, 15),
      ])
      expect(drainKvt(d.createOutputTopic('out3', S, I))).toEqual([
        kvt('A', 1, 10),
        kvt('B', null, 5),
        kvt('C', 3, 8),
        kvt('D', null, 14),
        kvt('A', null, 18),
        kvt('B', null, 15),
      ])
    })
  }

  it('shouldGetValuesOnMaterialization (through the queryable stores)', async () => {
    const b = new StreamsBuilder()
    const t1 = b.table<string, number>('topic1', Consumed.with(S, I))
    t1.filter(even, Materialized.as<string, number>('store2'))
    t1.filterNot(even, Materialized.as<string, number>('store3'))
    const d = start(b, NO_CACHE)
    const input = d.createInputTopic<string, number | null>('topic1', S, I, 0, 0)
    const get = (store: string, key: string): unknown => d.getTimestampedKeyValueStore<string, number>(store)!.get(key)
    await input.pipeInput('A', 1, 5)
    await input.pipeInput('B', 1, 10)
    await input.pipeInput('C', 1, 15)
    expect([get('store2', 'A'), get('store2', 'B'), get('store2', 'C')]).toEqual([null, null, null])
    expect([get('store3', 'A'), get('store3', 'B'), get('store3', 'C')]).toEqual([
      { value: 1, timestamp: 5 },
      { value: 1, timestamp: 10 },
      { value: 1, timestamp: 15 },
    ])
    await input.pipeInput('A', 2, 10)
    await input.pipeInput('B', 2, 5)
    expect([get('store2', 'A'), get('store2', 'B'), get('store2', 'C')]).toEqual([{ value: 2, timestamp: 10 }, { value: 2, timestamp: 5 }, null])
    expect([get('store3', 'A'), get('store3', 'B'), get('store3', 'C')]).toEqual([null, null, { value: 1, timestamp: 15 }])
    await input.pipeInput('A', 3, 15)
    expect([get('store2', 'A'), get('store2', 'B'), get('store2', 'C')]).toEqual([null, { value: 2, timestamp: 5 }, null])
    expect([get('store3', 'A'), get('store3', 'B'), get('store3', 'C')]).toEqual([{ value: 3, timestamp: 15 }, null, { value: 1, timestamp: 15 }])
    await input.pipeInput('A', null, 10)
    await input.pipeInput('B', null, 20)
    expect([get('store2', 'A'), get('store2', 'B'), get('store2', 'C')]).toEqual([null, null, null])
    expect([get('store3', 'A'), get('store3', 'B'), get('store3', 'C')]).toEqual([null, null, { value: 1, timestamp: 15 }])
  })

  it('doTestSendingOldValue: with old values enabled downstream, the filter drops deletes of rows it never had', async () => {
    const b = new StreamsBuilder()
    const t2 = b.table<string, number>('topic1', Consumed.with(S, I)).filter(even)
    // a downstream table aggregation enables sending old values (Kafka's enableSendingOldValues(true))
    t2.groupBy((k, v) => KeyValue.pair(k, v), { keySerde: S, valueSerde: I }).reduce((a, v) => a + v, (a, v) => a - v, Materialized.with<string, number>(S, I))
    t2.toStream().to('out2', Produced.with(S, I))
    const d = start(b, NO_CACHE)
    const input = d.createInputTopic<string, number | null>('topic1', S, I, 0, 0)
    const out = d.createOutputTopic('out2', S, I)
    await input.pipeInput('A', 1, 5)
    await input.pipeInput('B', 1, 10)
    await input.pipeInput('C', 1, 15)
    expect(drainKvt(out)).toEqual([])
    await input.pipeInput('A', 2, 15)
    await input.pipeInput('B', 2, 8)
    expect(drainKvt(out)).toEqual([kvt('A', 2, 15), kvt('B', 2, 8)])
    await input.pipeInput('A', 3, 20)
    expect(drainKvt(out)).toEqual([kvt('A', null, 20)])
    await input.pipeInput('A', null, 10)
    await input.pipeInput('B', null, 20)
    expect(drainKvt(out)).toEqual([kvt('B', null, 20)])
  })

  for (const materialized of [false, true]) {
    it(materialized ? 'shouldSkipNullToRepartitionOnMaterialization' : 'shouldSkipNullToRepartitionWithoutMaterialization', async () => {
      const b = new StreamsBuilder()
      const t1 = b.table<string, string>('topic1', Consumed.with(S, S))
      const accept = (_k: string, v: string): boolean => v.toLowerCase() === 'accept'
      const t2 = materialized ? t1.filter(accept, Materialized.as<string, string>('store2')) : t1.filter(accept)
      t2.groupBy((k, v) => KeyValue.pair(k, v), { keySerde: S, valueSerde: S }).reduce((a, v) => a + v, (a, v) => a.replace(v, ''), Materialized.as<string, string>('mock-result'))
      t1.toStream().to('out1', Produced.with(S, S))
      t2.toStream().to('out2', Produced.with(S, S))
      const d = start(b, NO_CACHE)
      const input = d.createInputTopic('topic1', S, S, 0, 0)
      await input.pipeInput('A', 'reject', 5)
      await input.pipeInput('B', 'reject', 10)
      await input.pipeInput('C', 'reject', 20)
      expect(drainKvt(d.createOutputTopic('out1', S, S))).toEqual([kvt('A', 'reject', 5), kvt('B', 'reject', 10), kvt('C', 'reject', 20)])
      expect(drainKvt(d.createOutputTopic('out2', S, S))).toEqual([])
    })
  }
})

describe('KTableMapValuesTest (Kafka)', () => {
  for (const queryable of [false, true]) {
    it(queryable ? 'testQueryableKTable' : 'testKTable', async () => {
      const b = new StreamsBuilder()
      const t1 = b.table<string, string>('topic1', Consumed.with(S, S))
      const mapper = (v: string): number => v.charCodeAt(0) - 48
      const t2 = queryable ? t1.mapValues(mapper, Materialized.as<string, number>('anyName').withValueSerde(I)) : t1.mapValues(mapper)
      t2.toStream().to('out', Produced.with(S, I))
      const d = start(b)
      const input = d.createInputTopic('topic1', S, S, 0, 0)
      await input.pipeInput('A', '1', 5)
      await input.pipeInput('B', '2', 25)
      await input.pipeInput('C', '3', 20)
      await input.pipeInput('D', '4', 10)
      expect(drainKvt(d.createOutputTopic('out', S, I))).toEqual([kvt('A', 1, 5), kvt('B', 2, 25), kvt('C', 3, 20), kvt('D', 4, 10)])
      if (queryable) expect(d.getKeyValueStore<string, number>('anyName')!.get('C')).toBe(3)
    })
  }
})
