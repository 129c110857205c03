/**
 * Port of Kafka's `WindowStoreFetchTest` (there through a windowed count in the
 * TopologyTestDriver; here the same store contents written directly), plus the order Kafka's
 * engines give key-range scans when key order and time order disagree: a persistent (RocksDB)
 * store iterates each segment by key then time, an in-memory store by time then key.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredSessionStore } from '../../../state-stores/layers/metered/metered-session-store.js'
import type { MeteredWindowStore } from '../../../state-stores/layers/metered/metered-window-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const WINDOW_SIZE = 500
const RETENTION_MS = 10_000
const MAX = Number.MAX_SAFE_INTEGER

type Row = [string, number, number, number]
async function rows(it: KeyValueIterator<Windowed<string>, number>): Promise<Row[]> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

describe.each(allStacks())('Kafka WindowStoreFetchTest ($label)', (spec) => {
  let h: Harness<MeteredWindowStore<string, number>>
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.windowStoreBuilder(
        spec.engine === 'leveldb'
          ? Stores.persistentWindowStore('store', RETENTION_MS, WINDOW_SIZE, false)
          : Stores.inMemoryWindowStore('store', RETENTION_MS, WINDOW_SIZE, false),
        Serdes.String(),
        Serdes.Long(),
      ),
    )
    h.ctx.setRecordContext(0)
    return h.store
  }
  afterEach(async () => {
    await h?.dispose()
  })

  for (const forward of [true, false]) {
    it(`testStoreConfig (${forward ? 'forward' : 'backward'})`, async () => {
      const s = await open()
      // key-0, key-2 counted twice in window 0; key-4, key-6, key-8 twice in window 500.
      const expected: Row[] = [0, 1, 2, 3, 4].map((i) => {
        const start = i < 2 ? 0 : WINDOW_SIZE
        return [`key-${i * 2}`, start, start + WINDOW_SIZE, 2]
      })
      for (const [key, start] of expected) {
        s.put(key, 1, start)
        s.put(key, 2, start)
      }
      s.flush()
      const ordered = forward ? expected : [...expected].reverse()
      expect(await rows(forward ? s.fetchAll(0, MAX) : s.backwardFetchAll(0, MAX))).toEqual(ordered)
      expect(await rows(forward ? s.fetchRange(null, null, 0, MAX) : s.backwardFetchRange(null, null, 0, MAX))).toEqual(ordered)
      const testRange = async (from: string | null, to: string | null) => {
        const result = await rows(forward ? s.fetchRange(from, to, 0, MAX) : s.backwardFetchRange(from, to, 0, MAX))
        const all = await rows(forward ? s.fetchAll(0, MAX) : s.backwardFetchAll(0, MAX))
        expect(result).toEqual(all.filter((r) => (from === null || r[0] >= from) && (to === null || r[0] <= to)))
      }
      await testRange('key-2', 'key-6')
      await testRange(null, 'key-4')
      await testRange('key-4', null)
      await testRange(null, 'key-7')
      await testRange('key-1', null)
    })
  }

  it('orders key ranges by key then time on a persistent store, by time then key in memory (cache and store merged)', async () => {
    const s = await open()
    s.put('b', 1, 0)
    s.put('a', 2, 500)
    s.flush()
    await s.persist(1)
    s.put('a', 3, 0)
    s.put('b', 4, 500)
    const keyThenTime: Row[] = [
      ['a', 0, 500, 3],
      ['a', 500, 1000, 2],
      ['b', 0, 500, 1],
      ['b', 500, 1000, 4],
    ]
    const timeThenKey: Row[] = [
      ['a', 0, 500, 3],
      ['b', 0, 500, 1],
      ['a', 500, 1000, 2],
      ['b', 500, 1000, 4],
    ]
    const expected = spec.engine === 'leveldb' ? keyThenTime : timeThenKey
    expect(await rows(s.fetchRange('a', 'b', 0, 1000))).toEqual(expected)
    expect(await rows(s.backwardFetchRange('a', 'b', 0, 1000))).toEqual([...expected].reverse())
    expect(await rows(s.fetchAll(0, 1000))).toEqual(expected)
    expect(await rows(s.backwardFetchAll(0, 1000))).toEqual([...expected].reverse())
    expect(await rows(s.all())).toEqual(expected)
    expect(await rows(s.backwardAll())).toEqual([...expected].reverse())
    // A single key is in time order on every engine.
    expect((await toArray(s.fetch('a', 0, 1000))).map((e) => e.value)).toEqual([3, 2])
  })
})

describe.each(allStacks())('session key ranges in Kafka engine order ($label)', (spec) => {
  let h: Harness<MeteredSessionStore<string, number>>
  afterEach(async () => {
    await h?.dispose()
  })

  it('orders by key then end then start on a persistent store, by end then key then start in memory', async () => {
    h = await openHarness(spec, () =>
      Stores.sessionStoreBuilder(
        spec.engine === 'leveldb' ? Stores.persistentSessionStore('s', RETENTION_MS) : Stores.inMemorySessionStore('s', RETENTION_MS),
        Serdes.String(),
        Serdes.Long(),
      ),
    )
    h.ctx.setRecordContext(0)
    const s = h.store
    const sw = (key: string, start: number, end: number) => ({ key, window: { start, end } })
    s.put(sw('b', 0, 10), 1)
    s.put(sw('a', 20, 30), 2)
    s.flush()
    await s.persist(1)
    s.put(sw('a', 5, 10), 3)
    s.put(sw('a', 0, 10), 4)
    const keyFirst: Row[] = [
      ['a', 0, 10, 4],
      ['a', 5, 10, 3],
      ['a', 20, 30, 2],
      ['b', 0, 10, 1],
    ]
    const endFirst: Row[] = [
      ['a', 0, 10, 4],
      ['a', 5, 10, 3],
      ['b', 0, 10, 1],
      ['a', 20, 30, 2],
    ]
    const expected = spec.engine === 'leveldb' ? keyFirst : endFirst
    expect(await rows(s.findSessionsInRange('a', 'b', 0, 100))).toEqual(expected)
    expect(await rows(s.findSessionsInRange(null, null, 0, 100))).toEqual(expected)
    expect(await rows(s.backwardFindSessionsInRange('a', 'b', 0, 100))).toEqual([...expected].reverse())
    expect((await rows(s.findSessions('a', 0, 100))).map((r) => r[3])).toEqual([4, 3, 2])
  })
})
