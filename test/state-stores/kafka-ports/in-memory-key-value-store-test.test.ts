/**
 * Port of the iterator cases of Kafka's `InMemoryKeyValueStoreTest`: an iterator of an in-memory
 * store skips entries deleted after it was opened. (`hasNext`/`peekNextKey` have no counterpart:
 * tributary iterators are async iterators.)
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { toArray } from '../../../state-stores/internal/key-value-iterators.js'
import type { MeteredKeyValueStore } from '../../../state-stores/layers/metered/metered-key-value-store.js'
import { Stores } from '../../../state-stores/stores.js'
import { allStacks, openHarness, type Harness } from '../contract/store-stacks.js'

const stacks = allStacks().filter((s) => s.engine === 'in-memory' && !s.caching)

describe.each(stacks)('Kafka InMemoryKeyValueStoreTest iterators ($label)', (spec) => {
  let h: Harness<MeteredKeyValueStore<string, string>>
  const open = async () => {
    h = await openHarness(spec, () => Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('kv'), Serdes.String(), Serdes.String()))
    h.ctx.setRecordContext(0)
    return h.store
  }
  afterEach(async () => {
    await h?.dispose()
  })

  it('iteratorHasNextOnEmptyStoreShouldReturnFalse / iteratorHasNextOnDeletedEntryShouldReturnFalse', async () => {
    const s = await open()
    expect((await s.all().next()).done).toBe(true)
    s.put('key', 'value')
    const it = s.all()
    s.delete('key')
    expect((await it.next()).done).toBe(true)
  })

  it('iteratorNextShouldSkipDeletedElements', async () => {
    const s = await open()
    s.put('key1', 'value1')
    s.put('key2', 'value2')
    const it = s.all()
    s.delete('key1')
    expect((await it.next()).value).toEqual({ key: 'key2', value: 'value2' })
    await it.close()
  })

  it('iteratorNextShouldThrowExceptionIfRemainingElementsDeleted (the iterator ends)', async () => {
    const s = await open()
    s.put('key1', 'value1')
    s.put('key2', 'value2')
    const it = s.all()
    expect((await it.next()).value).toEqual({ key: 'key1', value: 'value1' })
    s.delete('key2')
    expect((await it.next()).done).toBe(true)
  })

  it('iteratorNextShouldIterateOverAllElements', async () => {
    const s = await open()
    s.put('key1', 'value1')
    s.put('key2', 'value2')
    expect((await toArray(s.all())).map((e) => e.key)).toEqual(['key1', 'key2'])
  })

  it('shouldReturnUUIDsWithStringPrefix', async () => {
    const s = await open()
    const uuid1 = '6f5d3a1e-9b4c-4d2e-8f7a-1c2b3d4e5f60'
    const uuid2 = '6f5d3a1e-0000-4d2e-8f7a-1c2b3d4e5f61'
    const prefix = uuid1.substring(0, 4)
    s.put(uuid1, 'a')
    s.put(uuid2, 'b')
    s.put('other', 'c')
    expect((await toArray(s.prefixScan(prefix, Serdes.String().serializer))).map((e) => e.value).sort()).toEqual(['a', 'b'])
  })
})
