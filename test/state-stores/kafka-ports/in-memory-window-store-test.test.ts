/**
 * Ports of Kafka's `InMemoryWindowStoreTest` and `InMemorySessionStoreTest` (restore, expiry,
 * iterators opened before a put that expires their data), on the in-memory stacks.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import { windowStoreKey } from '../../../state-stores/internal/store-keys.js'
import type { MeteredSessionStore } from '../../../state-stores/layers/metered/metered-session-store.js'
import type { MeteredWindowStore } from '../../../state-stores/layers/metered/metered-window-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const WINDOW_SIZE = 3
const RETENTION_PERIOD = 2 * 60_000
const int = (k: number) => Serdes.Integer().serializer.serialize('t', k)!

const inMemoryStacks = allStacks().filter((s) => s.engine === 'in-memory')

describe.each(inMemoryStacks)('Kafka InMemoryWindowStoreTest ($label)', (spec) => {
  let h: Harness<MeteredWindowStore<number, string>>
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.windowStoreBuilder(Stores.inMemoryWindowStore('window', RETENTION_PERIOD, WINDOW_SIZE, false), Serdes.Integer(), Serdes.String()),
    )
    h.ctx.setRecordContext(0)
    return h.store
  }
  const windows = async (it: ReturnType<MeteredWindowStore<number, string>['all']>) =>
    (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.value])
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldRestore', async () => {
    const s = await open()
    expect(await toArray(s.all())).toEqual([])
    await h.ctx.restore('window', [
      { key: windowStoreKey(int(1), 0, 0), value: Buffer.from('one'), timestamp: 0, offset: 0 },
      { key: windowStoreKey(int(2), WINDOW_SIZE, 0), value: Buffer.from('two'), timestamp: 0, offset: 1 },
      { key: windowStoreKey(int(3), 2 * WINDOW_SIZE, 0), value: Buffer.from('three'), timestamp: 0, offset: 2 },
    ])
    expect(await windows(s.fetchAll(0, 2 * WINDOW_SIZE))).toEqual([
      [1, 0, 'one'],
      [2, WINDOW_SIZE, 'two'],
      [3, 2 * WINDOW_SIZE, 'three'],
    ])
  })

  it('shouldNotExpireFromOpenIterator', async () => {
    const s = await open()
    s.put(1, 'one', 0)
    s.put(1, 'two', 10)
    s.put(2, 'one', 5)
    s.put(2, 'two', 15)
    const it1 = s.fetch(1, 0, 50)
    const it2 = s.fetch(2, 0, 50)
    // Expires all four records; iterators already open still return them.
    s.put(1, 'four', 2 * RETENTION_PERIOD)
    expect((await it1.next()).value).toEqual({ key: 0, value: 'one' })
    expect((await it2.next()).value).toEqual({ key: 5, value: 'one' })
    expect((await it2.next()).value).toEqual({ key: 15, value: 'two' })
    expect((await it1.next()).value).toEqual({ key: 10, value: 'two' })
    expect((await it1.next()).done).toBe(true)
    expect((await it2.next()).done).toBe(true)
    expect(await toArray(s.fetch(1, 0, 50))).toEqual([])
  })

  it('testExpiration', async () => {
    const s = await open()
    const q = RETENTION_PERIOD / 4
    let t = 0
    s.put(1, 'one', t)
    t += q
    s.put(1, 'two', t)
    t += q
    s.put(1, 'three', t)
    t += q
    s.put(1, 'four', t)
    t += q
    s.put(1, 'five', t)
    const it = s.fetchAll(0, t)
    t += q
    s.put(1, 'six', t)
    expect(await windows(it)).toEqual([
      [1, q, 'two'],
      [1, 2 * q, 'three'],
      [1, 3 * q, 'four'],
      [1, 4 * q, 'five'],
    ])
    expect(await windows(s.fetchAll(0, t))).toEqual([
      [1, 2 * q, 'three'],
      [1, 3 * q, 'four'],
      [1, 4 * q, 'five'],
      [1, 5 * q, 'six'],
    ])
  })
})

describe.each(inMemoryStacks)('Kafka InMemorySessionStoreTest ($label)', (spec) => {
  let h: Harness<MeteredSessionStore<string, number>>
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldNotExpireFromOpenIterator', async () => {
    const retention = 10_000
    h = await openHarness(spec, () => Stores.sessionStoreBuilder(Stores.inMemorySessionStore('session', retention), Serdes.String(), Serdes.Long()))
    h.ctx.setRecordContext(0)
    const s = h.store
    const sw = (key: string, start: number, end: number) => ({ key, window: { start, end } })
    s.put(sw('a', 0, 0), 1)
    s.put(sw('aa', 0, 10), 2)
    s.put(sw('a', 10, 20), 3)
    const it = s.findSessionsInRange('a', 'b', 0, retention)
    // Advances stream time to expire the first three sessions; the open iterator still returns
    // them, and the session put after it was opened too.
    s.put(sw('aa', 100, 2 * retention), 4)
    expect((await toArray(it)).map((e) => e.value).sort()).toEqual([1, 2, 3, 4])
    expect(await toArray(s.findSessionsInRange('a', 'b', 0, 20))).toEqual([])
  })
})
