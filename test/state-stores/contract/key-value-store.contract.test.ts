import { afterEach, describe, expect, it } from 'vitest'
import { ENTRY_OVERHEAD_BYTES } from '../../../state-stores/layers/caching/named-cache.js'
import { Headers } from '../../../processor-api/headers.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness, type StackSpec } from './store-stacks.js'

type Store = MeteredKeyValueStore<string, string>

function supplier(spec: StackSpec, name: string) {
  return spec.engine === 'leveldb' ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name)
}

async function keys<V>(it: KeyValueIterator<string, V>): Promise<string[]> {
  return (await toArray(it)).map((e) => e.key)
}

async function entries<K, V>(it: KeyValueIterator<K, V>): Promise<Array<[K, V]>> {
  return (await toArray(it)).map((e) => [e.key, e.value])
}

describe.each(allStacks())('KeyValueStore contract ($label)', (spec) => {
  let h: Harness<Store>
  const open = async (configure?: Parameters<typeof openHarness>[2]) => {
    h = await openHarness(spec, () => Stores.keyValueStoreBuilder(supplier(spec, 'kv'), Serdes.String(), Serdes.String()), configure)
    h.ctx.setRecordContext(100)
    return h.store
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('returns what was put and null for absent keys', async () => {
    const s = await open()
    s.put('a', '1')
    expect(s.get('a')).toBe('1')
    expect(s.get('missing')).toBeNull()
  })

  it('overwrites a value and deletes when the value is null', async () => {
    const s = await open()
    s.put('a', '1')
    s.put('a', '2')
    expect(s.get('a')).toBe('2')
    s.put('a', null)
    expect(s.get('a')).toBeNull()
    expect(await keys(s.all())).toEqual([])
  })

  it('puts only when absent with putIfAbsent and returns the existing value', async () => {
    const s = await open()
    expect(s.putIfAbsent('a', '1')).toBeNull()
    expect(s.putIfAbsent('a', '2')).toBe('1')
    expect(s.get('a')).toBe('1')
  })

  it('applies putAll including deletions', async () => {
    const s = await open()
    s.put('x', 'old')
    s.putAll([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'x', value: null },
    ])
    expect(await entries(s.all())).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })

  it('returns the old value from delete, or null when the key was absent', async () => {
    const s = await open()
    s.put('a', '1')
    expect(s.delete('a')).toBe('1')
    expect(s.delete('a')).toBeNull()
    expect(s.get('a')).toBeNull()
  })

  it('iterates ranges in byte-wise key order, both bounds inclusive', async () => {
    const s = await open()
    for (const k of ['b', 'aa', 'c', 'a', 'ab']) s.put(k, k.toUpperCase())
    expect(await keys(s.all())).toEqual(['a', 'aa', 'ab', 'b', 'c'])
    expect(await keys(s.range('aa', 'b'))).toEqual(['aa', 'ab', 'b'])
    expect(await entries(s.range('a', 'aa'))).toEqual([
      ['a', 'A'],
      ['aa', 'AA'],
    ])
  })

  it('iterates reverse ranges and reverseAll in descending order', async () => {
    const s = await open()
    for (const k of ['b', 'aa', 'c', 'a']) s.put(k, k)
    expect(await keys(s.reverseAll())).toEqual(['c', 'b', 'aa', 'a'])
    expect(await keys(s.reverseRange('aa', 'b'))).toEqual(['b', 'aa'])
  })

  it('supports open-ended ranges with null bounds', async () => {
    const s = await open()
    for (const k of ['a', 'b', 'c', 'd']) s.put(k, k)
    expect(await keys(s.range(null, 'b'))).toEqual(['a', 'b'])
    expect(await keys(s.range('c', null))).toEqual(['c', 'd'])
    expect(await keys(s.reverseRange('c', null))).toEqual(['d', 'c'])
    expect(await keys(s.reverseRange(null, 'b'))).toEqual(['b', 'a'])
  })

  it('returns an empty iterator when from > to', async () => {
    const s = await open()
    s.put('a', '1')
    s.put('b', '2')
    expect(await keys(s.range('b', 'a'))).toEqual([])
    expect(await keys(s.reverseRange('b', 'a'))).toEqual([])
  })

  it('hides deleted keys from ranges, before and after persist', async () => {
    const s = await open()
    for (const k of ['a', 'b', 'c']) s.put(k, k)
    s.delete('b')
    expect(await keys(s.all())).toEqual(['a', 'c'])
    s.flush()
    await s.persist(1)
    expect(await keys(s.all())).toEqual(['a', 'c'])
    s.delete('c')
    expect(await keys(s.all())).toEqual(['a'])
    expect(await keys(s.reverseAll())).toEqual(['a'])
    s.flush()
    expect(await keys(s.all())).toEqual(['a'])
    await s.persist(2)
    expect(await keys(s.all())).toEqual(['a'])
  })

  it('scans keys by prefix', async () => {
    const s = await open()
    for (const k of ['a', 'ab', 'abc', 'abd', 'ac', 'b']) s.put(k, k)
    expect(await keys(s.prefixScan('ab', Serdes.String().serializer))).toEqual(['ab', 'abc', 'abd'])
    expect(await keys(s.prefixScan('z', Serdes.String().serializer))).toEqual([])
  })

  it('counts entries with approximateNumEntries (exact in memory, an estimate on LevelDB)', async () => {
    const s = await open()
    for (const k of ['a', 'b', 'c']) s.put(k, k)
    s.delete('b')
    s.flush()
    await s.persist(1)
    expect(s.approximateNumEntries()).toBe(2)
    s.put('a', 'again')
    s.put('d', 'd')
    s.flush()
    await s.persist(2)
    if (spec.engine === 'in-memory') expect(s.approximateNumEntries()).toBe(3)
    else {
      // Like RocksDB's estimate: re-putting an existing key may count it again.
      expect(s.approximateNumEntries()).toBeGreaterThanOrEqual(3)
      expect(s.approximateNumEntries()).toBeLessThanOrEqual(4)
    }
  })

  it('rejects a null key with StoreArgumentError', async () => {
    const s = await open()
    expect(() => s.put(null as unknown as string, 'v')).toThrow(StoreArgumentError)
    expect(() => s.get(undefined as unknown as string)).toThrow(StoreArgumentError)
  })

  it('throws InvalidStateStoreError with KS_ERR_STORE_CLOSED after close', async () => {
    const s = await open()
    await s.close()
    expect(s.isOpen).toBe(false)
    let caught: unknown
    try {
      s.get('a')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(InvalidStateStoreError)
    expect((caught as InvalidStateStoreError).code).toBe('KS_ERR_STORE_CLOSED')
  })

  it('stops early when an iterator is closed', async () => {
    const s = await open()
    for (const k of ['a', 'b', 'c']) s.put(k, k)
    s.flush()
    await s.persist(1)
    const it = s.all()
    const first = await it.next()
    expect(first.value).toEqual({ key: 'a', value: 'a' })
    await it.close()
    expect((await it.next()).done).toBe(true)
  })

  it('counts operations in its metrics', async () => {
    const s = await open()
    s.put('a', '1')
    s.get('a')
    s.delete('a')
    await toArray(s.all())
    expect(s.metrics).toMatchObject({ puts: 1, gets: 1, deletes: 1, ranges: 1 })
  })

  it('keeps persisted data and the checkpoint across a restart, and loses unpersisted writes', async () => {
    const s = await open()
    s.put('a', '1')
    s.put('b', '2')
    s.flush()
    await s.persist(42)
    s.put('c', '3')
    s.delete('a')
    s.flush()
    const r = await h.reopen()
    if (spec.engine === 'leveldb') {
      expect(r.committedOffset()).toBe(42)
      expect(await entries(r.all())).toEqual([
        ['a', '1'],
        ['b', '2'],
      ])
    } else {
      expect(r.committedOffset()).toBeNull()
      expect(await keys(r.all())).toEqual([])
    }
  })

  it('restores changelog records in one batch, tombstones deleting', async () => {
    const s = await open()
    s.put('stale', 'x')
    s.flush()
    await s.persist(0)
    const loggedBefore = h.ctx.logged.length
    await h.ctx.restore('kv', [
      { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 5, offset: 0 },
      { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 6, offset: 1 },
      { key: Buffer.from('a'), value: Buffer.from('3'), timestamp: 7, offset: 2 },
      { key: Buffer.from('stale'), value: null, timestamp: 8, offset: 3 },
    ])
    expect(await entries(s.all())).toEqual([
      ['a', '3'],
      ['b', '2'],
    ])
    expect(h.ctx.logged).toHaveLength(loggedBefore)
  })

  if (spec.logging) {
    it('logs every change with key bytes, value bytes and the record timestamp', async () => {
      const s = await open()
      h.ctx.setRecordContext(7)
      s.put('a', '1')
      h.ctx.setRecordContext(8)
      s.delete('a')
      s.putIfAbsent('b', '2')
      s.putAll([{ key: 'c', value: '3' }])
      s.flush()
      const logged = h.ctx.logged.map((c) => [c.storeName, c.key.toString(), c.value?.toString() ?? null, c.timestamp])
      if (spec.caching) {
        // The cache deduplicates: only the final state of each key reaches the changelog (with no
        // flush listener Kafka writes deletions down even for keys the store never held).
        expect(logged).toEqual([
          ['kv', 'a', null, 8],
          ['kv', 'b', '2', 8],
          ['kv', 'c', '3', 8],
        ])
      } else {
        expect(logged).toEqual([
          ['kv', 'a', '1', 7],
          ['kv', 'a', null, 8],
          ['kv', 'b', '2', 8],
          ['kv', 'c', '3', 8],
        ])
      }
    })

    it('restores a fresh store from its own changelog', async () => {
      const s = await open()
      s.put('a', '1')
      s.put('b', '2')
      s.delete('a')
      s.put('c', '3')
      s.flush()
      const log = [...h.ctx.logged]
      await s.close()
      await h.dispose()
      await open()
      await h.ctx.restoreFromLog('kv', log)
      expect(await entries(h.store.all())).toEqual([
        ['b', '2'],
        ['c', '3'],
      ])
    })
  } else {
    it('logs nothing when logging is disabled', async () => {
      const s = await open()
      s.put('a', '1')
      s.flush()
      expect(h.ctx.logged).toEqual([])
    })
  }

  if (spec.caching) {
    it('forwards exactly one update per key per flush with the old value and the record context of the last write', async () => {
      const s = await open()
      s.put('a', 'v0')
      s.flush()
      const seen: Array<{ key: string; change: Change<string>; ts: number; header: string | undefined; ctxTs: number | undefined }> = []
      expect(
        s.setFlushListener((r) => {
          seen.push({
            key: r.key,
            change: r.value,
            ts: r.timestamp,
            header: r.headers.lastHeader('h')?.value?.toString(),
            ctxTs: h.ctx.currentRecordContext()?.timestamp,
          })
        }, true),
      ).toBe(true)
      h.ctx.setRecordContext(200, 1, new Headers().add('h', 'first'))
      s.put('a', 'v1')
      s.put('b', 'x')
      h.ctx.setRecordContext(300, 2, new Headers().add('h', 'second'))
      s.put('a', 'v2')
      h.ctx.setRecordContext(400)
      expect(seen).toEqual([])
      s.flush()
      expect(seen).toEqual([
        { key: 'b', change: { newValue: 'x', oldValue: null }, ts: 200, header: 'first', ctxTs: 200 },
        { key: 'a', change: { newValue: 'v2', oldValue: 'v0' }, ts: 300, header: 'second', ctxTs: 300 },
      ])
      expect(h.ctx.currentRecordContext()?.timestamp).toBe(400)
      s.flush()
      expect(seen).toHaveLength(2)
    })

    it('sends null old values without sendOldValues, and skips deletes of keys that never existed', async () => {
      const s = await open()
      s.put('a', 'v0')
      s.flush()
      const seen: Array<[string, Change<string>]> = []
      s.setFlushListener((r) => seen.push([r.key, r.value]), false)
      s.put('a', 'v1')
      s.put('ghost', 'x')
      s.delete('ghost')
      s.flush()
      expect(seen).toEqual([['a', { newValue: 'v1', oldValue: null }]])
    })

    it('serves unflushed writes from the cache in gets and ranges, deletions hidden', async () => {
      const s = await open()
      s.put('a', '1')
      s.put('c', '3')
      s.flush()
      await s.persist(1)
      s.put('b', '2')
      s.delete('c')
      expect(s.get('b')).toBe('2')
      expect(s.get('c')).toBeNull()
      expect(await keys(s.all())).toEqual(['a', 'b'])
      expect(await keys(s.reverseAll())).toEqual(['b', 'a'])
      expect(await keys(s.prefixScan('c', Serdes.String().serializer))).toEqual([])
    })

    it('evicts least recently used entries over the byte budget, forwarding every dirty entry', async () => {
      const s = await open((ctx) => {
        // Room for four one-byte entries, not five.
        ctx.appConfigs = { cacheMaxBytes: Math.floor(4.5 * (ENTRY_OVERHEAD_BYTES + 2)) }
      })
      const seen: string[] = []
      s.setFlushListener((r) => seen.push(`${r.key}=${r.value.newValue}`), false)
      s.put('a', '1')
      s.put('b', '2')
      s.put('c', '3')
      expect(seen).toEqual([])
      // The fifth put goes over the budget and evicts 'a', flushing all dirty entries.
      s.put('d', '4')
      s.put('e', '5')
      expect(seen).toEqual(['a=1', 'b=2', 'c=3', 'd=4', 'e=5'])
      expect(s.get('a')).toBe('1')
      expect(await keys(s.all())).toEqual(['a', 'b', 'c', 'd', 'e'])
    })
  } else {
    it('reports that there is no cache to listen to', async () => {
      const s = await open()
      expect(s.setFlushListener(() => undefined, true)).toBe(false)
    })
  }
})

describe.each(allStacks())('KeyValueStore contract with binary keys ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<Buffer, string>>
  afterEach(async () => {
    await h?.dispose()
  })

  it('orders binary keys byte-wise, 0x00 first and 0xff last, and scans 0xff prefixes', async () => {
    h = await openHarness(spec, () => Stores.keyValueStoreBuilder(supplier(spec, 'bin'), Serdes.ByteArray(), Serdes.String()))
    const s = h.store
    const ks = [[0xff], [0x00], [0x00, 0x00], [0x7f], [0xff, 0xff], [0x80], []].map((a) => Buffer.from(a))
    for (const k of ks) s.put(k, k.toString('hex'))
    const expected = ['', '00', '0000', '7f', '80', 'ff', 'ffff']
    expect((await toArray(s.all())).map((e) => e.value)).toEqual(expected)
    s.flush()
    await s.persist(1)
    expect((await toArray(s.all())).map((e) => e.value)).toEqual(expected)
    expect((await toArray(s.reverseAll())).map((e) => e.value)).toEqual([...expected].reverse())
    expect((await toArray(s.prefixScan(Buffer.from([0xff]), Serdes.ByteArray().serializer))).map((e) => e.value)).toEqual(['ff', 'ffff'])
    expect((await toArray(s.range(Buffer.from([0x00]), Buffer.from([0x7f])))).map((e) => e.value)).toEqual(['00', '0000', '7f'])
  })
})
