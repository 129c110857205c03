import { describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { StoreArgumentError } from '../../../state-stores/errors.js'
import { Stores } from '../../../state-stores/stores.js'

describe('Stores', () => {
  it('uses Kafka segment intervals: half the retention, at least one minute', () => {
    expect(Stores.persistentWindowStore('w', 600_000, 1000, false).segmentIntervalMs).toBe(300_000)
    expect(Stores.persistentWindowStore('w', 10_000, 1000, false).segmentIntervalMs).toBe(60_000)
    expect(Stores.persistentSessionStore('s', 3_600_000).segmentIntervalMs).toBe(1_800_000)
    expect(Stores.inMemoryWindowStore('w', 1000, 10, true)).toMatchObject({ retentionPeriodMs: 1000, windowSizeMs: 10, retainDuplicates: true })
  })

  it('rejects empty names, negative durations and windows larger than retention', () => {
    expect(() => Stores.persistentKeyValueStore('')).toThrow(StoreArgumentError)
    expect(() => Stores.persistentWindowStore('w', -1, 0, false)).toThrow(StoreArgumentError)
    expect(() => Stores.inMemoryWindowStore('w', 100, 1000, false)).toThrow(/must be no smaller than its window size/)
    expect(() => Stores.persistentSessionStore('s', -5)).toThrow(StoreArgumentError)
  })

  it('builds with logging on and caching off by default, as Kafka builders do', () => {
    const b = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('kv'), Serdes.String(), Serdes.Long())
    expect(b.name).toBe('kv')
    expect(b.loggingEnabled).toBe(true)
    expect(b.isCachingEnabled).toBe(false)
    expect(b.logConfig).toEqual({})
    expect(b.build().capabilities).toMatchObject({ persistent: true, writeBehind: true, caching: false, logging: true, timestamped: false })
    b.withLoggingEnabled({ 'retention.ms': '100' }).withCachingEnabled()
    expect(b.logConfig).toEqual({ 'retention.ms': '100' })
    expect(b.build().capabilities).toMatchObject({ caching: true, logging: true })
    b.withLoggingDisabled()
    expect(b.loggingEnabled).toBe(false)
    expect(b.build().capabilities.logging).toBe(false)
  })

  it('declares timestamped and in-memory stacks in the capability manifest', () => {
    const t = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('t'), Serdes.String(), Serdes.Long()).build()
    expect(t.persistent).toBe(false)
    expect(t.capabilities).toMatchObject({ persistent: false, timestamped: true, writeBehind: false, segmented: false })
    const w = Stores.windowStoreBuilder(Stores.persistentWindowStore('w', 1000, 10, false), Serdes.String(), Serdes.Long()).build()
    expect(w.capabilities).toMatchObject({ segmented: true, prefixScan: false })
  })

  it('disables caching for window stores that retain duplicates', () => {
    const w = Stores.windowStoreBuilder(Stores.inMemoryWindowStore('dups', 1000, 10, true), Serdes.String(), Serdes.Long()).withCachingEnabled().build()
    expect(w.capabilities.caching).toBe(false)
    expect(w.setFlushListener(() => undefined, false)).toBe(false)
  })

  it('builds a new store instance on every build()', () => {
    const b = Stores.sessionStoreBuilder(Stores.inMemorySessionStore('s', 1000), Serdes.String(), Serdes.Long())
    expect(b.build()).not.toBe(b.build())
  })
})

describe('Stores.lruMap', () => {
  it('evicts the least recently used key past the limit and logs the eviction as a tombstone', async () => {
    const { TestStoreContext } = await import('../helpers/test-store-context.js')
    const ctx = new TestStoreContext()
    ctx.setRecordContext(9)
    const s = Stores.keyValueStoreBuilder(Stores.lruMap('lru', 2), Serdes.String(), Serdes.String()).build()
    await s.init(ctx, s)
    s.put('a', '1')
    s.put('b', '2')
    expect(s.get('a')).toBe('1')
    s.put('c', '3')
    expect(s.get('b')).toBeNull()
    expect(s.get('a')).toBe('1')
    expect(s.approximateNumEntries()).toBe(2)
    expect(ctx.logged.map((c) => [c.key.toString(), c.value?.toString() ?? null])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['b', null],
      ['c', '3'],
    ])
    expect(() => Stores.lruMap('x', -1)).toThrow(StoreArgumentError)
  })
})
