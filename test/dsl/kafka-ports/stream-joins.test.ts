/**
 * Ported from Kafka Streams' KStreamKStreamJoinTest (testJoin, testOuterJoin),
 * KStreamKStreamOuterJoinTest (duplicates, expired non-joined right records, ordering) and
 * KStreamKTableJoinTest / KStreamKTableLeftJoinTest (stream-table joins): same inputs, same
 * expected outputs with timestamps. Joiner: Kafka's MockValueJoiner.TOSTRING_JOINER (`l+r`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { Consumed, JoinWindows, Produced, StreamJoined, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const I = Serdes.Integer()
const S = Serdes.String()
const L = Serdes.Long()
const KEYS = [0, 1, 2, 3]
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

function streamJoin<V2>(
  kind: 'join' | 'outerJoin',
  windows: JoinWindows,
  rightSerde: Serde<V2>,
): { in1: TestInputTopic<number, string>; in2: TestInputTopic<number, V2>; out: TestOutputTopic<number, string> } {
  const b = new StreamsBuilder()
  const s1 = b.stream<number, string>('topic1', Consumed.with(I, S))
  const s2 = b.stream<number, V2>('topic2', Consumed.with(I, rightSerde))
  const joiner = (l: string | null, r: V2 | null): string => `${l}+${r}`
  const joined = kind === 'join' ? s1.join(s2, joiner, windows, StreamJoined.with(I, S, rightSerde)) : s1.outerJoin(s2, joiner, windows, StreamJoined.with(I, S, rightSerde))
  joined.to('out', Produced.with(I, S))
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: S, defaultValueSerde: S })
  return { in1: driver.createInputTopic('topic1', I, S, 0, 0), in2: driver.createInputTopic('topic2', I, rightSerde, 0, 0), out: driver.createOutputTopic('out', I, S) }
}

describe('KStreamKStreamJoinTest (Kafka)', () => {
  for (const [kind, windows] of [
    ['join', JoinWindows.ofTimeDifferenceWithNoGrace(100)],
    ['outerJoin', JoinWindows.ofTimeDifferenceAndGrace(100, 24 * 3600_000)],
  ] as const) {
    it(kind === 'join' ? 'testJoin' : 'testOuterJoin', async () => {
      const { in1, in2, out } = streamJoin(kind, windows, S)
      for (const k of [0, 1]) await in1.pipeInput(k, `A${k}`)
      expect(drainKvt(out)).toEqual([])
      for (const k of [0, 1]) await in2.pipeInput(k, `a${k}`)
      expect(drainKvt(out)).toEqual([kvt(0, 'A0+a0', 0), kvt(1, 'A1+a1', 0)])
      for (const k of KEYS) await in1.pipeInput(k, `B${k}`)
      expect(drainKvt(out)).toEqual([kvt(0, 'B0+a0', 0), kvt(1, 'B1+a1', 0)])
      for (const k of KEYS) await in2.pipeInput(k, `b${k}`)
      expect(drainKvt(out)).toEqual([
        kvt(0, 'A0+b0', 0),
        kvt(0, 'B0+b0', 0),
        kvt(1, 'A1+b1', 0),
        kvt(1, 'B1+b1', 0),
        kvt(2, 'B2+b2', 0),
        kvt(3, 'B3+b3', 0),
      ])
      for (const k of KEYS) await in1.pipeInput(k, `C${k}`)
      expect(drainKvt(out)).toEqual([
        kvt(0, 'C0+a0', 0),
        kvt(0, 'C0+b0', 0),
        kvt(1, 'C1+a1', 0),
        kvt(1, 'C1+b1', 0),
        kvt(2, 'C2+b2', 0),
        kvt(3, 'C3+b3', 0),
      ])
      for (const k of [0, 1]) await in2.pipeInput(k, `c${k}`)
      expect(drainKvt(out)).toEqual([
        kvt(0, 'A0+c0', 0),
        kvt(0, 'B0+c0', 0),
        kvt(0, 'C0+c0', 0),
        kvt(1, 'A1+c1', 0),
        kvt(1, 'B1+c1', 0),
        kvt(1, 'C1+c1', 0),
      ])
    })
  }
})

describe('KStreamKStreamJoinTest asymmetric windows (Kafka)', () => {
  /** Each round pipes `<prefix><key>` for every key to topic2 at `time`, expecting the joins listed as `key:leftTs`. */
  type Round = [prefix: string, time: number, joined: [key: number, ts: number][]]

  async function runRounds(windows: JoinWindows, rounds: Round[]): Promise<void> {
    const { in1, in2, out } = streamJoin('join', windows, S)
    for (const k of KEYS) await in1.pipeInput(k, `A${k}`, 1000 + k)
    expect(drainKvt(out)).toEqual([])
    for (const [prefix, time, joined] of rounds) {
      for (const k of KEYS) await in2.pipeInput(k, `${prefix}${k}`, time)
      expect(drainKvt(out)).toEqual(joined.map(([k, ts]) => kvt(k, `A${k}+${prefix}${k}`, ts)))
    }
  }

  it('testAsymmetricWindowingAfter', async () => {
    await runRounds(JoinWindows.ofTimeDifferenceWithNoGrace(0).after(100), [
      ['a', 999, []],
      ['b', 1000, [[0, 1000]]],
      ['c', 1001, [[0, 1001], [1, 1001]]],
      ['d', 1002, [[0, 1002], [1, 1002], [2, 1002]]],
      ['e', 1003, [[0, 1003], [1, 1003], [2, 1003], [3, 1003]]],
      ['f', 1100, [[0, 1100], [1, 1100], [2, 1100], [3, 1100]]],
      ['g', 1101, [[1, 1101], [2, 1101], [3, 1101]]],
      ['h', 1102, [[2, 1102], [3, 1102]]],
      ['i', 1103, [[3, 1103]]],
      ['j', 1104, []],
    ])
  })

  it('testAsymmetricWindowingBefore', async () => {
    await runRounds(JoinWindows.ofTimeDifferenceWithNoGrace(0).before(100), [
      ['a', 899, []],
      ['b', 900, [[0, 1000]]],
      ['c', 901, [[0, 1000], [1, 1001]]],
      ['d', 902, [[0, 1000], [1, 1001], [2, 1002]]],
      ['e', 903, [[0, 1000], [1, 1001], [2, 1002], [3, 1003]]],
      ['f', 1000, [[0, 1000], [1, 1001], [2, 1002], [3, 1003]]],
      ['g', 1001, [[1, 1001], [2, 1002], [3, 1003]]],
      ['h', 1002, [[2, 1002], [3, 1003]]],
      ['i', 1003, [[3, 1003]]],
      ['j', 1004, []],
    ])
  })
})

