import { describe, expect, it } from 'vitest'
import type { CachedRecordContext } from '../../../../processor-api/state-store.js'
import { Headers } from '../../../../processor-api/headers.js'
import { NamedCache, type DirtyBatch } from '../../../../state-stores/layers/caching/named-cache.js'

const rc = (offset: number): CachedRecordContext => ({ timestamp: offset, headers: new Headers(), topic: 't', partition: 0, offset })
const bytes = (s: string): Buffer => Buffer.from(s, 'latin1')
const val = (s: string): Buffer => Buffer.from(s)

function recording(): { cache: NamedCache; batches: DirtyBatch[] } {
  const batches: DirtyBatch[] = []
  const cache = new NamedCache('c', (b) => batches.push(b))
  return { cache, batches }
}

describe('NamedCache', () => {
  it('flushes dirty entries in the order of their last write, with key bytes and contexts', () => {
    const { cache, batches } = recording()
    const a = bytes('a')
    cache.put('a', a, val('1'), true, rc(1))
    cache.put('b', bytes('b'), val('2'), true, rc(2))
    cache.put('a', a, val('3'), true, rc(3))
    cache.put('c', bytes('c'), val('4'), false, null)
    cache.flush()
    expect(batches).toHaveLength(1)
    const [batch] = batches
    expect(batch!.keys).toEqual(['b', 'a'])
    expect(batch!.keyBytes[1]).toBe(a)
    expect(batch!.values.map((v) => v!.toString())).toEqual(['2', '3'])
    expect(batch!.contexts.map((c) => c!.offset)).toEqual([2, 3])
    expect(cache.flush()).toBe(0)
    expect(batches).toHaveLength(1)
    expect(cache.get('a')!.dirty).toBe(false)
  })

  it('hands an evicted dirty entry first, then every other dirty entry', () => {
    const { cache, batches } = recording()
    cache.put('a', bytes('a'), val('1'), true, rc(1))
    cache.put('b', bytes('b'), val('2'), true, rc(2))
    cache.get('a')
    cache.evict()
    expect(batches[0]!.keys).toEqual(['b', 'a'])
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')!.dirty).toBe(false)
  })

  it('drops flushed deletions unless the flush callback wrote the key again', () => {
    const batches: DirtyBatch[] = []
    const cache: NamedCache = new NamedCache('c', (b) => {
      batches.push(b)
      if (batches.length === 1) cache.put('y', bytes('y'), val('again'), true, rc(9))
    })
    cache.put('x', bytes('x'), null, true, rc(1))
    cache.put('y', bytes('y'), null, true, rc(2))
    cache.flush()
    expect(cache.get('x')).toBeUndefined()
    expect(cache.get('y')!.value!.toString()).toBe('again')
    cache.flush()
    expect(batches[1]!.keys).toEqual(['y'])
  })

  it('accepts writes made during a flush into the next flush', () => {
    const batches: DirtyBatch[] = []
    const cache: NamedCache = new NamedCache('c', (b) => {
      batches.push(b)
      if (batches.length === 1) cache.put('later', bytes('later'), val('1'), true, rc(5))
    })
    cache.put('k', bytes('k'), val('0'), true, rc(1))
    cache.flush()
    expect(batches.map((b) => b.keys)).toEqual([['k']])
    cache.flush()
    expect(batches.map((b) => b.keys)).toEqual([['k'], ['later']])
  })
})
