/**
 * Ported from Kafka Streams' KStreamKStreamLeftJoinTest: left joins with the spurious-result fix
 * (non-joined left records wait until their window closed, grace included). Same inputs and
 * expected outputs with timestamps; the driver runs with its defaults (no emit throttling).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Consumed, JoinWindows, Produced, StreamJoined, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const I = Serdes.Integer()
const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

interface Setup {
  in1: TestInputTopic<number, string>
  in2: TestInputTopic<number, string>
  out: TestOutputTopic<number, string>
  d: TopologyTestDriver
}

/** topic1 leftJoin topic2 with MockValueJoiner.TOSTRING_JOINER (`left+right`), results to "out". */
function leftJoin(windows: JoinWindows): Setup {
  const b = new StreamsBuilder()
  const s1 = b.stream<number, string>('topic1', Consumed.with(I, S))
  const s2 = b.stream<number, string>('topic2', Consumed.with(I, S))
  s1.leftJoin(s2, (l, r) => `${l}+${r}`, windows, StreamJoined.with(I, S, S)).to('out', Produced.with(I, S))
  const d = new TopologyTestDriver(b.build(), { defaultKeySerde: S, defaultValueSerde: S })
  driver = d
  return {
    d,
    in1: d.createInputTopic('topic1', I, S, 0, 0),
    in2: d.createInputTopic('topic2', I, S, 0, 0),
    out: d.createOutputTopic('out', I, S),
  }
}

const KEYS = [0, 1, 2, 3]

