/**
 * Ports of Kafka's `ChangeLoggingKeyValueBytesStoreTest` and
 * `ChangeLoggingTimestampedKeyValueBytesStoreTest`: what reaches the changelog (key, value,
 * record timestamp) for each write, on the logged, uncached stacks of both engines.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const loggedStacks = allStacks().filter((s) => s.logging && !s.caching)

describe.each(loggedStacks)('Kafka ChangeLoggingKeyValueBytesStoreTest ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<string, string>>
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.keyValueStoreBuilder(spec.engine === 'leveldb' ? Stores.persistentKeyValueStore('kv') : Stores.inMemoryKeyValueStore('kv'), Serdes.String(), Serdes.String()),
    )
    h.ctx.setRecordContext(0)
    return h.store
  }
  const logged = () => h.ctx.logged.map((c) => [c.key.toString(), c.value === null ? null : c.value.toString()])
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldWriteKeyValueBytesToInnerStoreOnPut / shouldWriteAllKeyValueToInnerStoreOnPutAll', async () => {
    const s = await open()
    s.put('hi', 'there')
    expect(s.get('hi')).toBe('there')
    expect(logged()).toEqual([['hi', 'there']])
    s.putAll([
      { key: 'hi', value: 'there' },
      { key: 'hello', value: 'world' },
    ])
    expect(s.get('hello')).toBe('world')
    expect(logged()).toEqual([
      ['hi', 'there'],
      ['hi', 'there'],
      ['hello', 'world'],
    ])
  })

  it('shouldPropagateDelete / shouldReturnOldValueOnDelete / shouldLogKeyNullOnDelete', async () => {
    const s = await open()
    s.put('hi', 'there')
    expect(s.delete('hi')).toBe('there')
    expect(s.get('hi')).toBeNull()
    expect(s.approximateNumEntries()).toBe(0)
    expect(logged()).toEqual([
      ['hi', 'there'],
      ['hi', null],
    ])
  })

  it('putIfAbsent writes and logs only when absent, and returns the current value', async () => {
    const s = await open()
    expect(s.putIfAbsent('hi', 'there')).toBeNull()
    expect(s.putIfAbsent('hi', 'world')).toBe('there')
    expect(s.get('hi')).toBe('there')
    expect(logged()).toEqual([['hi', 'there']])
  })

  it('shouldGetRecordsWithPrefixKey', async () => {
    const s = await open()
    s.put('hi', 'there')
    s.put('hj', 'world') // Bytes.increment("hi")
    expect((await toArray(s.prefixScan('hi', Serdes.String().serializer))).map((e) => [e.key, e.value])).toEqual([['hi', 'there']])
  })
})

describe.each(loggedStacks)('Kafka ChangeLoggingTimestampedKeyValueBytesStoreTest ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<string, ValueAndTimestamp<string>>>
  const there = ValueAndTimestamp.make('there', 97)
  const world = ValueAndTimestamp.make('world', 98)
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.timestampedKeyValueStoreBuilder(
        spec.engine === 'leveldb' ? Stores.persistentTimestampedKeyValueStore('tkv') : Stores.inMemoryKeyValueStore('tkv'),
        Serdes.String(),
        Serdes.String(),
      ),
    )
    h.ctx.setRecordContext(0)
    return h.store
  }
  const logged = () => h.ctx.logged.map((c) => [c.key.toString(), c.value === null ? null : c.value.toString(), c.timestamp])
  afterEach(async () => {
    await h?.dispose()
  })

  it('logs the plain value with its timestamp on put and putAll, and a null with the record time on delete', async () => {
    const s = await open()
    s.put('hi', there)
    expect(s.get('hi')).toEqual(there)
    s.putAll([
      { key: 'hi', value: there },
      { key: 'hello', value: world },
    ])
    expect(s.delete('hi')).toEqual(there)
    expect(s.get('hi')).toBeNull()
    expect(logged()).toEqual([
      ['hi', 'there', 97],
      ['hi', 'there', 97],
      ['hello', 'world', 98],
      ['hi', null, 0],
    ])
  })

  it('putIfAbsent writes and logs only when absent', async () => {
    const s = await open()
    expect(s.putIfAbsent('hi', there)).toBeNull()
    expect(s.putIfAbsent('hi', world)).toEqual(there)
    expect(s.get('hi')).toEqual(there)
    expect(logged()).toEqual([['hi', 'there', 97]])
  })
})

describe('Kafka ValueAndTimestamp', () => {
  it('make returns null for a null value, and getValueOrNull unwraps', () => {
    expect(ValueAndTimestamp.make(null, 5)).toBeNull()
    expect(ValueAndTimestamp.make('v', 5)).toEqual({ value: 'v', timestamp: 5 })
    expect(ValueAndTimestamp.getValueOrNull(ValueAndTimestamp.make('v', 5))).toBe('v')
    expect(ValueAndTimestamp.getValueOrNull(null)).toBeNull()
  })
})
