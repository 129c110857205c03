/**
 * Ports of Kafka's `AbstractKeyValueStoreTest` (and the key-value cases of
 * `CachingInMemoryKeyValueStoreTest`, `ChangeLoggingKeyValueBytesStoreTest`,
 * `MeteredKeyValueStoreTest`, `InMemoryKeyValueStoreTest`, `RocksDBStoreTest` not covered by the
 * contract suite): the same inputs and expected outputs, on every engine × caching × logging stack.
 * Keys are Integers and values Strings taken from the context's default serdes, as Kafka's
 * `KeyValueStoreTestDriver` does.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { InvalidStateStoreError, StoreArgumentError } from '../../../state-stores/errors.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { KeyValueIterator } from '../../../state-stores/key-value-store.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness, type StackSpec } from '../contract/store-stacks.js'

type Store = MeteredKeyValueStore<number, string>

function supplier(spec: StackSpec, name: string) {
  return spec.engine === 'leveldb' ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name)
}

async function pairs<K, V>(it: KeyValueIterator<K, V>): Promise<Array<[K, V]>> {
  return (await toArray(it)).map((e) => [e.key, e.value])
}

/** A String serde whose serializer maps the string "null" to null bytes (a delete). */
function nullingStringSerde(): Serde<string> {
  const inner = Serdes.String()
  return {
    serializer: { serialize: (topic, data) => (data === 'null' ? null : inner.serializer.serialize(topic, data)) },
    deserializer: inner.deserializer,
  }
}

/** A String serde that fails when its serializer is called more than `max` times. */
function countingStringSerde(max: number): Serde<string> {
  const inner = Serdes.String()
  let calls = 0
  return {
    serializer: {
      serialize: (topic, data) => {
        if (++calls > max) throw new Error('Value serializer is called; it should never happen')
        return inner.serializer.serialize(topic, data)
      },
    },
    deserializer: inner.deserializer,
  }
}