describe('KStreamKStreamOuterJoinTest (Kafka)', () => {
  it('testOuterJoinDuplicates', async () => {
    const { in1, in2, out } = streamJoin('outerJoin', JoinWindows.ofTimeDifferenceAndGrace(100, 10), L)
    await in1.pipeInput(0, 'A0', 0)
    await in1.pipeInput(0, 'A0-0', 0)
    await in2.pipeInput(1, 11, 0)
    await in2.pipeInput(1, 12, 0)
    await in2.pipeInput(1, 10, 111)
    await in2.pipeInput(3, 100, 211)
    expect(drainKvt(out)).toEqual([kvt(1, 'null+11', 0), kvt(1, 'null+12', 0), kvt(0, 'A0+null', 0), kvt(0, 'A0-0+null', 0)])
    await in1.pipeInput(2, 'A2', 200)
    await in1.pipeInput(2, 'A2-0', 200)
    await in2.pipeInput(2, 13, 201)
    await in2.pipeInput(2, 14, 201)
    expect(drainKvt(out)).toEqual([kvt(2, 'A2+13', 201), kvt(2, 'A2-0+13', 201), kvt(2, 'A2+14', 201), kvt(2, 'A2-0+14', 201)])
    await in2.pipeInput(3, 100, 1500)
    expect(drainKvt(out)).toEqual([kvt(1, 'null+10', 111), kvt(3, 'null+100', 211)])
  })

  it('testRightExpiredNonJoinedRecordsAreEmittedByTheLeftProcessor', async () => {
    const { in1, in2, out } = streamJoin('outerJoin', JoinWindows.ofTimeDifferenceWithNoGrace(100), L)
    await in2.pipeInput(0, 10, 1)
    await in2.pipeInput(1, 11, 2)
    await in2.pipeInput(0, 12, 3)
    expect(drainKvt(out)).toEqual([])
    await in1.pipeInput(1, 'A1', 3)
    expect(drainKvt(out)).toEqual([kvt(1, 'A1+11', 3)])
    await in1.pipeInput(2, 'dummy', 401)
    expect(drainKvt(out)).toEqual([kvt(0, 'null+10', 1), kvt(0, 'null+12', 3)])
    await in2.pipeInput(2, 100, 402)
    expect(drainKvt(out)).toEqual([kvt(2, 'dummy+100', 402)])
  })

  it('testOrdering', async () => {
    const { in1, in2, out } = streamJoin('outerJoin', JoinWindows.ofTimeDifferenceWithNoGrace(100), L)
    await in1.pipeInput(0, 'A0', 0)
    await in1.pipeInput(1, 'A1', 100)
    expect(drainKvt(out)).toEqual([])
    await in2.pipeInput(1, 11, 110)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 0), kvt(1, 'A1+11', 110)])
  })
})

