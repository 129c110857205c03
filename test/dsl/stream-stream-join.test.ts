/**
 * Stream-stream joins against the "Semantics of stream-stream joins" table of Kafka's DSL
 * documentation (join window 15 s, grace 5 s; all records share one key). The table rounds: in
 * Kafka's code a non-joined record is emitted once stream time passes its window end + grace by
 * at least 1 ms, so the three late inputs (documented at 60, 80, 100 s) are piped at 61, 82 and
 * 103 s, which yields exactly the documented results.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Consumed, JoinWindows, StreamJoined, StreamsBuilder } from '../../dsl/index.js'
import type { TopologyTestDriver } from '../../src/test-driver/index.js'
import { drain, driverFor } from './helpers/driver.js'

const S = Serdes.String()
let driver: TopologyTestDriver | null = null

afterEach(async () => {
  await driver?.close()
  driver = null
})

type Row = [seconds: number, side: 'L' | 'R', value: string | null]
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
  [40, 'L', 'E'],
  [61, 'L', 'F'],
  [82, 'R', 'f'],
  [103, 'L', 'G'],
]

const INNER: Record<number, string[]> = {
  4: ['[A, a]'],
  5: ['[B, a]'],
  6: ['[A, b]', '[B, b]'],
  9: ['[C, a]', '[C, b]'],
  10: ['[A, c]', '[B, c]', '[C, c]'],
  14: ['[A, d]', '[B, d]', '[C, d]'],
  15: ['[D, a]', '[D, b]', '[D, c]', '[D, d]'],
}

async function joinResults(type: 'join' | 'leftJoin' | 'outerJoin'): Promise<Map<number, string[]>> {
  const b = new StreamsBuilder()
  const left = b.stream<string, string>('left', Consumed.with(S, S))
  const right = b.stream<string, string>('right', Consumed.with(S, S))
  const joiner = (l: string | null, r: string | null): string => `[${l}, ${r}]`
  const windows = JoinWindows.ofTimeDifferenceAndGrace(15_000, 5_000)
  const joined = StreamJoined.with(S, S, S)
  if (type === 'join') left.join(right, joiner, windows, joined).to('out')
  else if (type === 'leftJoin') left.leftJoin(right, joiner, windows, joined).to('out')
  else left.outerJoin(right, joiner, windows, joined).to('out')
  driver = driverFor(b.build())
  const l = driver.createInputTopic('left', S, S)
  const r = driver.createInputTopic('right', S, S)
  const out = driver.createOutputTopic('out', S, S)
  const results = new Map<number, string[]>()
  for (const [seconds, side, value] of ROWS) {
    await (side === 'L' ? l : r).pipeInput('k', value as string, seconds * 1000)
    const got = drain(out)
    if (got.length > 0) results.set(seconds, got.map((g) => g.value))
  }
  return results
}

describe('stream-stream join (Kafka docs semantics)', () => {
  it('inner join matches the documented results', async () => {
    expect(Object.fromEntries(await joinResults('join'))).toEqual(INNER)
  })

  it('left join emits unmatched left records only after their window closed', async () => {
    expect(Object.fromEntries(await joinResults('leftJoin'))).toEqual({ ...INNER, 61: ['[E, null]'], 82: ['[F, null]'] })
  })

  it('outer join emits unmatched records of both sides after their windows closed', async () => {
    expect(Object.fromEntries(await joinResults('outerJoin'))).toEqual({ ...INNER, 61: ['[E, null]'], 82: ['[F, null]'], 103: ['[null, f]'] })
  })

  it('timestamps are the max of the joined records, or the unmatched record for left/outer results', async () => {
    const b = new StreamsBuilder()
    const left = b.stream<string, string>('left', Consumed.with(S, S))
    const right = b.stream<string, string>('right', Consumed.with(S, S))
    left.leftJoin(right, (l, r) => `${l}+${r}`, JoinWindows.ofTimeDifferenceWithNoGrace(10)).to('out')
    driver = driverFor(b.build())
    const l = driver.createInputTopic('left', S, S)
    const r = driver.createInputTopic('right', S, S)
    await l.pipeInput('k', 'A', 100)
    await r.pipeInput('k', 'a', 105)
    await l.pipeInput('k', 'B', 200)
    await l.pipeInput('k', 'C', 300)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([
      { key: 'k', value: 'A+a', timestamp: 105 },
      { key: 'k', value: 'B+null', timestamp: 200 },
    ])
  })

  it('repartitions a side whose key changed through <name>-left-repartition and co-partitions the join', async () => {
    const b = new StreamsBuilder()
    const left = b.stream<string, string>('left', Consumed.with(S, S)).selectKey((_k, v) => v)
    const right = b.stream<string, string>('right', Consumed.with(S, S))
    left.join(right, (l, r) => `${l}+${r}`, JoinWindows.ofTimeDifferenceWithNoGrace(10), StreamJoined.with(S, S, S).withName('j')).to('out')
    const topology = b.build()
    expect(topology.describe().toString()).toContain('(topic: j-left-repartition)')
    driver = driverFor(topology)
    await driver.createInputTopic('right', S, S).pipeInput('x', 'r', 1)
    await driver.createInputTopic('left', S, S).pipeInput('ignored', 'x', 2)
    expect(drain(driver.createOutputTopic('out', S, S))).toEqual([{ key: 'x', value: 'x+r', timestamp: 2 }])
  })
})
