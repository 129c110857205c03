import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredSessionStore } from '../../../state-stores/layers/metered/metered-session-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness, type StackSpec } from './store-stacks.js'

const RETENTION = 1000

type Store = MeteredSessionStore<string, string>

const session = (key: string, start: number, end: number): Windowed<string> => ({ key, window: { start, end } })

function supplier(spec: StackSpec, name: string) {
  return spec.engine === 'leveldb' ? Stores.persistentSessionStore(name, RETENTION) : Stores.inMemorySessionStore(name, RETENTION)
}

async function sessions<V>(it: KeyValueIterator<Windowed<string>, V>): Promise<Array<[string, number, number, V]>> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

describe.each(allStacks())('SessionStore contract ($label)', (spec) => {
  let h: Harness<Store>
  const open = async () => {
    h = await openHarness(spec, () => Stores.sessionStoreBuilder(supplier(spec, 'sess'), Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(20)
    return h.store
  }
  const settle = async (s: Store, offset: number) => {
    s.flush()
    await s.persist(offset)
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('fetches exactly one session by key, start and end', async () => {
    const s = await open()
    s.put(session('a', 0, 10), 'A')
    expect(s.fetchSession('a', 0, 10)).toBe('A')
    expect(s.fetchSession('a', 0, 11)).toBeNull()
    expect(s.fetchSession('b', 0, 10)).toBeNull()
    expect(s.retentionPeriodMs).toBe(RETENTION)
  })

  it('finds merge candidates: sessions ending at or after earliest end and starting at or before latest start', async () => {
    const s = await open()
    s.put(session('a', 0, 5), 'early')
    s.put(session('a', 10, 20), 'middle')
    await settle(s, 1)
    s.put(session('a', 30, 40), 'late')
    s.put(session('aa', 10, 20), 'other-key')
    s.put(session('b', 10, 20), 'b')
    expect(await sessions(s.findSessions('a', 8, 25))).toEqual([['a', 10, 20, 'middle']])
    expect(await sessions(s.findSessions('a', 5, 30))).toEqual([
      ['a', 0, 5, 'early'],
      ['a', 10, 20, 'middle'],
      ['a', 30, 40, 'late'],
    ])
    expect(await sessions(s.findSessions('a', 41, 100))).toEqual([])
    expect(await sessions(s.backwardFindSessions('a', 0, 100))).toEqual([
      ['a', 30, 40, 'late'],
      ['a', 10, 20, 'middle'],
      ['a', 0, 5, 'early'],
    ])
  })

  it('fetches every session of a key in end-time order', async () => {
    const s = await open()
    s.put(session('a', 50, 60), 'second')
    s.put(session('a', 0, 0), 'first')
    s.put(session('b', 10, 10), 'b')
    expect((await sessions(s.fetch('a'))).map((x) => x[3])).toEqual(['first', 'second'])
    expect((await sessions(s.backwardFetch('a'))).map((x) => x[3])).toEqual(['second', 'first'])
  })

  it('removes a session with remove() and with a null aggregate', async () => {
    const s = await open()
    s.put(session('a', 0, 10), 'x')
    s.put(session('a', 20, 30), 'y')
    await settle(s, 1)
    s.remove(session('a', 0, 10))
    s.put(session('a', 20, 30), null)
    expect(await sessions(s.fetch('a'))).toEqual([])
    expect(s.fetchSession('a', 0, 10)).toBeNull()
    await settle(s, 2)
    expect(await sessions(s.fetch('a'))).toEqual([])
  })

  it('finds sessions over a key range, open-ended ranges included', async () => {
    const s = await open()
    s.put(session('a', 0, 10), 'a')
    s.put(session('b', 0, 10), 'b')
    await settle(s, 1)
    s.put(session('c', 5, 15), 'c')
    s.put(session('d', 0, 10), 'd')
    expect((await sessions(s.findSessionsInRange('b', 'c', 0, 100))).map((x) => x[3])).toEqual(['b', 'c'])
    expect((await sessions(s.findSessionsInRange(null, 'b', 0, 100))).map((x) => x[3])).toEqual(['a', 'b'])
    expect((await sessions(s.findSessionsInRange('c', null, 12, 100))).map((x) => x[3])).toEqual(['c'])
    expect((await sessions(s.findSessionsInRange('c', 'b', 0, 100))).map((x) => x[3])).toEqual([])
  })

  it('expires sessions ending at or before observed stream time minus retention', async () => {
    const s = await open()
    s.put(session('a', 0, 100), 'old')
    s.put(session('a', 200, 600), 'live')
    await settle(s, 1)
    s.put(session('b', 1000, 1100), 'new')
    expect(s.fetchSession('a', 0, 100)).toBeNull()
    expect((await sessions(s.fetch('a'))).map((x) => x[3])).toEqual(['live'])
    s.put(session('a', 0, 50), 'too-late')
    expect(s.fetchSession('a', 0, 50)).toBeNull()
    await settle(s, 2)
    expect((await sessions(s.findSessionsInRange(null, null, 0, 5000))).map((x) => x[3])).toEqual(['live', 'new'])
  })

  it('rejects null sessions and keys, and throws KS_ERR_STORE_CLOSED after close', async () => {
    const s = await open()
    expect(() => s.put(null as unknown as Windowed<string>, 'x')).toThrow(StoreArgumentError)
    expect(() => s.put(session(null as unknown as string, 0, 1), 'x')).toThrow(StoreArgumentError)
    expect(() => s.findSessions(null as unknown as string, 0, 1)).toThrow(StoreArgumentError)
    await s.close()
    expect(() => s.fetchSession('a', 0, 1)).toThrow(InvalidStateStoreError)
  })

  it('keeps persisted sessions and the checkpoint across a restart', async () => {
    const s = await open()
    s.put(session('a', 0, 10), 'x')
    await settle(s, 3)
    s.put(session('a', 20, 30), 'unpersisted')
    const r = await h.reopen()
    if (spec.engine === 'leveldb') {
      expect(r.committedOffset()).toBe(3)
      expect((await sessions(r.fetch('a'))).map((x) => x[3])).toEqual(['x'])
    } else {
      expect(r.committedOffset()).toBeNull()
      expect(await sessions(r.fetch('a'))).toEqual([])
    }
  })

  if (spec.logging) {
    it('logs changes with the session changelog key: key | end (8 bytes) | start (8 bytes)', async () => {
      const s = await open()
      h.ctx.setRecordContext(33)
      s.put(session('k', 1, 2), 'v')
      s.flush()
      s.remove(session('k', 1, 2))
      s.flush()
      expect(h.ctx.logged.map((c) => [c.key.toString('hex'), c.value?.toString() ?? null, c.timestamp])).toEqual([
        [Buffer.from('k').toString('hex') + '0000000000000002' + '0000000000000001', 'v', 33],
        [Buffer.from('k').toString('hex') + '0000000000000002' + '0000000000000001', null, 33],
      ])
    })

    it('restores a fresh store from its own changelog', async () => {
      const s = await open()
      s.put(session('a', 0, 10), 'x')
      s.put(session('a', 20, 30), 'y')
      s.remove(session('a', 0, 10))
      s.flush()
      const log = [...h.ctx.logged]
      await h.dispose()
      await open()
      await h.ctx.restoreFromLog('sess', log)
      expect(await sessions(h.store.fetch('a'))).toEqual([['a', 20, 30, 'y']])
    })
  }

  if (spec.caching) {
    it('forwards one update per session per flush, with the old value', async () => {
      const s = await open()
      s.put(session('a', 0, 10), 'v0')
      s.flush()
      const seen: Array<[string, number, number, Change<string>]> = []
      s.setFlushListener((r) => seen.push([r.key.key, r.key.window.start, r.key.window.end, r.value]), true)
      s.put(session('a', 0, 10), 'v1')
      s.put(session('a', 0, 10), 'v2')
      s.remove(session('a', 0, 10))
      s.put(session('a', 0, 15), 'merged')
      expect(await sessions(s.findSessions('a', 0, 100))).toEqual([['a', 0, 15, 'merged']])
      s.flush()
      expect(seen).toEqual([
        ['a', 0, 10, { newValue: null, oldValue: 'v0' }],
        ['a', 0, 15, { newValue: 'merged', oldValue: null }],
      ])
    })
  }
})
