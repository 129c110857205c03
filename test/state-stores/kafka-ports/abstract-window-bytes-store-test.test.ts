/**
 * Ports of Kafka's `AbstractWindowBytesStoreTest` (run there against `RocksDBWindowStoreTest`
 * and `InMemoryWindowStoreTest`): the same inputs and expected outputs, on every engine ×
 * caching × logging stack built through `Stores.windowStoreBuilder`. Keys are Integers, values
 * Strings; WINDOW_SIZE 3, retention two 60 s segments, records starting 4 ms before the first
 * segment boundary, as in Kafka.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import { windowKeyOf, windowStartOf } from '../../../state-stores/internal/store-keys.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredWindowStore } from '../../../state-stores/layers/metered/metered-window-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness, type StackSpec } from '../contract/store-stacks.js'

const WINDOW_SIZE = 3
const SEGMENT_INTERVAL = 60_000
const RETENTION_PERIOD = 2 * SEGMENT_INTERVAL
const T = SEGMENT_INTERVAL - 4 // defaultStartTime

type W<K> = [K, number, number, string]
const wp = <K>(key: K, value: string, start: number, size = WINDOW_SIZE): W<K> => [key, start, start + size, value]
const zero = wp(0, 'zero', T)
const one = wp(1, 'one', T + 1)
const two = wp(2, 'two', T + 2)
const three = wp(3, 'three', T + 2)
const four = wp(4, 'four', T + 4)
const five = wp(5, 'five', T + 5)

function supplier(spec: StackSpec, name: string, retention: number, windowSize: number, retainDuplicates: boolean) {
  return spec.engine === 'leveldb'
    ? Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates)
    : Stores.inMemoryWindowStore(name, retention, windowSize, retainDuplicates)
}

async function windows<K>(it: KeyValueIterator<Windowed<K>, string>): Promise<Array<W<K>>> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

async function valuesOf(it: KeyValueIterator<number, string>): Promise<string[]> {
  return (await toArray(it)).map((e) => e.value).sort()
}

const sorted = (xs: string[]) => [...xs].sort()

describe.each(allStacks())('Kafka AbstractWindowBytesStoreTest ($label)', (spec) => {
  let h: Harness<MeteredWindowStore<unknown, string>>
  const open = async <K>(
    options: { retention?: number; windowSize?: number; retainDuplicates?: boolean; keySerde?: Serde<K> } = {},
  ): Promise<MeteredWindowStore<K, string>> => {
    const retention = options.retention ?? RETENTION_PERIOD
    const size = options.windowSize ?? WINDOW_SIZE
    const keySerde = (options.keySerde ?? Serdes.Integer()) as Serde<unknown>
    h = await openHarness(spec, () =>
      Stores.windowStoreBuilder(supplier(spec, 'window', retention, size, options.retainDuplicates ?? false), keySerde, Serdes.String()),
    )
    h.ctx.setRecordContext(1)
    return h.store as MeteredWindowStore<K, string>
  }
  afterEach(async () => {
    await h?.dispose()
  })

  const putFirstBatch = (s: MeteredWindowStore<number, string>) => {
    h.ctx.setRecordContext(T)
    s.put(0, 'zero', T)
    s.put(1, 'one', T + 1)
    s.put(2, 'two', T + 2)
    s.put(3, 'three', T + 2)
    s.put(4, 'four', T + 4)
    s.put(5, 'five', T + 5)
  }
  const putSecondBatch = (s: MeteredWindowStore<number, string>) => {
    s.put(2, 'two+1', T + 3)
    s.put(2, 'two+2', T + 4)
    s.put(2, 'two+3', T + 5)
    s.put(2, 'two+4', T + 6)
    s.put(2, 'two+5', T + 7)
    s.put(2, 'two+6', T + 8)
  }
  /** Changelog entries as `value@(start - T)` per key (Kafka's `entriesByKey`). */
  const entriesByKey = (): Map<number, string[]> => {
    const out = new Map<number, string[]>()
    for (const c of h.ctx.logged) {
      const key = windowKeyOf(c.key).readInt32BE(0)
      const entry = `${c.value === null ? null : c.value.toString()}@${windowStartOf(c.key) - T}`
      out.set(key, [...(out.get(key) ?? []), entry].sort())
    }
    return out
  }
  const expectFirstAndSecondBatchLogged = () => {
    if (!spec.logging) return
    const byKey = entriesByKey()
    expect(byKey.get(0)).toEqual(['zero@0'])
    expect(byKey.get(1)).toEqual(['one@1'])
    expect(byKey.get(2)).toEqual(sorted(['two@2', 'two+1@3', 'two+2@4', 'two+3@5', 'two+4@6', 'two+5@7', 'two+6@8']))
    expect(byKey.get(3)).toEqual(['three@2'])
    expect(byKey.get(4)).toEqual(['four@4'])
    expect(byKey.get(5)).toEqual(['five@5'])
    expect(byKey.get(6)).toBeUndefined()
  }

  it('testRangeAndSinglePointFetch', async () => {
    const s = await open<number>()
    putFirstBatch(s)
    expect(await valuesOf(s.fetch(0, T - WINDOW_SIZE, T + WINDOW_SIZE))).toEqual(['zero'])
    putSecondBatch(s)
    expect(s.fetch(2, T + 3)).toBe('two+1')
    expect(s.fetch(2, T + 4)).toBe('two+2')
    expect(s.fetch(2, T + 5)).toBe('two+3')
    expect(s.fetch(2, T + 6)).toBe('two+4')
    expect(s.fetch(2, T + 7)).toBe('two+5')
    expect(s.fetch(2, T + 8)).toBe('two+6')
    const expected: Array<[number, string[]]> = [
      [-2, []],
      [-1, ['two']],
      [0, ['two', 'two+1']],
      [1, ['two', 'two+1', 'two+2']],
      [2, ['two', 'two+1', 'two+2', 'two+3']],
      [3, ['two', 'two+1', 'two+2', 'two+3', 'two+4']],
      [4, ['two', 'two+1', 'two+2', 'two+3', 'two+4', 'two+5']],
      [5, ['two', 'two+1', 'two+2', 'two+3', 'two+4', 'two+5', 'two+6']],
      [6, ['two+1', 'two+2', 'two+3', 'two+4', 'two+5', 'two+6']],
      [7, ['two+2', 'two+3', 'two+4', 'two+5', 'two+6']],
      [8, ['two+3', 'two+4', 'two+5', 'two+6']],
      [9, ['two+4', 'two+5', 'two+6']],
      [10, ['two+5', 'two+6']],
      [11, ['two+6']],
      [12, []],
    ]
    for (const [d, values] of expected) {
      expect(await valuesOf(s.fetch(2, T + d - WINDOW_SIZE, T + d + WINDOW_SIZE)), `offset ${d}`).toEqual(sorted(values))
    }
    s.flush()
    expectFirstAndSecondBatchLogged()
  })

  it('shouldGetAll / shouldGetBackwardAll', async () => {
    const s = await open<number>()
    putFirstBatch(s)
    expect(await windows(s.all())).toEqual([zero, one, two, three, four, five])
    expect(await windows(s.backwardAll())).toEqual([five, four, three, two, one, zero])
  })

  it('shouldGetAllNonDeletedRecords', async () => {
    const s = await open<number>()
    s.put(0, 'zero', T)
    s.put(1, 'one', T + 1)
    s.put(2, 'two', T + 2)
    s.put(3, 'three', T + 3)
    s.put(4, 'four', T + 4)
    s.put(1, null, T + 1)
    s.put(3, null, T + 3)
    expect(await windows(s.all())).toEqual([zero, two, four])
  })

  it('shouldGetAllReturnTimestampOrderedRecords', async () => {
    const s = await open<number>()
    s.put(4, 'four', T + 4)
    s.put(0, 'zero', T)
    s.put(2, 'two', T + 2)
    s.put(3, 'three', T + 3)
    s.put(1, 'one', T + 1)
    expect(await windows(s.all())).toEqual([zero, one, two, wp(3, 'three', T + 3), four])
  })

  it('shouldEarlyClosedIteratorStillGetAllRecords', async () => {
    const s = await open<number>()
    s.put(0, 'zero', T)
    s.put(1, 'one', T + 1)
    const it = s.all()
    const first = await it.next()
    expect([first.value!.key.key, first.value!.key.window.start, first.value!.key.window.end, first.value!.value]).toEqual(zero)
    await it.close()
    expect(await windows(s.all())).toEqual([zero, one])
  })

  it('shouldFetchAllInTimeRange / shouldBackwardFetchAllInTimeRange', async () => {
    const s = await open<number>()
    putFirstBatch(s)
    expect(await windows(s.fetchAll(T + 1, T + 4))).toEqual([one, two, three, four])
    expect(await windows(s.fetchAll(T, T + 3))).toEqual([zero, one, two, three])
    expect(await windows(s.fetchAll(T + 1, T + 5))).toEqual([one, two, three, four, five])
    expect(await windows(s.backwardFetchAll(T + 1, T + 4))).toEqual([four, three, two, one])
    expect(await windows(s.backwardFetchAll(T, T + 3))).toEqual([three, two, one, zero])
    expect(await windows(s.backwardFetchAll(T + 1, T + 5))).toEqual([five, four, three, two, one])
  })

  it('testFetchRange / testBackwardFetchRange', async () => {
    const s = await open<number>()
    putFirstBatch(s)
    const cases: Array<[number | null, number | null, number, number, Array<W<number>>]> = [
      [0, 1, T - WINDOW_SIZE, T + WINDOW_SIZE, [zero, one]],
      [1, 1, T - WINDOW_SIZE, T + WINDOW_SIZE, [one]],
      [1, 3, T - WINDOW_SIZE, T + WINDOW_SIZE, [one, two, three]],
      [0, 5, T - WINDOW_SIZE, T + WINDOW_SIZE, [zero, one, two, three]],
      [0, 5, T - WINDOW_SIZE, T + WINDOW_SIZE + 5, [zero, one, two, three, four, five]],
      [0, 5, T + 2, T + WINDOW_SIZE + 5, [two, three, four, five]],
      [4, 5, T + 2, T + WINDOW_SIZE, []],
      [0, 3, T + 3, T + WINDOW_SIZE + 5, []],
      [null, 2, T - WINDOW_SIZE, T + WINDOW_SIZE + 2, [zero, one, two]],
      [2, null, T - WINDOW_SIZE, T + WINDOW_SIZE + 5, [two, three, four, five]],
      [null, null, T - WINDOW_SIZE, T + WINDOW_SIZE + 5, [zero, one, two, three, four, five]],
    ]
    for (const [from, to, tFrom, tTo, expected] of cases) {
      expect(await windows(s.fetchRange(from, to, tFrom, tTo)), `fetch(${from}, ${to}, ${tFrom}, ${tTo})`).toEqual(expected)
      // Kafka's own overload names on the store: fetch/backwardFetch(keyFrom, keyTo, timeFrom, timeTo).
      expect(await windows(s.fetch(from, to, tFrom, tTo))).toEqual(expected)
      expect(await windows(s.backwardFetch(from, to, tFrom, tTo))).toEqual([...expected].reverse())
      expect(await windows(s.backwardFetchRange(from, to, tFrom, tTo)), `backwardFetch(${from}, ${to}, ${tFrom}, ${tTo})`).toEqual(
        [...expected].reverse(),
      )
    }
  })

  for (const variant of ['Before', 'After'] as const) {
    it(`testPutAndFetch${variant}`, async () => {
      const s = await open<number>()
      // Before: [t - WINDOW_SIZE, t]; After: [t, t + WINDOW_SIZE].
      const fetch = (key: number, t: number) =>
        valuesOf(variant === 'Before' ? s.fetch(key, t - WINDOW_SIZE, t) : s.fetch(key, t, t + WINDOW_SIZE))
      putFirstBatch(s)
      expect(await fetch(0, T)).toEqual(['zero'])
      expect(await fetch(1, T + 1)).toEqual(['one'])
      expect(await fetch(2, T + 2)).toEqual(['two'])
      expect(await fetch(3, T + 3)).toEqual(variant === 'Before' ? ['three'] : [])
      expect(await fetch(4, T + 4)).toEqual(['four'])
      expect(await fetch(5, T + 5)).toEqual(['five'])
      putSecondBatch(s)
      const before: Array<[number, string[]]> = [
        [-1, []],
        [0, []],
        [1, []],
        [2, ['two']],
        [3, ['two', 'two+1']],
        [4, ['two', 'two+1', 'two+2']],
        [5, ['two', 'two+1', 'two+2', 'two+3']],
        [6, ['two+1', 'two+2', 'two+3', 'two+4']],
        [7, ['two+2', 'two+3', 'two+4', 'two+5']],
        [8, ['two+3', 'two+4', 'two+5', 'two+6']],
        [9, ['two+4', 'two+5', 'two+6']],
        [10, ['two+5', 'two+6']],
        [11, ['two+6']],
        [12, []],
        [13, []],
      ]
      const after: Array<[number, string[]]> = [
        [-2, []],
        [-1, ['two']],
        [0, ['two', 'two+1']],
        [1, ['two', 'two+1', 'two+2']],
        [2, ['two', 'two+1', 'two+2', 'two+3']],
        [3, ['two+1', 'two+2', 'two+3', 'two+4']],
        [4, ['two+2', 'two+3', 'two+4', 'two+5']],
        [5, ['two+3', 'two+4', 'two+5', 'two+6']],
        [6, ['two+4', 'two+5', 'two+6']],
        [7, ['two+5', 'two+6']],
        [8, ['two+6']],
        [9, []],
        [10, []],
        [11, []],
        [12, []],
      ]
      for (const [d, values] of variant === 'Before' ? before : after) {
        expect(await fetch(2, T + d), `offset ${d}`).toEqual(sorted(values))
      }
      s.flush()
      expectFirstAndSecondBatchLogged()
    })
  }

  it('testPutSameKeyTimestamp (retainDuplicates)', async () => {
    const s = await open<number>({ retainDuplicates: true })
    s.put(0, 'zero', T)
    expect(await valuesOf(s.fetch(0, T - WINDOW_SIZE, T + WINDOW_SIZE))).toEqual(['zero'])
    s.put(0, 'zero', T)
    s.put(0, 'zero+', T)
    s.put(0, 'zero++', T)
    const all = sorted(['zero', 'zero', 'zero+', 'zero++'])
    expect(await valuesOf(s.fetch(0, T - WINDOW_SIZE, T + WINDOW_SIZE))).toEqual(all)
    expect(await valuesOf(s.fetch(0, T + 1 - WINDOW_SIZE, T + 1 + WINDOW_SIZE))).toEqual(all)
    expect(await valuesOf(s.fetch(0, T + 2 - WINDOW_SIZE, T + 2 + WINDOW_SIZE))).toEqual(all)
    expect(await valuesOf(s.fetch(0, T + 3 - WINDOW_SIZE, T + 3 + WINDOW_SIZE))).toEqual(all)
    expect(await valuesOf(s.fetch(0, T + 4 - WINDOW_SIZE, T + 4 + WINDOW_SIZE))).toEqual([])
    s.flush()
    if (spec.logging) expect(entriesByKey().get(0)).toEqual(sorted(['zero@0', 'zero@0', 'zero+@0', 'zero++@0']))
  })

  it('shouldCloseOpenIteratorsWhenStoreIsClosedAndNotThrowInvalidStateStoreExceptionOnHasNext', async () => {
    const s = await open<number>()
    s.put(1, 'one', 1)
    s.put(1, 'two', 2)
    s.put(1, 'three', 3)
    const it = s.fetch(1, 1, 3)
    await s.close()
    expect((await it.next()).done).toBe(true)
    await it.close()
  })

  // Not a Kafka case (Kafka only closes before the first hasNext). With caching, entries the
  // iterator already took from the cache are still returned.
  if (!spec.caching) {
    it('ends an iterator already under way when the store is closed', async () => {
      const s = await open<number>()
      s.put(1, 'one', 1)
      s.put(1, 'two', 2)
      s.flush()
      await s.persist(1)
      s.put(1, 'three', 3)
      const it = s.fetch(1, 1, 3)
      expect((await it.next()).value).toEqual({ key: 1, value: 'one' })
      await s.close()
      expect((await it.next()).done).toBe(true)
      await it.close()
    })
  }

  it('shouldFetchAndIterateOverExactKeys (large windows and timestamps)', async () => {
    // Kafka uses 0x7a00000000000000; JavaScript numbers are exact up to 2^53.
    const big = 2 ** 52
    const s = await open<string>({ retention: big, windowSize: big, keySerde: Serdes.String() })
    s.put('a', '0001', 0)
    s.put('aa', '0002', 0)
    s.put('a', '0003', 1)
    s.put('aa', '0004', 1)
    s.put('a', '0005', big - 1)
    expect(await valuesOf(s.fetch('a', 0, Number.MAX_SAFE_INTEGER))).toEqual(['0001', '0003', '0005'])
    expect(await windows(s.fetchRange('a', 'a', 0, Number.MAX_SAFE_INTEGER))).toEqual([
      wp('a', '0001', 0, big),
      wp('a', '0003', 1, big),
      wp('a', '0005', big - 1, big),
    ])
    expect(await windows(s.fetchRange('aa', 'aa', 0, Number.MAX_SAFE_INTEGER))).toEqual([wp('aa', '0002', 0, big), wp('aa', '0004', 1, big)])
  })

  it('testDeleteAndUpdate', async () => {
    const s = await open<number>()
    s.put(1, 'one', 0)
    s.put(1, 'one v2', 0)
    const it = s.fetch(1, 0, 0)
    expect((await it.next()).value).toEqual({ key: 0, value: 'one v2' })
    await it.close()
    s.put(1, null, 0)
    expect(await toArray(s.fetch(1, 0, 0))).toEqual([])
  })

  it('shouldReturnNullOnWindowNotFound, and throws on null keys', async () => {
    const s = await open<number>()
    expect(s.fetch(1, 0)).toBeNull()
    expect(() => s.put(null as unknown as number, 'anyValue', 0)).toThrow(StoreArgumentError)
    expect(() => s.fetch(null as unknown as number, 1, 2)).toThrow(StoreArgumentError)
  })

  it('shouldFetchAndIterateOverExactBinaryKeys (retainDuplicates)', async () => {
    const s = await open<Buffer>({ retainDuplicates: true, keySerde: Serdes.Bytes() })
    const key1 = Buffer.from([0])
    const key2 = Buffer.from([0, 0])
    const key3 = Buffer.from([0, 0, 0])
    s.put(key1, '1', 0)
    s.put(key2, '2', 0)
    s.put(key3, '3', 0)
    s.put(key1, '4', 1)
    s.put(key2, '5', 1)
    s.put(key3, '6', 59999)
    s.put(key1, '7', 59999)
    s.put(key2, '8', 59999)
    s.put(key3, '9', 59999)
    expect(await valuesOf(s.fetch(key1, 0, Number.MAX_SAFE_INTEGER))).toEqual(['1', '4', '7'])
    expect(await valuesOf(s.fetch(key2, 0, Number.MAX_SAFE_INTEGER))).toEqual(['2', '5', '8'])
    expect(await valuesOf(s.fetch(key3, 0, Number.MAX_SAFE_INTEGER))).toEqual(['3', '6', '9'])
  })

  it('shouldReturnSameResultsForSingleKeyFetchAndEqualKeyRangeFetch', async () => {
    const s = await open<number>()
    s.put(1, 'one', 0)
    s.put(2, 'two', 1)
    s.put(2, 'two', 2)
    s.put(3, 'three', 3)
    const single = (await toArray(s.fetch(2, 0, 5))).map((e) => e.value)
    const ranged = (await toArray(s.fetchRange(2, 2, 0, 5))).map((e) => e.value)
    expect(single).toEqual(['two', 'two'])
    expect(ranged).toEqual(single)
  })

  it('shouldNotThrowInvalidRangeExceptionWithNegativeFromKey', async () => {
    const s = await open<number>()
    s.put(0, 'zero', 5)
    expect(await windows(s.fetchRange(-1, 1, 0, 10))).toEqual([])
    expect(await windows(s.backwardFetchRange(-1, 1, 0, 10))).toEqual([])
  })

  it('shouldMeasureExpiredRecords (the late record is dropped)', async () => {
    const s = await open<number>()
    s.put(1, 'initial record', 2 * RETENTION_PERIOD)
    s.put(1, 'late record', 0)
    s.put(1, 'another on-time record', RETENTION_PERIOD + 1)
    expect((await toArray(s.all())).map((e) => e.value)).toEqual(['another on-time record', 'initial record'])
  })

  it('shouldNotThrowExceptionWhenFetchRangeIsExpired', async () => {
    const s = await open<number>()
    s.put(1, 'one', 0)
    s.put(1, 'two', 4 * RETENTION_PERIOD)
    expect(await toArray(s.fetch(1, 0, 10))).toEqual([])
  })

  it('shouldNotThrowConcurrentModificationException (puts after the iterator is created are seen)', async () => {
    const s = await open<number>()
    let t = 0
    s.put(1, 'one', t)
    t += WINDOW_SIZE * 10
    s.put(1, 'two', t)
    const it = s.all()
    t += WINDOW_SIZE * 10
    s.put(1, 'three', t)
    t += WINDOW_SIZE * 10
    s.put(2, 'four', t)
    expect(await windows(it)).toEqual([wp(1, 'one', 0), wp(1, 'two', 30), wp(1, 'three', 60), wp(2, 'four', 90)])
  })

  // Kafka's key schema bounds start at Math.max(0, from): a negative time range start finds
  // the windows from 0 on, and a range ending before 0 finds nothing.
  it('fetches from a negative time as from 0', async () => {
    const s = await open<number>()
    s.put(1, 'zero', 0)
    s.put(1, 'five', 5)
    s.put(2, 'two', 2)
    expect((await toArray(s.fetch(1, -10, 10))).map((e) => [e.key, e.value])).toEqual([
      [0, 'zero'],
      [5, 'five'],
    ])
    expect((await toArray(s.backwardFetch(1, -10, 3))).map((e) => e.value)).toEqual(['zero'])
    expect(await windows(s.fetchRange(1, 2, -10, 2))).toEqual([wp(1, 'zero', 0), wp(2, 'two', 2)])
    // Key order on a persistent store, time order in memory (Kafka's engines' orders).
    expect((await windows(s.fetchAll(-10, 10))).map((w) => w[3])).toEqual(spec.engine === 'leveldb' ? ['zero', 'five', 'two'] : ['zero', 'two', 'five'])
    expect(await toArray(s.fetch(1, -10, -1))).toEqual([])
  })

  it('testFetchDuplicates', async () => {
    const s = await open<number>({ retainDuplicates: true })
    let t = 0
    s.put(1, 'one', t)
    s.put(1, 'one-2', t)
    t += WINDOW_SIZE * 10
    s.put(1, 'two', t)
    s.put(1, 'two-2', t)
    t += WINDOW_SIZE * 10
    s.put(1, 'three', t)
    s.put(1, 'three-2', t)
    expect((await toArray(s.fetch(1, 0, WINDOW_SIZE * 10))).map((e) => [e.key, e.value])).toEqual([
      [0, 'one'],
      [0, 'one-2'],
      [30, 'two'],
      [30, 'two-2'],
    ])
  })

  it('throws InvalidStateStoreError on a closed store (CachingPersistentWindowStoreTest)', async () => {
    const s = await open<number>()
    await s.close()
    expect(() => s.fetch(1, 0, 10)).toThrow(InvalidStateStoreError)
    expect(() => s.fetchRange(1, 2, 0, 10)).toThrow(InvalidStateStoreError)
    expect(() => s.put(1, 'a', 0)).toThrow(InvalidStateStoreError)
  })
})