describe.each(allStacks())('Kafka AbstractKeyValueStoreTest ($label)', (spec) => {
  let h: Harness<Store>
  const open = async (valueSerde: Serde<string> = Serdes.String()) => {
    h = await openHarness(
      spec,
      () => Stores.keyValueStoreBuilder<number, string>(supplier(spec, 'my-store'), null, null),
      (ctx) => {
        ctx.keySerde = Serdes.Integer() as Serde<unknown>
        ctx.valueSerde = valueSerde as Serde<unknown>
      },
    )
    h.ctx.setRecordContext(10)
    return h.store
  }
  /** The last changelog value per key (Kafka's `driver.flushedEntryStored`), logging stacks only. */
  const flushedEntries = () => {
    const out = new Map<number, string | null>()
    for (const c of h.ctx.logged) out.set(c.key.readInt32BE(0), c.value === null ? null : c.value.toString())
    return out
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldNotIncludeDeletedFromRangeResult', async () => {
    const s = await open(countingStringSerde(3))
    s.put(0, 'zero')
    s.put(1, 'one')
    s.put(2, 'two')
    s.delete(0)
    s.delete(1)
    expect(await pairs(s.all())).toEqual([[2, 'two']])
  })

  it('shouldDeleteIfSerializedValueIsNull', async () => {
    const s = await open(nullingStringSerde())
    s.put(0, 'zero')
    s.put(1, 'one')
    s.put(2, 'two')
    s.put(0, 'null')
    s.put(1, 'null')
    expect(await pairs(s.all())).toEqual([[2, 'two']])
  })

  for (const reverse of [false, true]) {
    it(reverse ? 'testPutGetReverseRange' : 'testPutGetRange', async () => {
      const s = await open()
      s.put(0, 'zero')
      s.put(1, 'one')
      s.put(2, 'two')
      s.put(4, 'four')
      s.put(5, 'five')
      expect(await pairs(s.all())).toHaveLength(5)
      expect(s.get(0)).toBe('zero')
      expect(s.get(1)).toBe('one')
      expect(s.get(2)).toBe('two')
      expect(s.get(3)).toBeNull()
      expect(s.get(4)).toBe('four')
      expect(s.get(5)).toBe('five')
      s.flush()
      s.delete(5)
      expect(await pairs(s.all())).toHaveLength(4)
      s.flush()
      if (spec.logging) {
        const flushed = flushedEntries()
        expect(flushed.get(0)).toBe('zero')
        expect(flushed.get(1)).toBe('one')
        expect(flushed.get(2)).toBe('two')
        expect(flushed.get(4)).toBe('four')
        expect(flushed.get(5)).toBeNull()
        expect(flushed.has(5)).toBe(true)
      }
      const range = (from: number, to: number) => (reverse ? s.reverseRange(from, to) : s.range(from, to))
      const expected: Array<[number, string]> = [
        [2, 'two'],
        [4, 'four'],
      ]
      const ordered = (xs: Array<[number, string]>) => (reverse ? [...xs].reverse() : xs)
      expect(await pairs(range(2, 4))).toEqual(ordered(expected))
      expect(await pairs(range(2, 6))).toEqual(ordered(expected))
      expect(await pairs(reverse ? s.reverseAll() : s.all())).toEqual(
        ordered([
          [0, 'zero'],
          [1, 'one'],
          [2, 'two'],
          [4, 'four'],
        ]),
      )
    })
  }

  it('testRestore', async () => {
    const s = await open()
    const enc = (k: number) => Serdes.Integer().serializer.serialize('t', k)!
    await h.ctx.restore('my-store', [
      { key: enc(0), value: Buffer.from('zero'), timestamp: 0, offset: 0 },
      { key: enc(1), value: Buffer.from('one'), timestamp: 0, offset: 1 },
      { key: enc(2), value: Buffer.from('two'), timestamp: 0, offset: 2 },
      { key: enc(3), value: Buffer.from('three'), timestamp: 0, offset: 3 },
    ])
    expect(s.get(0)).toBe('zero')
    expect(s.get(1)).toBe('one')
    expect(s.get(2)).toBe('two')
    expect(s.get(3)).toBe('three')
    expect(await pairs(s.all())).toHaveLength(4)
  })

  it('testPutIfAbsent', async () => {
    const s = await open()
    expect(s.putIfAbsent(0, 'zero')).toBeNull()
    expect(s.putIfAbsent(1, 'one')).toBeNull()
    expect(s.putIfAbsent(2, 'two')).toBeNull()
    expect(s.putIfAbsent(4, 'four')).toBeNull()
    expect(s.putIfAbsent(4, 'unexpected value')).toBe('four')
    expect(await pairs(s.all())).toHaveLength(4)
    expect(s.get(0)).toBe('zero')
    expect(s.get(3)).toBeNull()
    expect(s.get(4)).toBe('four')
    s.flush()
    if (spec.logging) {
      const flushed = flushedEntries()
      expect([...flushed.entries()].sort((a, b) => a[0] - b[0])).toEqual([
        [0, 'zero'],
        [1, 'one'],
        [2, 'two'],
        [4, 'four'],
      ])
    }
  })

  it('throws on null keys (put, putIfAbsent, putAll, delete, get) and accepts null values', async () => {
    const s = await open()
    const nullKey = null as unknown as number
    expect(() => s.put(nullKey, 'anyValue')).toThrow(StoreArgumentError)
    expect(() => s.putIfAbsent(nullKey, 'anyValue')).toThrow(StoreArgumentError)
    expect(() => s.putAll([{ key: nullKey, value: 'anyValue' }])).toThrow(StoreArgumentError)
    expect(() => s.delete(nullKey)).toThrow(StoreArgumentError)
    expect(() => s.get(nullKey)).toThrow(StoreArgumentError)
    s.put(1, null)
    s.putIfAbsent(1, null as unknown as string)
    s.putAll([{ key: 1, value: null }])
    expect(s.get(1)).toBeNull()
  })

  it('shouldReturnValueOnRange / ReverseRange with null bounds', async () => {
    const s = await open()
    s.put(0, 'zero')
    s.put(1, 'one')
    s.put(2, 'two')
    expect(await pairs(s.range(null, 1))).toEqual([
      [0, 'zero'],
      [1, 'one'],
    ])
    expect(await pairs(s.range(1, null))).toEqual([
      [1, 'one'],
      [2, 'two'],
    ])
    expect(await pairs(s.range(null, null))).toEqual([
      [0, 'zero'],
      [1, 'one'],
      [2, 'two'],
    ])
    expect(await pairs(s.reverseRange(null, 1))).toEqual([
      [1, 'one'],
      [0, 'zero'],
    ])
    expect(await pairs(s.reverseRange(1, null))).toEqual([
      [2, 'two'],
      [1, 'one'],
    ])
    expect(await pairs(s.reverseRange(null, null))).toEqual([
      [2, 'two'],
      [1, 'one'],
      [0, 'zero'],
    ])
  })

  it('testSize', async () => {
    const s = await open()
    expect(s.approximateNumEntries()).toBe(0)
    for (const [k, v] of [
      [0, 'zero'],
      [1, 'one'],
      [2, 'two'],
      [4, 'four'],
      [5, 'five'],
    ] as const)
      s.put(k, v)
    s.flush()
    expect(s.approximateNumEntries()).toBe(5)
  })

  it('shouldPutAll / shouldPutReverseAll / shouldDeleteFromStore', async () => {
    const s = await open()
    s.putAll([
      { key: 1, value: 'one' },
      { key: 2, value: 'two' },
    ])
    expect(await pairs(s.all())).toEqual([
      [1, 'one'],
      [2, 'two'],
    ])
    expect(await pairs(s.reverseAll())).toEqual([
      [2, 'two'],
      [1, 'one'],
    ])
    s.delete(2)
    expect(s.get(2)).toBeNull()
  })

  it('shouldReturnSameResultsForGetAndRangeWithEqualKeys (forward and reverse)', async () => {
    const s = await open()
    s.putAll([
      { key: 1, value: 'one' },
      { key: 2, value: 'two' },
      { key: 3, value: 'three' },
    ])
    expect(await pairs(s.range(2, 2))).toEqual([[2, s.get(2)]])
    expect(await pairs(s.reverseRange(2, 2))).toEqual([[2, s.get(2)]])
  })

  it('shouldNotThrowConcurrentModificationException', async () => {
    const s = await open()
    s.put(0, 'zero')
    const it = s.range(0, 2)
    s.put(1, 'one')
    expect((await it.next()).value).toEqual({ key: 0, value: 'zero' })
    await it.close()
  })

  it('returns an empty iterator for a negative from key and for from > to (range and reverseRange)', async () => {
    const s = await open()
    s.put(0, 'zero')
    s.put(1, 'one')
    s.put(2, 'two')
    // -1 serializes to 0xffffffff, which sorts after 1: an inverted range.
    expect(await pairs(s.range(-1, 1))).toEqual([])
    expect(await pairs(s.reverseRange(-1, 1))).toEqual([])
    expect(await pairs(s.range(2, 1))).toEqual([])
    expect(await pairs(s.reverseRange(2, 1))).toEqual([])
  })

  it('prefixScanShouldNotThrowConcurrentModificationException', async () => {
    const s = await open()
    s.put(0, 'zero')
    s.put(1, 'one')
    s.put(222, 'two-hundred-twenty-two')
    s.put(2, 'two')
    s.put(22, 'twenty-two')
    s.put(3, 'three')
    const it = s.prefixScan(2, Serdes.Integer().serializer)
    s.delete(22)
    const got = await pairs(it)
    // The Integer 2 serializes to 00 00 00 02: only the key 2 has that prefix.
    expect(got.map((e) => e[0])).toEqual([2])
  })

  it('throws InvalidStateStoreError for every operation on a closed store (CachingInMemoryKeyValueStoreTest)', async () => {
    const s = await open()
    await s.close()
    const ops: Array<() => unknown> = [
      () => s.get(0),
      () => s.put(1, 'a'),
      () => s.range(1, 2),
      () => s.reverseRange(1, 2),
      () => s.all(),
      () => s.reverseAll(),
      () => s.approximateNumEntries(),
      () => s.putAll([{ key: 1, value: 'a' }]),
      () => s.putIfAbsent(1, 'a'),
      () => s.delete(1),
    ]
    for (const op of ops) expect(op).toThrow(InvalidStateStoreError)
  })
})

