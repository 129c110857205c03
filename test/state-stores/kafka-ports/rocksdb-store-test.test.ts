/**
 * Ports of the behaviour cases of Kafka's `RocksDBStoreTest` (restore batches applied in order,
 * deletes during restore, restores after restores, range with a null bound, putIfAbsent), run
 * on both engines as Kafka's tests run on RocksDB.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const rec = (key: string, value: string | null, offset: number) => ({
  key: Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  timestamp: 0,
  offset,
})
const entries = () => [rec('1', 'a', 0), rec('2', 'b', 1), rec('3', 'c', 2)]

describe.each(allStacks())('Kafka RocksDBStoreTest ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<string, string>>
  const open = async () => {
    h = await openHarness(spec, () =>
      Stores.keyValueStoreBuilder(spec.engine === 'leveldb' ? Stores.persistentKeyValueStore('db') : Stores.inMemoryKeyValueStore('db'), Serdes.String(), Serdes.String()),
    )
    h.ctx.setRecordContext(0)
    return h.store
  }
  const keys = async (s: MeteredKeyValueStore<string, string>) => (await toArray(s.all())).map((e) => e.key).sort()
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldRestoreAll / shouldHandleDeletesOnRestoreAll', async () => {
    const s = await open()
    await h.ctx.restore('db', [...entries(), rec('1', null, 3)])
    expect(await keys(s)).toEqual(['2', '3'])
    expect(s.get('2')).toBe('b')
  })

  it('shouldHandleDeletesAndPutBackOnRestoreAll', async () => {
    const s = await open()
    await h.ctx.restore('db', [rec('1', 'a', 0), rec('2', 'b', 1), rec('1', null, 2), rec('3', 'c', 3), rec('1', 'restored', 4)])
    expect(await keys(s)).toEqual(['1', '2', '3'])
    expect([s.get('1'), s.get('2'), s.get('3')]).toEqual(['restored', 'b', 'c'])
  })

  it('shouldRestoreThenDeleteOnRestoreAll', async () => {
    const s = await open()
    await h.ctx.restore('db', entries())
    expect([s.get('1'), s.get('2'), s.get('3')]).toEqual(['a', 'b', 'c'])
    await h.ctx.restore('db', [rec('2', 'b', 3), rec('3', 'c', 4), rec('1', null, 5)])
    expect(await keys(s)).toEqual(['2', '3'])
  })

  it('shouldHandleTombstoneRecords', async () => {
    const s = await open()
    await h.ctx.restore('db', [rec('1', 'a', 0), rec('1', null, 1)])
    expect(s.get('1')).toBeNull()
  })

  it('shouldPutOnlyIfAbsentValue', async () => {
    const s = await open()
    expect(s.putIfAbsent('one', 'A')).toBeNull()
    expect(s.putIfAbsent('one', 'B')).toBe('A')
    expect(s.get('one')).toBe('A')
  })

  it('shouldPutAll / shouldReturnValueOnRange (null lower bound)', async () => {
    const s = await open()
    s.putAll([
      { key: '1', value: 'a' },
      { key: '2', value: 'b' },
      { key: '3', value: 'c' },
    ])
    expect([s.get('1'), s.get('2'), s.get('3')]).toEqual(['a', 'b', 'c'])
    s.put('0', 'zero')
    expect((await toArray(s.range(null, '1'))).map((e) => [e.key, e.value])).toEqual([
      ['0', 'zero'],
      ['1', 'a'],
    ])
  })

  it('shouldPerformRangeQueriesWithCachingDisabled / shouldPerformAllQueriesWithCachingDisabled', async () => {
    const s = await open()
    s.put('1', 'a')
    s.put('2', 'b')
    s.put('3', 'c')
    expect((await toArray(s.range('1', '2'))).map((e) => e.key)).toEqual(['1', '2'])
    expect((await toArray(s.all())).map((e) => e.key)).toEqual(['1', '2', '3'])
    s.flush()
    await s.persist(1)
    expect((await toArray(s.range('2', '3'))).map((e) => e.key)).toEqual(['2', '3'])
  })
})

describe('Kafka RocksDBStoreTest: iterators of a closed store', () => {
  let h: Harness<MeteredKeyValueStore<string, string>>
  afterEach(async () => {
    await h?.dispose()
  })

  it('shouldCloseOpenRangeIteratorsWhenStoreClosedAndThrowInvalidStateStoreOnHasNextAndNext', async () => {
    h = await openHarness({ label: 'leveldb', engine: 'leveldb', caching: false, logging: false }, () =>
      Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('db'), Serdes.String(), Serdes.String()),
    )
    const s = h.store
    s.put('a', '1')
    s.put('b', '2')
    s.flush()
    await s.persist(1)
    const it1 = s.range('a', 'b')
    const it2 = s.range('a', 'b')
    expect((await it1.next()).value).toEqual({ key: 'a', value: '1' })
    await s.close()
    await expect(it1.next()).rejects.toMatchObject({ code: 'KS_ERR_STORE_CLOSED' })
    await expect(it2.next()).rejects.toMatchObject({ code: 'KS_ERR_STORE_CLOSED' })
  })
})
