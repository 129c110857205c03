/**
 * Ported from Kafka Streams' KStreamGlobalKTableJoinTest: the stream's value names the global
 * table key (`value,FKeyN`); stream timestamps auto-advance by 1 ms, as in the Kafka test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { Consumed, Produced, StreamsBuilder } from '../../../dsl/index.js'
import { TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '../../../src/test-driver/index.js'
import { drainKvt, kvt } from './helpers.js'

const I = Serdes.Integer()
const S = Serdes.String()
const KEYS = [0, 1, 2, 3]
let driver: TopologyTestDriver
let stream: TestInputTopic<number | null, string>
let table: TestInputTopic<string, string | null>
let out: TestOutputTopic<number | null, string>

beforeEach(() => {
  const b = new StreamsBuilder()
  const s = b.stream<number, string>('streamTopic', Consumed.with(I, S))
  const g = b.globalTable<string, string>('globalTableTopic', Consumed.with(S, S))
  s.join(
    g,
    (_k, v) => {
      const tokens = v.split(',')
      return (tokens.length > 1 ? tokens[1] : null) as string
    },
    (v1, v2) => `${v1}+${v2}`,
  ).to('out', Produced.with(I, S))
  driver = new TopologyTestDriver(b.build(), { defaultKeySerde: I, defaultValueSerde: S })
  stream = driver.createInputTopic<number | null, string>('streamTopic', I, S, 0, 1)
  table = driver.createInputTopic<string, string | null>('globalTableTopic', S, S)
  out = driver.createOutputTopic<number | null, string>('out', I, S)
})

afterEach(async () => {
  await driver.close()
})

async function pushToStream(n: number, prefix: string, includeForeignKey: boolean, includeNullKey: boolean): Promise<void> {
  for (let i = 0; i < n; i++) {
    const value = includeForeignKey ? `${prefix}${KEYS[i]},FKey${KEYS[i]}` : `${prefix}${KEYS[i]}`
    await stream.pipeInput(includeNullKey && i === 0 ? null : KEYS[i]!, value)
  }
}

async function pushToGlobalTable(n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) await table.pipeInput(`FKey${KEYS[i]}`, `${prefix}${KEYS[i]}`)
}

async function pushNullValueToGlobalTable(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await table.pipeInput(`FKey${KEYS[i]}`, null)
}

describe('KStreamGlobalKTableJoinTest (Kafka)', () => {
  it('shouldNotJoinWithEmptyGlobalTableOnStreamUpdates', async () => {
    await pushToStream(2, 'X', true, false)
    expect(drainKvt(out)).toEqual([])
  })

  it('shouldNotJoinOnGlobalTableUpdates', async () => {
    await pushToStream(2, 'X', true, false)
    expect(drainKvt(out)).toEqual([])
    await pushToGlobalTable(2, 'Y')
    expect(drainKvt(out)).toEqual([])
    await pushToStream(4, 'X', true, false)
    expect(drainKvt(out)).toEqual([kvt(0, 'X0,FKey0+Y0', 2), kvt(1, 'X1,FKey1+Y1', 3)])
    await pushToGlobalTable(4, 'YY')
    expect(drainKvt(out)).toEqual([])
    await pushToStream(4, 'X', true, false)
    expect(drainKvt(out)).toEqual([kvt(0, 'X0,FKey0+YY0', 6), kvt(1, 'X1,FKey1+YY1', 7), kvt(2, 'X2,FKey2+YY2', 8), kvt(3, 'X3,FKey3+YY3', 9)])
    await pushToGlobalTable(4, 'YYY')
    expect(drainKvt(out)).toEqual([])
  })

  it('shouldJoinOnlyIfMatchFoundOnStreamUpdates', async () => {
    await pushToGlobalTable(2, 'Y')
    await pushToStream(4, 'X', true, false)
    expect(drainKvt(out)).toEqual([kvt(0, 'X0,FKey0+Y0', 0), kvt(1, 'X1,FKey1+Y1', 1)])
  })

  it('shouldClearGlobalTableEntryOnNullValueUpdates', async () => {
    await pushToGlobalTable(4, 'Y')
    await pushToStream(4, 'X', true, false)
    expect(drainKvt(out)).toEqual([kvt(0, 'X0,FKey0+Y0', 0), kvt(1, 'X1,FKey1+Y1', 1), kvt(2, 'X2,FKey2+Y2', 2), kvt(3, 'X3,FKey3+Y3', 3)])
    await pushNullValueToGlobalTable(2)
    expect(drainKvt(out)).toEqual([])
    await pushToStream(4, 'XX', true, false)
    expect(drainKvt(out)).toEqual([kvt(2, 'XX2,FKey2+Y2', 6), kvt(3, 'XX3,FKey3+Y3', 7)])
  })

  it('shouldNotJoinOnNullKeyMapperValues', async () => {
    await pushToGlobalTable(4, 'Y')
    await pushToStream(4, 'XXX', false, false)
    expect(drainKvt(out)).toEqual([])
  })

  it('shouldJoinOnNullKeyWithNonNullKeyMapperValues', async () => {
    await pushToGlobalTable(2, 'Y')
    await pushToStream(4, 'X', true, true)
    expect(drainKvt(out)).toEqual([kvt(null, 'X0,FKey0+Y0', 0), kvt(1, 'X1,FKey1+Y1', 1)])
  })
})
