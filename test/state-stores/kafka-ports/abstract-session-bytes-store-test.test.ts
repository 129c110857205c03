/**
 * Ports of Kafka's `AbstractSessionBytesStoreTest` (run there against the RocksDB and in-memory
 * session stores) plus the session cases of `CachingPersistentSessionStoreTest`: the same inputs
 * and expected outputs, on every engine × caching × logging stack. Keys are Strings, values Longs,
 * retention 10 s (segments of 60 s), as in Kafka.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredSessionStore } from '../../../state-stores/layers/metered/metered-session-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness, type StackSpec } from '../contract/store-stacks.js'

const SEGMENT_INTERVAL = 60_000
const RETENTION_PERIOD = 10_000
const MAX = Number.MAX_SAFE_INTEGER

type S<K, V> = [K, number, number, V]
const sw = <K>(key: K, start: number, end: number): Windowed<K> => ({ key, window: { start, end } })

function supplier(spec: StackSpec, name: string, retention: number) {
  return spec.engine === 'leveldb' ? Stores.persistentSessionStore(name, retention) : Stores.inMemorySessionStore(name, retention)
}

async function sessions<K, V>(it: KeyValueIterator<Windowed<K>, V>): Promise<Array<S<K, V>>> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

async function valueSet<K, V>(it: KeyValueIterator<Windowed<K>, V>): Promise<V[]> {
  return (await toArray(it)).map((e) => e.value).sort()
}

describe.each(allStacks())('Kafka AbstractSessionBytesStoreTest ($label)', (spec) => {
  let h: Harness<MeteredSessionStore<unknown, unknown>>
  const open = async <K = string, V = number>(
    options: { retention?: number; keySerde?: Serde<K>; valueSerde?: Serde<V> } = {},
  ): Promise<MeteredSessionStore<K, V>> => {
    const keySerde = (options.keySerde ?? Serdes.String()) as Serde<unknown>
    const valueSerde = (options.valueSerde ?? Serdes.Long()) as Serde<unknown>
    h = await openHarness(spec, () => Stores.sessionStoreBuilder(supplier(spec, 'session', options.retention ?? RETENTION_PERIOD), keySerde, valueSerde))
    h.ctx.setRecordContext(1)
    return h.store as MeteredSessionStore<K, V>
  }
  afterEach(async () => {
    await h?.dispose()
  })

  for (const backward of [false, true]) {
    const find = (s: MeteredSessionStore<string, number>, key: string, earliestEnd: number, latestStart: number) =>
      backward ? s.backwardFindSessions(key, earliestEnd, latestStart) : s.findSessions(key, earliestEnd, latestStart)
    const ordered = <T>(xs: T[]) => (backward ? [...xs].reverse() : xs)

    it(`should${backward ? 'Backward' : ''}PutAndFindSessionsInRange`, async () => {
      const s = await open()
      s.put(sw('a', 10, 10), 1)
      s.put(sw('a', 500, 1000), 2)
      s.put(sw('a', 1500, 2000), 1)
      s.put(sw('a', 2500, 3000), 2)
      expect(await sessions(find(s, 'a', 0, 1000))).toEqual(
        ordered([
          ['a', 10, 10, 1],
          ['a', 500, 1000, 2],
        ]),
      )
      expect(await sessions(find(s, 'a', 400, 600))).toEqual([['a', 500, 1000, 2]])
    })

    it(`should${backward ? 'Backward' : ''}FetchAllSessionsWithSameRecordKey`, async () => {
      const s = await open()
      const expected: Array<S<string, number>> = [
        ['a', 0, 0, 1],
        ['a', 10, 10, 2],
        ['a', 100, 100, 3],
        ['a', 1000, 1000, 4],
      ]
      for (const [k, st, en, v] of expected) s.put(sw(k, st, en), v)
      s.put(sw('aa', 0, 0), 5)
      expect(await sessions(backward ? s.backwardFetch('a') : s.fetch('a'))).toEqual(ordered(expected))
    })

    it(`should${backward ? 'Backward' : ''}FetchAllSessionsWithinKeyRange`, async () => {
      const s = await open()
      const expected: Array<S<string, number>> = [
        ['aa', 10, 10, 2],
        ['aaa', 100, 100, 3],
        ['aaaa', 100, 100, 6],
        ['b', 1000, 1000, 4],
        ['bb', 1500, 2000, 5],
      ]
      for (const [k, st, en, v] of expected) s.put(sw(k, st, en), v)
      s.put(sw('a', 0, 0), 1)
      s.put(sw('bbb', 2500, 3000), 6)
      if (!backward) {
        expect(await sessions(s.findSessionsInRange('aa', 'bb', 0, MAX))).toEqual(expected)
        expect(await sessions(s.findSessionsInRange(null, 'bb', 0, MAX))).toEqual([['a', 0, 0, 1], ...expected])
        expect(await sessions(s.findSessionsInRange('aa', null, 0, MAX))).toEqual([...expected, ['bbb', 2500, 3000, 6]])
        expect(await sessions(s.findSessionsInRange(null, null, 0, MAX))).toEqual([['a', 0, 0, 1], ...expected, ['bbb', 2500, 3000, 6]])
      } else {
        expect(await sessions(s.backwardFindSessionsInRange('aa', 'bb', 0, MAX))).toEqual([...expected].reverse())
        expect(await sessions(s.backwardFindSessionsInRange(null, 'bb', 0, MAX))).toEqual([['a', 0, 0, 1], ...expected].reverse())
        expect(await sessions(s.backwardFindSessionsInRange('aa', null, 0, MAX))).toEqual([...expected, ['bbb', 2500, 3000, 6]].reverse())
        expect(await sessions(s.backwardFindSessionsInRange(null, null, 0, MAX))).toEqual(
          [['a', 0, 0, 1], ...expected, ['bbb', 2500, 3000, 6]].reverse(),
        )
      }
    })

    it(`should${backward ? 'Backward' : ''}FindValuesWithinMergingSessionWindowRange`, async () => {
      const s = await open()
      s.put(sw('a', 0, 0), 1)
      s.put(sw('a', 1000, 1000), 2)
      expect(await sessions(find(s, 'a', -1, 1000))).toEqual(
        ordered([
          ['a', 0, 0, 1],
          ['a', 1000, 1000, 2],
        ]),
      )
    })

    it(`should${backward ? 'Backward' : ''}FindSessionsToMerge`, async () => {
      const s = await open()
      s.put(sw('a', 0, 100), 1)
      s.put(sw('a', 101, 200), 2)
      s.put(sw('a', 201, 300), 3)
      s.put(sw('a', 301, 400), 4)
      s.put(sw('a', 401, 500), 5)
      expect(await sessions(find(s, 'a', 150, 300))).toEqual(
        ordered([
          ['a', 101, 200, 2],
          ['a', 201, 300, 3],
        ]),
      )
    })

    it(`should${backward ? 'Backward' : ''}FetchExactKeys`, async () => {
      // Kafka uses a retention of 0x7a00000000000000; JavaScript numbers are exact up to 2^53.
      const big = 2 ** 52
      const s = await open({ retention: big })
      s.put(sw('a', 0, 0), 1)
      s.put(sw('aa', 0, 10), 2)
      s.put(sw('a', 10, 20), 3)
      s.put(sw('aa', 10, 20), 4)
      s.put(sw('a', big - 2, big - 1), 5)
      const range = (from: string | null, to: string | null, e: number, l: number) =>
        backward ? s.backwardFindSessionsInRange(from, to, e, l) : s.findSessionsInRange(from, to, e, l)
      expect(await valueSet(find(s, 'a', 0, MAX))).toEqual([1, 3, 5])
      expect(await valueSet(find(s, 'aa', 0, MAX))).toEqual([2, 4])
      expect(await valueSet(range('a', 'aa', 0, MAX))).toEqual([1, 2, 3, 4, 5])
      expect(await valueSet(range('a', 'aa', 10, 0))).toEqual([2])
      expect(await valueSet(range(null, 'aa', 0, MAX))).toEqual([1, 2, 3, 4, 5])
      expect(await valueSet(range('a', null, 0, MAX))).toEqual([1, 2, 3, 4, 5])
      expect(await valueSet(range(null, null, 0, MAX))).toEqual([1, 2, 3, 4, 5])
    })

    it(`should${backward ? 'Backward' : ''}FetchAndIterateOverExactBinaryKeys`, async () => {
      const s = await open<Buffer, string>({ keySerde: Serdes.Bytes(), valueSerde: Serdes.String() })
      const key1 = Buffer.from([0])
      const key2 = Buffer.from([0, 0])
      const key3 = Buffer.from([0, 0, 0])
      const keys = [key1, key2, key3]
      for (let i = 1; i <= 9; i++) s.put(sw(keys[(i - 1) % 3]!, i, 100), String(i))
      const findB = (k: Buffer) => (backward ? s.backwardFindSessions(k, 0, MAX) : s.findSessions(k, 0, MAX))
      expect(await valueSet(findB(key1))).toEqual(['1', '4', '7'])
      expect(await valueSet(findB(key2))).toEqual(['2', '5', '8'])
      expect(await valueSet(findB(key3))).toEqual(['3', '6', '9'])
    })
  }

  it("shouldFetchAllSessionsWithinKeyRange with Kafka's overloads: fetch(keyFrom, keyTo), findSessions(keyFrom, keyTo, ...)", async () => {
    const s = await open()
    const expected: Array<S<string, number>> = [
      ['aa', 10, 10, 2],
      ['aaa', 100, 100, 3],
      ['aaaa', 100, 100, 6],
      ['b', 1000, 1000, 4],
      ['bb', 1500, 2000, 5],
    ]
    for (const [k, st, en, v] of expected) s.put(sw(k, st, en), v)
    s.put(sw('a', 0, 0), 1)
    s.put(sw('bbb', 2500, 3000), 6)
    const a: S<string, number> = ['a', 0, 0, 1]
    const bbb: S<string, number> = ['bbb', 2500, 3000, 6]
    expect(await sessions(s.fetch('aa', 'bb'))).toEqual(expected)
    expect(await sessions(s.findSessions('aa', 'bb', 0, MAX))).toEqual(expected)
    expect(await sessions(s.fetch(null, 'bb'))).toEqual([a, ...expected])
    expect(await sessions(s.fetch('aa', null))).toEqual([...expected, bbb])
    expect(await sessions(s.fetch(null, null))).toEqual([a, ...expected, bbb])
    expect(await sessions(s.backwardFetch('aa', 'bb'))).toEqual([...expected].reverse())
    expect(await sessions(s.backwardFindSessions('aa', 'bb', 0, MAX))).toEqual([...expected].reverse())
    expect(await sessions(s.backwardFetch(null, null))).toEqual([a, ...expected, bbb].reverse())
    expect(() => s.fetch(null as unknown as string)).toThrow(StoreArgumentError)
  })

  // Kafka runs this on its in-memory store (its RocksDB session store throws
  // UnsupportedOperationException); tributary supports it on both engines.
  it('shouldFindSessionsForTimeRange', async () => {
    const s = await open()
    s.put(sw('a', 0, 0), 5)
    expect(await sessions(s.findSessions(0, 0))).toEqual([['a', 0, 0, 5]])
    s.put(sw('b', 10, 20), 10)
    s.put(sw('c', 30, 40), 20)
    expect(await sessions(s.findSessions(0, 20))).toEqual([
      ['a', 0, 0, 5],
      ['b', 10, 20, 10],
    ])
    expect(await sessions(s.findSessions(0, 19))).toEqual([['a', 0, 0, 5]])
    expect(await sessions(s.findSessions(1, 20))).toEqual([['b', 10, 20, 10]])
    expect(await sessions(s.findSessions(19, 41))).toEqual([
      ['b', 10, 20, 10],
      ['c', 30, 40, 20],
    ])
    expect(await sessions(s.findSessions(0, 40))).toEqual([
      ['a', 0, 0, 5],
      ['b', 10, 20, 10],
      ['c', 30, 40, 20],
    ])
  })

  it('shouldFetchExactSession / shouldReturnNullOnSessionNotFound', async () => {
    const s = await open()
    s.put(sw('a', 0, 4), 1)
    s.put(sw('aa', 0, 3), 2)
    s.put(sw('aa', 0, 4), 3)
    s.put(sw('aa', 1, 4), 4)
    s.put(sw('aaa', 0, 4), 5)
    expect(s.fetchSession('aa', 0, 4)).toBe(3)
    expect(s.fetchSession('any key', 0, 5)).toBeNull()
  })

  it('shouldRemove / shouldRemoveOnNullAggValue', async () => {
    const s = await open()
    s.put(sw('a', 0, 1000), 1)
    s.put(sw('a', 1500, 2500), 2)
    s.remove(sw('a', 0, 1000))
    expect(await sessions(s.findSessions('a', 0, 1000))).toEqual([])
    expect(await sessions(s.findSessions('a', 1500, 2500))).toHaveLength(1)
    s.put(sw('b', 0, 1000), 1)
    s.put(sw('b', 1500, 2500), 2)
    s.put(sw('b', 0, 1000), null)
    expect(await sessions(s.findSessions('b', 0, 1000))).toEqual([])
    expect(await sessions(s.findSessions('b', 1500, 2500))).toHaveLength(1)
  })

  it('shouldRestore (from its own changelog)', async () => {
    if (!spec.logging) return
    const s = await open()
    const expected: Array<S<string, number>> = [
      ['a', 0, 0, 1],
      ['a', 10, 10, 2],
      ['a', 100, 100, 3],
      ['a', 1000, 1000, 4],
    ]
    for (const [k, st, en, v] of expected) s.put(sw(k, st, en), v)
    expect(await sessions(s.fetch('a'))).toEqual(expected)
    s.flush()
    const log = [...h.ctx.logged]
    await h.dispose()
    const r = await open()
    expect(await sessions(r.fetch('a'))).toEqual([])
    await h.ctx.restoreFromLog('session', log)
    expect(await sessions(r.fetch('a'))).toEqual(expected)
  })

  it('shouldCloseOpenIteratorsWhenStoreIsClosedAndNotThrowInvalidStateStoreExceptionOnHasNext', async () => {
    const s = await open()
    s.put(sw('a', 0, 0), 1)
    s.put(sw('b', 10, 50), 2)
    s.put(sw('c', 100, 500), 3)
    const it = s.fetch('a')
    await s.close()
    expect((await it.next()).done).toBe(true)
    await it.close()
  })

  it('shouldReturnSameResultsForSingleKeyFindSessionsAndEqualKeyRangeFindSessions', async () => {
    const s = await open()
    s.put(sw('a', 0, 1), 0)
    s.put(sw('aa', 2, 3), 1)
    s.put(sw('aa', 4, 5), 2)
    s.put(sw('aaa', 6, 7), 3)
    const single = await sessions(s.findSessions('aa', 0, 10))
    expect(single).toEqual([
      ['aa', 2, 3, 1],
      ['aa', 4, 5, 2],
    ])
    expect(await sessions(s.findSessionsInRange('aa', 'aa', 0, 10))).toEqual(single)
  })

  it('shouldMeasureExpiredRecords (the late session is dropped)', async () => {
    const s = await open()
    s.put(sw('initial record', 0, 2 * SEGMENT_INTERVAL), 0)
    s.put(sw('late record', 0, 0), 0)
    s.put(sw('another on-time record', 0, 2 * SEGMENT_INTERVAL), 0)
    expect((await sessions(s.findSessionsInRange(null, null, 0, MAX))).map((e) => e[0])).toEqual(['another on-time record', 'initial record'])
  })

  it('shouldNotThrowExceptionRemovingNonexistentKey, and throws on null keys', async () => {
    const s = await open()
    s.remove(sw('a', 0, 1))
    expect(() => s.findSessions(null as unknown as string, 1, 2)).toThrow(StoreArgumentError)
    expect(() => s.fetch(null as unknown as string)).toThrow(StoreArgumentError)
    expect(() => s.remove(null as unknown as Windowed<string>)).toThrow(StoreArgumentError)
    expect(() => s.put(null as unknown as Windowed<string>, 1)).toThrow(StoreArgumentError)
  })

  it('shouldNotThrowInvalidRangeExceptionWithNegativeFromKey', async () => {
    const s = await open()
    const keyFrom = Serdes.Integer().serializer.serialize('', -1)!.toString('latin1')
    const keyTo = Serdes.Integer().serializer.serialize('', 1)!.toString('latin1')
    s.put(sw('a', 0, 0), 1)
    expect(await sessions(s.findSessionsInRange(keyFrom, keyTo, 0, 10))).toEqual([])
  })

  it('shouldRemoveExpired', async () => {
    const s = await open()
    s.put(sw('a', 0, 0), 1)
    if (spec.engine === 'in-memory') {
      s.put(sw('aa', 0, 10), 2)
      s.put(sw('a', 10, 20), 3)
      s.put(sw('aa', 10, RETENTION_PERIOD), 4)
      expect(await valueSet(s.findSessionsInRange('a', 'b', 0, MAX))).toEqual([2, 3, 4])
    } else {
      s.put(sw('aa', 0, SEGMENT_INTERVAL), 2)
      s.put(sw('a', 10, SEGMENT_INTERVAL), 3)
      s.put(sw('aa', 10, 2 * SEGMENT_INTERVAL), 4)
      expect(await valueSet(s.findSessionsInRange('a', 'b', 0, MAX))).toEqual([4])
    }
  })

  it('shouldNotFetchExpiredSessions', async () => {
    const s = await open()
    const now = 1_700_000_000_000
    const R = RETENTION_PERIOD
    s.put(sw('p', now - 3 * R, now - 2 * R), 1)
    s.put(sw('q', now - 2 * R, now - R), 4)
    s.put(sw('r', now - R, now - R / 2), 3)
    s.put(sw('p', now - R, now - R / 2), 2)
    expect(await valueSet(s.findSessions('p', now - 2 * R, now - R))).toEqual([2])
    expect(await valueSet(s.backwardFindSessions('p', now - 5 * R, now - 4 * R))).toEqual([])
    expect(await valueSet(s.findSessionsInRange('p', 'r', now - 5 * R, now - 4 * R))).toEqual([])
    expect(await valueSet(s.findSessionsInRange('p', 'r', now - R, now - R / 2))).toEqual([2, 3, 4])
    expect(await valueSet(s.findSessionsInRange('p', 'r', now - 2 * R, now - R))).toEqual([2, 3, 4])
    expect(await valueSet(s.backwardFindSessionsInRange('p', 'r', now - 2 * R, now - R))).toEqual([2, 3, 4])
  })

  it('throws InvalidStateStoreError on a closed store (CachingPersistentSessionStoreTest)', async () => {
    const s = await open()
    await s.close()
    expect(() => s.fetch('a')).toThrow(InvalidStateStoreError)
    expect(() => s.findSessions('a', 0, 10)).toThrow(InvalidStateStoreError)
    expect(() => s.remove(sw('a', 0, 0))).toThrow(InvalidStateStoreError)
    expect(() => s.put(sw('a', 0, 0), 1)).toThrow(InvalidStateStoreError)
  })
})