describe.each(allStacks())('Kafka InMemoryKeyValueStoreTest / RocksDBStoreTest prefix scans ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<string, string>>
  afterEach(async () => {
    await h?.dispose()
  })
  const open = async () => {
    h = await openHarness(spec, () => Stores.keyValueStoreBuilder(supplier(spec, 'prefix'), Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(0)
    return h.store
  }

  it('shouldReturnKeysWithGivenPrefix', async () => {
    const s = await open()
    s.putAll([
      { key: 'k1', value: 'a' },
      { key: 'prefix_3', value: 'b' },
      { key: 'k2', value: 'c' },
      { key: 'prefix_2', value: 'd' },
      { key: 'k3', value: 'e' },
      { key: 'prefix_1', value: 'f' },
    ])
    expect(await pairs(s.prefixScan('prefix', Serdes.String().serializer))).toEqual([
      ['prefix_1', 'f'],
      ['prefix_2', 'd'],
      ['prefix_3', 'b'],
    ])
  })

  it('shouldReturnKeysWithGivenPrefixExcludingNextKeyLargestKey', async () => {
    const s = await open()
    s.putAll([
      { key: 'abc', value: 'f' },
      { key: 'abcd', value: 'f' },
      { key: 'abce', value: 'f' },
    ])
    expect(await pairs(s.prefixScan('abcd', Serdes.String().serializer))).toEqual([['abcd', 'f']])
  })

  it('shouldReturnNoKeys', async () => {
    const s = await open()
    s.putAll([
      { key: 'a', value: 'a' },
      { key: 'b', value: 'b' },
      { key: 'c', value: 'c' },
    ])
    expect(await pairs(s.prefixScan('d', Serdes.String().serializer))).toEqual([])
  })

  it('shouldThrowNullPointerOnPrefixScanIfPrefixIsNull (MeteredKeyValueStoreTest) / shouldThrowNullPointerIfPrefixKeySerializerIsNull', async () => {
    const s = await open()
    expect(() => s.prefixScan(null, Serdes.String().serializer)).toThrow('prefix cannot be null')
    expect(() => s.prefixScan('a', null as unknown as ReturnType<typeof Serdes.String>['serializer'])).toThrow('prefixKeySerializer cannot be null')
  })

  it('shouldRemoveKeysWithNullValues (InMemoryKeyValueStoreTest)', async () => {
    const s = await open()
    s.put('a', 'x')
    s.put('a', null)
    expect(s.get('a')).toBeNull()
    expect(await pairs(s.all())).toEqual([])
  })
})
