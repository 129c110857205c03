/**
 * Ports of Kafka's `StoresTest` (argument validation: conditions and messages) and the builder
 * tests `KeyValueStoreBuilderTest`, `WindowStoreBuilderTest`, `SessionStoreBuilderTest`
 * (layers, defaults, retainDuplicates).
 */
import { describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { StoreArgumentError } from '../../../state-stores/errors.js'
import { Stores } from '../../../state-stores/stores.js'
import type { KeyValueBytesStoreSupplier } from '../../../state-stores/bytes/key-value-bytes-store.js'
import type { SessionBytesStoreSupplier } from '../../../state-stores/bytes/session-bytes-store.js'
import type { WindowBytesStoreSupplier } from '../../../state-stores/bytes/window-bytes-store.js'
import { TestStoreContext } from '../helpers/test-store-context.js'

const nullName = null as unknown as string

/** Asserts `fn` throws a StoreArgumentError whose message is exactly `message`. */
function expectArgumentError(fn: () => unknown, message: string): void {
  let caught: unknown
  try {
    fn()
  } catch (err) {
    caught = err
  }
  expect(caught).toBeInstanceOf(StoreArgumentError)
  expect((caught as Error).message).toBe(message)
}

describe('Kafka StoresTest', () => {
  it('shouldThrowIf...StoreNameIsNull ("name cannot be null")', () => {
    expectArgumentError(() => Stores.persistentKeyValueStore(nullName), 'name cannot be null')
    expectArgumentError(() => Stores.persistentTimestampedKeyValueStore(nullName), 'name cannot be null')
    expectArgumentError(() => Stores.inMemoryKeyValueStore(nullName), 'name cannot be null')
    expectArgumentError(() => Stores.lruMap(nullName, 0), 'name cannot be null')
    expectArgumentError(() => Stores.persistentWindowStore(nullName, 0, 0, false), 'name cannot be null')
    expectArgumentError(() => Stores.persistentTimestampedWindowStore(nullName, 0, 0, false), 'name cannot be null')
    expectArgumentError(() => Stores.inMemoryWindowStore(nullName, 0, 0, false), 'name cannot be null')
    expectArgumentError(() => Stores.persistentSessionStore(nullName, 0), 'name cannot be null')
    expectArgumentError(() => Stores.inMemorySessionStore(nullName, 0), 'name cannot be null')
  })

  it('shouldThrowIfILruMapStoreCapacityIsNegative, and accepts a capacity of 0', async () => {
    expectArgumentError(() => Stores.lruMap('anyName', -1), 'maxCacheSize cannot be negative')
    const s = Stores.keyValueStoreBuilder(Stores.lruMap('zero', 0), Serdes.String(), Serdes.String()).withLoggingDisabled().build()
    await s.init(new TestStoreContext(), s)
    s.put('a', '1')
    expect(s.get('a')).toBeNull()
    expect(s.approximateNumEntries()).toBe(0)
  })

  it('shouldThrowIf...RetentionPeriodIsNegative ("retentionPeriod cannot be negative")', () => {
    expectArgumentError(() => Stores.persistentWindowStore('anyName', -1, 0, false), 'retentionPeriod cannot be negative')
    expectArgumentError(() => Stores.persistentTimestampedWindowStore('anyName', -1, 0, false), 'retentionPeriod cannot be negative')
    expectArgumentError(() => Stores.inMemoryWindowStore('anyName', -1, 0, false), 'retentionPeriod cannot be negative')
    expectArgumentError(() => Stores.persistentSessionStore('anyName', -1), 'retentionPeriod cannot be negative')
    expectArgumentError(() => Stores.inMemorySessionStore('anyName', -1), 'retentionPeriod cannot be negative')
  })

  it('shouldThrowIf...WindowSizeIsNegative ("windowSize cannot be negative")', () => {
    expectArgumentError(() => Stores.persistentWindowStore('anyName', 0, -1, false), 'windowSize cannot be negative')
    expectArgumentError(() => Stores.persistentTimestampedWindowStore('anyName', 0, -1, false), 'windowSize cannot be negative')
    expectArgumentError(() => Stores.inMemoryWindowStore('anyName', 0, -1, false), 'windowSize cannot be negative')
  })

  it('rejects a window larger than the retention period, and accepts zero durations', () => {
    expectArgumentError(
      () => Stores.persistentWindowStore('w', 10, 11, false),
      'The retention period of the window store w must be no smaller than its window size. Got size=[11], retention=[10]',
    )
    expect(() => Stores.inMemoryWindowStore('w', 10, 11, false)).toThrow(StoreArgumentError)
    expect(Stores.persistentWindowStore('w', 0, 0, false).retentionPeriodMs).toBe(0)
    expect(Stores.persistentSessionStore('s', 0).retentionPeriodMs).toBe(0)
  })

  it('shouldThrowIfSupplierIsNullFor...StoreBuilder ("supplier cannot be null")', () => {
    expectArgumentError(() => Stores.keyValueStoreBuilder(null as unknown as KeyValueBytesStoreSupplier, Serdes.ByteArray(), Serdes.ByteArray()), 'supplier cannot be null')
    expectArgumentError(() => Stores.windowStoreBuilder(null as unknown as WindowBytesStoreSupplier, Serdes.ByteArray(), Serdes.ByteArray()), 'supplier cannot be null')
    expectArgumentError(() => Stores.sessionStoreBuilder(null as unknown as SessionBytesStoreSupplier, Serdes.ByteArray(), Serdes.ByteArray()), 'supplier cannot be null')
  })

  it('shouldCreate...: engines and persistence as Kafka', () => {
    expect(Stores.inMemoryKeyValueStore('memory').get().persistent).toBe(false)
    expect(Stores.lruMap('map', 10).get().persistent).toBe(false)
    expect(Stores.persistentKeyValueStore('store').get().persistent).toBe(true)
    expect(Stores.persistentWindowStore('store', 1, 1, false).get().persistent).toBe(true)
    expect(Stores.persistentSessionStore('store', 1).get().persistent).toBe(true)
    expect(Stores.inMemoryWindowStore('store', 1, 1, false).get().persistent).toBe(false)
    expect(Stores.inMemorySessionStore('store', 1).get().persistent).toBe(false)
  })
})

describe('Kafka KeyValueStoreBuilderTest / WindowStoreBuilderTest / SessionStoreBuilderTest', () => {
  const builders = () => [
    Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('kv'), Serdes.String(), Serdes.String()),
    Stores.windowStoreBuilder(Stores.inMemoryWindowStore('w', 10, 10, false), Serdes.String(), Serdes.String()),
    Stores.sessionStoreBuilder(Stores.inMemorySessionStore('s', 10), Serdes.String(), Serdes.String()),
  ]

  it('shouldHaveChangeLoggingStoreByDefault / shouldNotHaveChangeLoggingStoreWhenDisabled', () => {
    for (const b of builders()) {
      expect(b.build().capabilities).toMatchObject({ logging: true, caching: false })
      expect(b.withLoggingDisabled().build().capabilities).toMatchObject({ logging: false, caching: false })
    }
  })

  it('shouldHaveCachingStoreWhenEnabled / shouldHaveCachingAndChangeLoggingWhenBothEnabled', () => {
    for (const b of builders()) {
      expect(b.withLoggingDisabled().withCachingEnabled().build().capabilities).toMatchObject({ logging: false, caching: true })
      expect(b.withLoggingEnabled().withCachingEnabled().build().capabilities).toMatchObject({ logging: true, caching: true })
    }
  })

  it('shouldDisableCachingWithRetainDuplicates', () => {
    const b = Stores.windowStoreBuilder(Stores.persistentWindowStore('name', 10, 10, true), Serdes.String(), Serdes.String()).withCachingEnabled()
    expect(b.build().capabilities.caching).toBe(false)
    expect(b.isCachingEnabled).toBe(false)
    const t = Stores.timestampedWindowStoreBuilder(Stores.persistentTimestampedWindowStore('name', 10, 10, true), Serdes.String(), Serdes.String())
    t.withCachingEnabled().build()
    expect(t.isCachingEnabled).toBe(false)
  })

  it('shouldDisableLogCompactionWithRetainDuplicates', () => {
    const b = Stores.windowStoreBuilder(Stores.persistentWindowStore('name', 10, 10, true), Serdes.String(), Serdes.String()).withCachingEnabled()
    expect(b.logConfig['cleanup.policy']).toBe('delete')
    const plain = Stores.windowStoreBuilder(Stores.persistentWindowStore('name', 10, 10, false), Serdes.String(), Serdes.String())
    expect(plain.logConfig['cleanup.policy']).toBeUndefined()
  })
})