describe('KStreamKTableJoinTest / KStreamKTableLeftJoinTest (Kafka)', () => {
  function streamTable(left: boolean): { stream: TestInputTopic<number, string>; table: TestInputTopic<number, string | null>; out: TestOutputTopic<number, string> } {
    const b = new StreamsBuilder()
    const s = b.stream<number, string>('streamTopic', Consumed.with(I, S))
    const t = b.table<number, string>('tableTopic', Consumed.with(I, S))
    const joiner = (l: string, r: string | null): string => `${l}+${r}`
    ;(left ? s.leftJoin(t, joiner) : s.join(t, joiner)).to('out', Produced.with(I, S))
    driver = new TopologyTestDriver(b.build(), { defaultKeySerde: I, defaultValueSerde: S })
    return {
      stream: driver.createInputTopic('streamTopic', I, S, 0, 0),
      table: driver.createInputTopic<number, string | null>('tableTopic', I, S, 0, 0),
      out: driver.createOutputTopic('out', I, S),
    }
  }
  const pushToStream = async (t: TestInputTopic<number, string>, n: number, prefix: string) => {
    for (let i = 0; i < n; i++) await t.pipeInput(KEYS[i]!, `${prefix}${KEYS[i]}`, i)
  }
  let seed = 42
  const pushToTable = async (t: TestInputTopic<number, string | null>, n: number, prefix: string) => {
    // Kafka pipes these at random timestamps (table timestamps do not matter to the results);
    // a fixed pseudo-random sequence keeps the test deterministic
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      await t.pipeInput(KEYS[i]!, `${prefix}${KEYS[i]}`, seed)
    }
  }
  const pushNullValueToTable = async (t: TestInputTopic<number, string | null>) => {
    for (let i = 0; i < 2; i++) await t.pipeInput(KEYS[i]!, null)
  }

  it('shouldNotJoinWithEmptyTableOnStreamUpdates', async () => {
    const { stream, out } = streamTable(false)
    await pushToStream(stream, 2, 'X')
    expect(drainKvt(out)).toEqual([])
  })

  it('shouldNotJoinOnTableUpdates', async () => {
    const { stream, table, out } = streamTable(false)
    await pushToStream(stream, 2, 'X')
    expect(drainKvt(out)).toEqual([])
    await pushToTable(table, 2, 'Y')
    expect(drainKvt(out)).toEqual([])
    await pushToStream(stream, 4, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1)])
    await pushToTable(table, 4, 'YY')
    expect(drainKvt(out)).toEqual([])
    await pushToStream(stream, 4, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+YY0', 0), kvt(1, 'X1+YY1', 1), kvt(2, 'X2+YY2', 2), kvt(3, 'X3+YY3', 3)])
    await pushToTable(table, 4, 'YYY')
    expect(drainKvt(out)).toEqual([])
  })

  it('shouldJoinOnlyIfMatchFoundOnStreamUpdates', async () => {
    const { stream, table, out } = streamTable(false)
    await pushToTable(table, 2, 'Y')
    await pushToStream(stream, 4, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1)])
  })

  it('shouldClearTableEntryOnNullValueUpdates', async () => {
    const { stream, table, out } = streamTable(false)
    await pushToTable(table, 4, 'Y')
    await pushToStream(stream, 4, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1), kvt(2, 'X2+Y2', 2), kvt(3, 'X3+Y3', 3)])
    await pushNullValueToTable(table)
    expect(drainKvt(out)).toEqual([])
    await pushToStream(stream, 4, 'XX')
    expect(drainKvt(out)).toEqual([kvt(2, 'XX2+Y2', 2), kvt(3, 'XX3+Y3', 3)])
  })

  it('left join: shouldJoinRegardlessIfMatchFoundOnStreamUpdates / shouldClearTableEntryOnNullValueUpdates', async () => {
    const { stream, table, out } = streamTable(true)
    await pushToStream(stream, 2, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+null', 0), kvt(1, 'X1+null', 1)])
    await pushToTable(table, 2, 'Y')
    expect(drainKvt(out)).toEqual([])
    await pushToStream(stream, 4, 'X')
    expect(drainKvt(out)).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1), kvt(2, 'X2+null', 2), kvt(3, 'X3+null', 3)])
    await pushToTable(table, 4, 'YY')
    await pushNullValueToTable(table)
    await pushToStream(stream, 4, 'XX')
    expect(drainKvt(out)).toEqual([kvt(0, 'XX0+null', 0), kvt(1, 'XX1+null', 1), kvt(2, 'XX2+YY2', 2), kvt(3, 'XX3+YY3', 3)])
  })
})
