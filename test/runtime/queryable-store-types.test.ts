import { describe, expect, it } from 'vitest'
import type { KeyValue } from '../../processor-api/key-value.js'
import type { StateStore } from '../../processor-api/state-store.js'
import type { KeyValueIterator } from '../../state-stores/key-value-store.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'

/** An iterator over a fixed list that records whether it was closed. */
class ListIterator<K, V> implements KeyValueIterator<K, V> {
  closed = false
  private i = 0
  constructor(private readonly items: KeyValue<K, V>[]) {}
  async next(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    return this.i < this.items.length ? { done: false, value: this.items[this.i++]! } : { done: true, value: undefined }
  }
  async close(): Promise<void> {
    this.closed = true
  }
  [Symbol.asyncIterator](): this {
    return this
  }
}

/** A key-value store shape backed by a sorted Map (only what read-only views call). */
function kvStore<V>(name: string, entries: [string, V][], timestamped = false) {
  const map = new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)))
  const iterators: ListIterator<string, V>[] = []
  const iterate = (from: string | null, to: string | null) => {
    const it = new ListIterator([...map].filter(([k]) => (from === null || k >= from) && (to === null || k <= to)).map(([key, value]) => ({ key, value })))
    iterators.push(it)
    return it
  }
  return {
    name,
    persistent: false,
    isOpen: true,
    capabilities: { timestamped },
    iterators,
    init: () => {},
    flush: () => {},
    persist: async () => {},
    committedOffset: () => null,
    close: () => {},
    get: (k: string) => map.get(k) ?? null,
    put: () => {},
    putIfAbsent: () => null,
    prefixScan: () => iterate(null, null),
    range: iterate,
    reverseRange: iterate,
    all: () => iterate(null, null),
    reverseAll: () => iterate(null, null),
    approximateNumEntries: () => map.size,
  }
}

async function collect<K, V>(it: KeyValueIterator<K, V>): Promise<[K, V][]> {
  const out: [K, V][] = []
  for await (const kv of it) out.push([kv.key, kv.value])
  return out
}

describe('QueryableStoreTypes', () => {
  it('keyValueStore: point reads find the key in whichever task holds it; ranges chain the tasks', async () => {
    const a = kvStore('s', [['alice', 1], ['carol', 3]])
    const b = kvStore('s', [['bob', 2]])
    const view = QueryableStoreTypes.keyValueStore<string, number>().create(() => [a, b] as unknown as StateStore[])
    expect(view.get('bob')).toBe(2)
    expect(view.get('alice')).toBe(1)
    expect(view.get('dave')).toBeNull()
    expect(await collect(view.all())).toEqual([['alice', 1], ['carol', 3], ['bob', 2]])
    expect(await collect(view.range('b', 'c'))).toEqual([['bob', 2]])
    expect(view.approximateNumEntries()).toBe(3)
  })

  it('closes the underlying iterator when a query stops early', async () => {
    const a = kvStore('s', [['alice', 1], ['bob', 2]])
    const view = QueryableStoreTypes.keyValueStore<string, number>().create(() => [a] as unknown as StateStore[])
    const it = view.all()
    await it.next()
    await it.close()
    expect(a.iterators.every((i) => i.closed)).toBe(true)
  })

  it('keyValueStore over a timestamped store returns plain values; timestampedKeyValueStore keeps the timestamps', async () => {
    const ts = kvStore('s', [['alice', { value: 7, timestamp: 100 }]], true)
    const plain = QueryableStoreTypes.keyValueStore<string, number>().create(() => [ts] as unknown as StateStore[])
    expect(plain.get('alice')).toBe(7)
    expect(await collect(plain.all())).toEqual([['alice', 7]])
    const stamped = QueryableStoreTypes.timestampedKeyValueStore<string, number>().create(() => [ts] as unknown as StateStore[])
    expect(stamped.get('alice')).toEqual({ value: 7, timestamp: 100 })
  })

  it('keyValueStore over a plain store returns its values as they are, even values shaped like { value, timestamp }', async () => {
    const plainStore = kvStore('s', [['alice', { value: 7, timestamp: 100 }]], false)
    const view = QueryableStoreTypes.keyValueStore<string, { value: number; timestamp: number }>().create(() => [plainStore] as unknown as StateStore[])
    expect(view.get('alice')).toEqual({ value: 7, timestamp: 100 })
    expect(await collect(view.all())).toEqual([['alice', { value: 7, timestamp: 100 }]])
  })

  it('accepts only stores of its kind', () => {
    const kv = kvStore('s', []) as unknown as StateStore
    const windowLike = { name: 'w', fetchAll: () => null, windowSizeMs: 10 } as unknown as StateStore
    expect(QueryableStoreTypes.keyValueStore().accepts(kv)).toBe(true)
    expect(QueryableStoreTypes.keyValueStore().accepts(windowLike)).toBe(false)
    expect(QueryableStoreTypes.windowStore().accepts(windowLike)).toBe(true)
    expect(QueryableStoreTypes.timestampedKeyValueStore().accepts(kv)).toBe(false)
    expect(QueryableStoreTypes.sessionStore().accepts(kv)).toBe(false)
  })
})
