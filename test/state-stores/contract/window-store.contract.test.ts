import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredWindowStore } from '../../../state-stores/layers/metered/metered-window-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { allStacks, openHarness, type Harness, type StackSpec } from './store-stacks.js'

const RETENTION = 1000
const WINDOW = 100

type Store = MeteredWindowStore<string, string>

function supplier(spec: StackSpec, name: string, retainDuplicates = false) {
  return spec.engine === 'leveldb'
    ? Stores.persistentWindowStore(name, RETENTION, WINDOW, retainDuplicates)
    : Stores.inMemoryWindowStore(name, RETENTION, WINDOW, retainDuplicates)
}

async function windows<V>(it: KeyValueIterator<Windowed<string>, V>): Promise<Array<[string, number, number, V]>> {
  return (await toArray(it)).map((e) => [e.key.key, e.key.window.start, e.key.window.end, e.value])
}

async function times<V>(it: KeyValueIterator<number, V>): Promise<Array<[number, V]>> {
  return (await toArray(it)).map((e) => [e.key, e.value])
}

describe.each(allStacks())('WindowStore contract ($label)', (spec) => {
  let h: Harness<Store>
  const open = async (retainDuplicates = false) => {
    h = await openHarness(spec, () => Stores.windowStoreBuilder(supplier(spec, 'win', retainDuplicates), Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(50)
    return h.store
  }
  /** Puts, then (optionally) flushes and persists so data sits in every layer. */
  const settle = async (s: Store, offset: number) => {
    s.flush()
    await s.persist(offset)
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('fetches the value of one window and null for others', async () => {
    const s = await open()
    s.put('a', 'a0', 0)
    s.put('a', 'a100', 100)
    expect(s.fetch('a', 0)).toBe('a0')
    expect(s.fetch('a', 100)).toBe('a100')
    expect(s.fetch('a', 200)).toBeNull()
    expect(s.fetch('b', 0)).toBeNull()
    expect(s.retentionPeriodMs).toBe(RETENTION)
    expect(s.windowSizeMs).toBe(WINDOW)
  })

  it('fetches single windows written before and after later windows of the key, across flushes', async () => {
    const s = await open()
    s.put('a', 'a100', 100)
    await settle(s, 1)
    expect(s.fetch('a', 200)).toBeNull()
    s.put('a', 'a200', 200)
    s.put('b', 'b300', 300)
    await settle(s, 2)
    expect(s.fetch('a', 100)).toBe('a100')
    expect(s.fetch('a', 200)).toBe('a200')
    expect(s.fetch('a', 300)).toBeNull()
    expect(s.fetch('b', 300)).toBe('b300')
    expect(s.fetch('b', 200)).toBeNull()
    if (spec.engine === 'leveldb') {
      const r = await h.reopen()
      expect(r.fetch('a', 100)).toBe('a100')
      expect(r.fetch('a', 200)).toBe('a200')
      expect(r.fetch('b', 300)).toBe('b300')
    }
  })

  it('fetches the windows of a key in a time range, in time order, excluding keys sharing a prefix', async () => {
    const s = await open()
    s.put('a', 'a200', 200)
    s.put('a', 'a0', 0)
    s.put('aa', 'aa100', 100)
    s.put('a', 'a100', 100)
    s.put('b', 'b100', 100)
    await settle(s, 1)
    s.put('a', 'a300', 300)
    expect(await times(s.fetch('a', 0, 300))).toEqual([
      [0, 'a0'],
      [100, 'a100'],
      [200, 'a200'],
      [300, 'a300'],
    ])
    expect(await times(s.fetch('a', 50, 200))).toEqual([
      [100, 'a100'],
      [200, 'a200'],
    ])
    expect(await times(s.backwardFetch('a', 0, 300))).toEqual([
      [300, 'a300'],
      [200, 'a200'],
      [100, 'a100'],
      [0, 'a0'],
    ])
  })

  it('deletes a window when the value is null', async () => {
    const s = await open()
    s.put('a', 'x', 100)
    await settle(s, 1)
    s.put('a', null, 100)
    expect(s.fetch('a', 100)).toBeNull()
    expect(await times(s.fetch('a', 0, 1000))).toEqual([])
    await settle(s, 2)
    expect(await times(s.fetch('a', 0, 1000))).toEqual([])
  })

  it('fetches key ranges with windowed keys (end = start + window size), forward and backward', async () => {
    const s = await open()
    s.put('a', 'a0', 0)
    s.put('b', 'b0', 0)
    s.put('c', 'c0', 0)
    s.put('b', 'b100', 100)
    await settle(s, 1)
    s.put('d', 'd100', 100)
    // Kafka's orders: a persistent store (RocksDB) by key then window start within a segment;
    // an in-memory store by window start then key.
    const bc: Array<[string, number, number, string]> =
      spec.engine === 'leveldb'
        ? [
            ['b', 0, 100, 'b0'],
            ['b', 100, 200, 'b100'],
            ['c', 0, 100, 'c0'],
          ]
        : [
            ['b', 0, 100, 'b0'],
            ['c', 0, 100, 'c0'],
            ['b', 100, 200, 'b100'],
          ]
    expect(await windows(s.fetchRange('b', 'c', 0, 100))).toEqual(bc)
    expect(await windows(s.fetchRange(null, 'a', 0, 100))).toEqual([['a', 0, 100, 'a0']])
    expect(await windows(s.fetchRange('c', null, 0, 100))).toEqual([
      ['c', 0, 100, 'c0'],
      ['d', 100, 200, 'd100'],
    ])
    expect(await windows(s.backwardFetchRange('b', 'c', 0, 100))).toEqual([...bc].reverse())
    expect(await windows(s.fetchRange('c', 'b', 0, 100))).toEqual([])
  })

  it('fetches all keys in a time range, and everything with all()', async () => {
    const s = await open()
    s.put('b', 'b0', 0)
    s.put('a', 'a100', 100)
    await settle(s, 1)
    s.put('a', 'a0', 0)
    s.put('c', 'c200', 200)
    const keyOrder = spec.engine === 'leveldb'
    expect(await windows(s.fetchAll(0, 100))).toEqual(
      keyOrder
        ? [
            ['a', 0, 100, 'a0'],
            ['a', 100, 200, 'a100'],
            ['b', 0, 100, 'b0'],
          ]
        : [
            ['a', 0, 100, 'a0'],
            ['b', 0, 100, 'b0'],
            ['a', 100, 200, 'a100'],
          ],
    )
    const all = keyOrder ? ['a0', 'a100', 'b0', 'c200'] : ['a0', 'b0', 'a100', 'c200']
    expect((await windows(s.all())).map((w) => w[3])).toEqual(all)
    expect((await windows(s.backwardAll())).map((w) => w[3])).toEqual([...all].reverse())
    expect((await windows(s.backwardFetchAll(100, 200))).map((w) => w[3])).toEqual(['c200', 'a100'])
  })

  it('expires windows at or before observed stream time minus retention and skips expired puts', async () => {
    const s = await open()
    s.put('a', 'old', 0)
    s.put('a', 'mid', 500)
    await settle(s, 1)
    s.put('a', 'new', 1000)
    // 0 <= 1000 - 1000: expired; 500 is still live.
    expect(s.fetch('a', 0)).toBeNull()
    expect(await times(s.fetch('a', 0, 2000))).toEqual([
      [500, 'mid'],
      [1000, 'new'],
    ])
    s.put('a', 'late', 0)
    expect(s.fetch('a', 0)).toBeNull()
    await settle(s, 2)
    expect(s.fetch('a', 0)).toBeNull()
    expect((await windows(s.all())).map((w) => w[3])).toEqual(['mid', 'new'])
  })

  it('keeps every duplicate when retainDuplicates is set, and ignores null puts', async () => {
    const s = await open(true)
    s.put('a', 'one', 100)
    s.put('a', 'two', 100)
    s.put('a', null, 100)
    await settle(s, 1)
    s.put('a', 'three', 100)
    expect(await times(s.fetch('a', 0, 200))).toEqual([
      [100, 'one'],
      [100, 'two'],
      [100, 'three'],
    ])
  })

  it('rejects a null key and throws KS_ERR_STORE_CLOSED after close', async () => {
    const s = await open()
    expect(() => s.put(null as unknown as string, 'v', 0)).toThrow(StoreArgumentError)
    await s.close()
    expect(() => s.fetch('a', 0)).toThrow(InvalidStateStoreError)
  })

  it('keeps persisted windows, the checkpoint and the observed stream time across a restart', async () => {
    const s = await open()
    s.put('a', 'a500', 500)
    s.put('a', 'a1000', 1000)
    await settle(s, 9)
    s.put('a', 'unpersisted', 1100)
    const r = await h.reopen()
    if (spec.engine === 'leveldb') {
      expect(r.committedOffset()).toBe(9)
      expect(await times(r.fetch('a', 0, 2000))).toEqual([
        [500, 'a500'],
        [1000, 'a1000'],
      ])
      // Observed stream time (1000) survived: a window at 0 is still expired.
      r.put('a', 'late', 0)
      expect(r.fetch('a', 0)).toBeNull()
    } else {
      expect(r.committedOffset()).toBeNull()
      expect(await times(r.fetch('a', 0, 2000))).toEqual([])
    }
  })

  if (spec.logging) {
    it('logs changes with the window changelog key: key | start (8 bytes) | seqnum (4 bytes)', async () => {
      const s = await open()
      h.ctx.setRecordContext(77)
      s.put('k', 'v', 300)
      s.flush()
      expect(h.ctx.logged).toHaveLength(1)
      const c = h.ctx.logged[0]!
      expect(c.key.toString('hex')).toBe(Buffer.from('k').toString('hex') + '000000000000012c' + '00000000')
      expect(c.value?.toString()).toBe('v')
      expect(c.timestamp).toBe(77)
    })

    it('restores a fresh store from its own changelog', async () => {
      const s = await open()
      s.put('a', 'a0', 0)
      s.put('a', 'a100', 100)
      s.put('b', 'b100', 100)
      s.put('a', null, 0)
      s.flush()
      const log = [...h.ctx.logged]
      await h.dispose()
      await open()
      await h.ctx.restoreFromLog('win', log)
      expect(await windows(h.store.all())).toEqual([
        ['a', 100, 200, 'a100'],
        ['b', 100, 200, 'b100'],
      ])
      // Point reads of restored windows (not through the cache, which starts empty).
      expect(h.store.fetch('a', 100)).toBe('a100')
      expect(h.store.fetch('b', 100)).toBe('b100')
      expect(h.store.fetch('a', 0)).toBeNull()
    })
  }

  if (spec.logging && !spec.caching) {
    it('numbers duplicate changelog keys with increasing seqnums', async () => {
      const s = await open(true)
      s.put('k', 'one', 0)
      s.put('k', 'two', 0)
      expect(h.ctx.logged.map((c) => c.key.readUInt32BE(c.key.length - 4))).toEqual([1, 2])
    })
  }

  if (spec.caching) {
    it('forwards one update per window per flush with the old value', async () => {
      const s = await open()
      s.put('a', 'v0', 100)
      s.flush()
      const seen: Array<[string, number, number, Change<string>, number]> = []
      s.setFlushListener((r) => seen.push([r.key.key, r.key.window.start, r.key.window.end, r.value, r.timestamp]), true)
      h.ctx.setRecordContext(60)
      s.put('a', 'v1', 100)
      h.ctx.setRecordContext(70)
      s.put('a', 'v2', 100)
      s.put('b', 'b', 200)
      expect(await times(s.fetch('a', 0, 500))).toEqual([[100, 'v2']])
      s.flush()
      expect(seen).toEqual([
        ['a', 100, 200, { newValue: 'v2', oldValue: 'v0' }, 70],
        ['b', 200, 300, { newValue: 'b', oldValue: null }, 70],
      ])
    })

    it('merges cached and stored windows, cached deletions hidden', async () => {
      const s = await open()
      s.put('a', 'stored0', 0)
      s.put('a', 'stored200', 200)
      await settle(s, 1)
      s.put('a', 'cached100', 100)
      s.put('a', null, 200)
      expect(await times(s.fetch('a', 0, 300))).toEqual([
        [0, 'stored0'],
        [100, 'cached100'],
      ])
      expect(await times(s.backwardFetch('a', 0, 300))).toEqual([
        [100, 'cached100'],
        [0, 'stored0'],
      ])
      expect((await windows(s.fetchAll(0, 300))).map((w) => w[3])).toEqual(['stored0', 'cached100'])
    })
  }
})

describe.each(allStacks())('TimestampedWindowStore contract ($label)', (spec) => {
  let h: Harness<MeteredWindowStore<string, ValueAndTimestamp<string>>>
  afterEach(async () => {
    await h?.dispose()
  })

  it('stores values with timestamps and logs the plain value with the value timestamp', async () => {
    const supplierFor =
      spec.engine === 'leveldb'
        ? Stores.persistentTimestampedWindowStore('twin', RETENTION, WINDOW, false)
        : Stores.inMemoryWindowStore('twin', RETENTION, WINDOW, false)
    h = await openHarness(spec, () => Stores.timestampedWindowStoreBuilder(supplierFor, Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(5)
    h.store.put('a', ValueAndTimestamp.make('x', 42), 0)
    expect(h.store.fetch('a', 0)).toEqual({ value: 'x', timestamp: 42 })
    h.store.flush()
    if (spec.logging) {
      expect(h.ctx.logged.map((c) => [c.value?.toString(), c.timestamp])).toEqual([['x', 42]])
      const log = [...h.ctx.logged]
      await h.reopen()
      if (spec.engine === 'in-memory') {
        await h.ctx.restoreFromLog('twin', log)
        expect(h.store.fetch('a', 0)).toEqual({ value: 'x', timestamp: 42 })
      }
    }
  })

  // Logged or not: a store restored from a topic that is not its own changelog holds plain values.
  it('restores the value timestamp from the changelog record timestamp', async () => {
    const logged = await openHarness({ label: 'source', engine: 'in-memory', caching: false, logging: true }, () =>
      Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore('twin', RETENTION, WINDOW, false), Serdes.String(), Serdes.String()),
    )
    logged.ctx.setRecordContext(5)
    logged.store.put('a', ValueAndTimestamp.make('x', 42), 0)
    logged.store.put('b', ValueAndTimestamp.make('y', 43), 100)
    const log = [...logged.ctx.logged]
    await logged.dispose()
    const supplier =
      spec.engine === 'leveldb'
        ? Stores.persistentTimestampedWindowStore('twin', RETENTION, WINDOW, false)
        : Stores.inMemoryWindowStore('twin', RETENTION, WINDOW, false)
    h = await openHarness(spec, () => Stores.timestampedWindowStoreBuilder(supplier, Serdes.String(), Serdes.String()))
    await h.ctx.restoreFromLog('twin', log)
    expect(h.store.fetch('a', 0)).toEqual({ value: 'x', timestamp: 42 })
    expect(h.store.fetch('b', 100)).toEqual({ value: 'y', timestamp: 43 })
  })
})
