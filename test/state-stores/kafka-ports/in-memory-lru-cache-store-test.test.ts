/**
 * Port of Kafka's `InMemoryLRUCacheStoreTest` (`Stores.lruMap`, logged as Kafka's test driver
 * does): eviction of the least recently used key logged as a tombstone, updates refreshing a
 * key, and a restore past the capacity that logs nothing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { openHarness, type Harness } from '../contract/store-stacks.js'

const spec = { label: 'lru+logging', engine: 'in-memory', caching: false, logging: true } as const
const int = (k: number) => Serdes.Integer().serializer.serialize('t', k)!

describe('Kafka InMemoryLRUCacheStoreTest', () => {
  let h: Harness<MeteredKeyValueStore<number, string>>
  const open = async () => {
    h = await openHarness(spec, () => Stores.keyValueStoreBuilder<number, string>(Stores.lruMap('my-store', 10), null, null), (ctx) => {
      ctx.keySerde = Serdes.Integer() as Serde<unknown>
      ctx.valueSerde = Serdes.String() as Serde<unknown>
    })
    h.ctx.setRecordContext(10)
    return h.store
  }
  /** Keys whose last changelog record is a tombstone (Kafka's `flushedEntryRemoved`). */
  const removed = () => {
    const last = new Map<number, boolean>()
    for (const c of h.ctx.logged) last.set(c.key.readInt32BE(0), c.value === null)
    return [...last].filter(([, r]) => r).map(([k]) => k).sort((a, b) => a - b)
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldPutAllKeyValuePairs / shouldUpdateValuesForExistingKeysOnPutAll', async () => {
    const s = await open()
    s.putAll([
      { key: 1, value: '1' },
      { key: 2, value: '2' },
      { key: 3, value: '3' },
    ])
    expect(s.approximateNumEntries()).toBe(3)
    s.putAll([
      { key: 1, value: 'ONE' },
      { key: 2, value: 'TWO' },
      { key: 3, value: 'THREE' },
    ])
    expect(s.approximateNumEntries()).toBe(3)
    expect([s.get(1), s.get(2), s.get(3)]).toEqual(['ONE', 'TWO', 'THREE'])
  })

  it('testEvict', async () => {
    const s = await open()
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
    words.forEach((w, i) => s.put(i, w))
    expect(s.approximateNumEntries()).toBe(10)
    s.put(10, 'ten')
    s.flush()
    expect(s.approximateNumEntries()).toBe(10)
    expect(removed()).toEqual([0])
    s.delete(1)
    s.flush()
    expect(s.approximateNumEntries()).toBe(9)
    expect(removed()).toEqual([0, 1])
    s.put(11, 'eleven')
    s.flush()
    expect(s.approximateNumEntries()).toBe(10)
    expect(removed()).toEqual([0, 1])
    s.put(2, 'two-again')
    s.flush()
    expect(s.approximateNumEntries()).toBe(10)
    expect(removed()).toEqual([0, 1])
    s.put(12, 'twelve')
    s.flush()
    expect(s.approximateNumEntries()).toBe(10)
    expect(removed()).toEqual([0, 1, 3])
  })

  it('testRestoreEvict', async () => {
    const s = await open()
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'fix', 'seven', 'eight', 'nine', 'ten']
    await h.ctx.restore(
      'my-store',
      words.map((w, i) => ({ key: int(i), value: Buffer.from(w), timestamp: 0, offset: i })),
    )
    expect(h.ctx.logged).toEqual([])
    expect(s.approximateNumEntries()).toBe(10)
  })
})