describe('KStreamKStreamLeftJoinTest (Kafka)', () => {
  it('testLeftJoinDuplicates', async () => {
    const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceAndGrace(100, 10))
    await in1.pipeInput(0, 'A0', 0)
    await in1.pipeInput(0, 'A0-0', 0)
    await in2.pipeInput(1, 'a0', 111)
    await in2.pipeInput(2, 'dummy', 500)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 0), kvt(0, 'A0-0+null', 0)])
    await in1.pipeInput(2, 'A2', 1000)
    await in1.pipeInput(2, 'A2-0', 1000)
    await in2.pipeInput(2, 'a2', 1001)
    expect(drainKvt(out)).toEqual([kvt(2, 'A2+a2', 1001), kvt(2, 'A2-0+a2', 1001)])
    await in2.pipeInput(3, 'a3', 315)
    expect(drainKvt(out)).toEqual([])
  })

  for (const side of ['Left', 'Right'] as const) {
    it(`testLeftExpiredNonJoinedRecordsAreEmittedByThe${side}Processor`, async () => {
      const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceAndGrace(100, 0))
      await in1.pipeInput(0, 'A0', 1)
      await in1.pipeInput(1, 'A1', 2)
      await in1.pipeInput(0, 'A0-0', 3)
      expect(drainKvt(out)).toEqual([])
      await in2.pipeInput(1, 'a1', 3)
      expect(drainKvt(out)).toEqual([kvt(1, 'A1+a1', 3)])
      await (side === 'Left' ? in1 : in2).pipeInput(2, 'dummy', 401)
      expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 1), kvt(0, 'A0-0+null', 3)])
      const last = side === 'Left' ? 401 : 402
      await (side === 'Left' ? in2 : in1).pipeInput(2, 'dummy', last)
      expect(drainKvt(out)).toEqual([kvt(2, 'dummy+dummy', last)])
    })

    it(`testRightNonJoinedRecordsAreNeverEmittedByThe${side}Processor`, async () => {
      const { in1, in2, out } = leftJoin(
        side === 'Left' ? JoinWindows.ofTimeDifferenceAndGrace(100, 0) : JoinWindows.ofTimeDifferenceWithNoGrace(100),
      )
      await in2.pipeInput(0, 'A0', 1)
      await in2.pipeInput(1, 'A1', 2)
      await in2.pipeInput(0, 'A0-0', 3)
      expect(drainKvt(out)).toEqual([])
      await in1.pipeInput(1, 'a1', 3)
      expect(drainKvt(out)).toEqual([kvt(1, 'a1+A1', 3)])
      await (side === 'Left' ? in1 : in2).pipeInput(2, 'dummy', 401)
      expect(drainKvt(out)).toEqual([])
      await (side === 'Left' ? in2 : in1).pipeInput(2, 'dummy', 402)
      expect(drainKvt(out)).toEqual([kvt(2, 'dummy+dummy', 402)])
    })
  }

  it('testLeftJoinedRecordsWithZeroAfterAreEmitted', async () => {
    const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceWithNoGrace(100).after(0))
    for (const k of KEYS) await in1.pipeInput(k, `A${k}`, 1000 + k)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 1000), kvt(1, 'A1+null', 1001), kvt(2, 'A2+null', 1002)])
    for (const k of KEYS) await in2.pipeInput(k, `a${k}`, 999)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+a0', 1000), kvt(1, 'A1+a1', 1001), kvt(2, 'A2+a2', 1002), kvt(3, 'A3+a3', 1003)])
    for (const k of KEYS) await in2.pipeInput(k, `b${k}`, 1000)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+b0', 1000), kvt(1, 'A1+b1', 1001), kvt(2, 'A2+b2', 1002), kvt(3, 'A3+b3', 1003)])
    for (const k of KEYS) await in2.pipeInput(k, `c${k}`, 1001)
    expect(drainKvt(out)).toEqual([kvt(1, 'A1+c1', 1001), kvt(2, 'A2+c2', 1002), kvt(3, 'A3+c3', 1003)])
    for (const k of KEYS) await in2.pipeInput(k, `d${k}`, 1002)
    expect(drainKvt(out)).toEqual([kvt(2, 'A2+d2', 1002), kvt(3, 'A3+d3', 1003)])
    for (const k of KEYS) await in2.pipeInput(k, `e${k}`, 1003)
    expect(drainKvt(out)).toEqual([kvt(3, 'A3+e3', 1003)])
    for (const k of KEYS) await in2.pipeInput(k, `f${k}`, 1100)
    expect(drainKvt(out)).toEqual([])
  })

  it('testLeftJoinWithDefaultSuppliers (runLeftJoin)', async () => {
    const { d, in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceWithNoGrace(100))
    // two window stores and the outer-join store
    await d.settled() // persistent stores open asynchronously
    expect(d.getAllStateStores().size).toBe(3)
    for (const k of [0, 1]) await in1.pipeInput(k, `A${k}`)
    expect(drainKvt(out)).toEqual([])
    for (const k of [0, 1]) await in2.pipeInput(k, `a${k}`)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+a0', 0), kvt(1, 'A1+a1', 0)])
    for (const k of [0, 1, 2]) await in1.pipeInput(k, `B${k}`)
    expect(drainKvt(out)).toEqual([kvt(0, 'B0+a0', 0), kvt(1, 'B1+a1', 0)])
    for (const k of KEYS) await in2.pipeInput(k, `b${k}`)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+b0', 0), kvt(0, 'B0+b0', 0), kvt(1, 'A1+b1', 0), kvt(1, 'B1+b1', 0), kvt(2, 'B2+b2', 0)])
    for (const k of KEYS) await in1.pipeInput(k, `C${k}`)
    expect(drainKvt(out)).toEqual([
      kvt(0, 'C0+a0', 0),
      kvt(0, 'C0+b0', 0),
      kvt(1, 'C1+a1', 0),
      kvt(1, 'C1+b1', 0),
      kvt(2, 'C2+b2', 0),
      kvt(3, 'C3+b3', 0),
    ])
    await in1.pipeInput(0, 'dummy', 1000)
    expect(drainKvt(out)).toEqual([])
  })

  it('testOrdering', async () => {
    const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceWithNoGrace(100))
    await in1.pipeInput(0, 'A0', 0)
    await in1.pipeInput(1, 'A1', 100)
    expect(drainKvt(out)).toEqual([])
    await in2.pipeInput(1, 'a1', 110)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 0), kvt(1, 'A1+a1', 110)])
  })

  it('testGracePeriod', async () => {
    const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceAndGrace(100, 10))
    for (const k of [0, 1]) await in1.pipeInput(k, `A${k}`, 0)
    expect(drainKvt(out)).toEqual([])
    for (const k of KEYS) await in2.pipeInput(k, `a${k}`, 101)
    expect(drainKvt(out)).toEqual([])
    await in2.pipeInput(0, 'dummy', 1201)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+null', 0), kvt(1, 'A1+null', 0)])
  })

  it('shouldNotEmitLeftJoinResultForAsymmetricWindow', async () => {
    const { in1, in2, out } = leftJoin(JoinWindows.ofTimeDifferenceWithNoGrace(100).before(0))
    for (const i of [0, 1]) await in1.pipeInput(KEYS[i]!, `A${KEYS[i]}`, i)
    expect(drainKvt(out)).toEqual([])
    await in2.pipeInput(0, 'a0', 100)
    expect(drainKvt(out)).toEqual([kvt(0, 'A0+a0', 100)])
    await in2.pipeInput(1, 'a1', 102)
    expect(drainKvt(out)).toEqual([kvt(1, 'A1+null', 1)])
  })
})
