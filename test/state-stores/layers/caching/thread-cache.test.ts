import { describe, expect, it } from 'vitest'
import { ENTRY_OVERHEAD_BYTES } from '../../../../state-stores/layers/caching/named-cache.js'
import { Serdes } from '../../../../processor-api/serde/serdes.js'
import { StoreArgumentError } from '../../../../state-stores/errors.js'
import { DEFAULT_CACHE_MAX_BYTES, ThreadCache, attachThreadCache, cacheMaxBytesOf } from '../../../../state-stores/layers/caching/thread-cache.js'
import { Stores } from '../../../../state-stores/stores.js'
import { TestStoreContext } from '../../helpers/test-store-context.js'

async function cachedStore(ctx: TestStoreContext, name: string) {
  const s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String()).withCachingEnabled().withLoggingDisabled().build()
  await s.init(ctx, s)
  return s
}

describe('ThreadCache', () => {
  it('reads the budget from cacheMaxBytes or Kafka config names, 10 MiB by default', () => {
    expect(cacheMaxBytesOf({})).toBe(DEFAULT_CACHE_MAX_BYTES)
    expect(cacheMaxBytesOf({ cacheMaxBytes: 1234 })).toBe(1234)
    expect(cacheMaxBytesOf({ 'statestore.cache.max.bytes': '2048' })).toBe(2048)
    expect(cacheMaxBytesOf({ 'cache.max.bytes.buffering': 0 })).toBe(0)
    expect(() => new ThreadCache(-1)).toThrow(StoreArgumentError)
  })

  it('shares one byte budget between the stores of one context, evicting from the store being written', async () => {
    const ctx = new TestStoreContext()
    // Five entries of a two-byte key and a one-byte value fit, six do not.
    const budget = 6 * (ENTRY_OVERHEAD_BYTES + 3) - 2
    const cache = new ThreadCache(budget)
    attachThreadCache(ctx, cache)
    ctx.setRecordContext(1)
    const a = await cachedStore(ctx, 'a')
    const b = await cachedStore(ctx, 'b')
    const flushedA: string[] = []
    const flushedB: string[] = []
    a.setFlushListener((r) => flushedA.push(r.key), false)
    b.setFlushListener((r) => flushedB.push(r.key), false)
    a.put('a1', 'x')
    a.put('a2', 'x')
    a.put('a3', 'x')
    expect(cache.sizeBytes).toBe(3 * (ENTRY_OVERHEAD_BYTES + 3))
    b.put('b1', 'x')
    b.put('b2', 'x')
    b.put('b3', 'x')
    // Over budget after b's puts: b evicts its own oldest entry (flushing b), a keeps its entries.
    expect(flushedA).toEqual([])
    expect(flushedB).toEqual(['b1', 'b2', 'b3'])
    expect(cache.sizeBytes).toBeLessThanOrEqual(budget)
    a.flush()
    expect(flushedA).toEqual(['a1', 'a2', 'a3'])
  })

  it('flushes every put at once with a zero budget (caching effectively off)', async () => {
    const ctx = new TestStoreContext()
    ctx.appConfigs = { cacheMaxBytes: 0 }
    ctx.setRecordContext(1)
    const s = await cachedStore(ctx, 'zero')
    const seen: string[] = []
    s.setFlushListener((r) => seen.push(`${r.key}=${r.value.newValue}`), false)
    s.put('k', '1')
    s.put('k', '2')
    expect(seen).toEqual(['k=1', 'k=2'])
  })
})
