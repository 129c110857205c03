import { describe, expect, it } from 'vitest'
import { FixedKeyRecord, Record } from '../../processor-api/record.js'
import { Headers } from '../../processor-api/headers.js'

describe('Record', () => {
  it('exposes key, value, timestamp and headers', () => {
    const r = new Record('k', 1, 100, [{ key: 'h', value: Buffer.from('v') }])
    expect(r.key).toBe('k')
    expect(r.value).toBe(1)
    expect(r.timestamp).toBe(100)
    expect(r.headers.lastHeader('h')!.value!.toString()).toBe('v')
  })

  it('returns new records from with* and leaves the original unchanged', () => {
    const r = new Record('k', 'v', 5)
    const a = r.withKey(7)
    const b = r.withValue(null)
    const c = r.withTimestamp(9)
    const d = r.withHeaders([{ key: 'x', value: null }])
    expect([a.key, a.value, a.timestamp]).toEqual([7, 'v', 5])
    expect([b.key, b.value, b.timestamp]).toEqual(['k', null, 5])
    expect(c.timestamp).toBe(9)
    expect(d.headers.size).toBe(1)
    expect([r.key, r.value, r.timestamp, r.headers.size]).toEqual(['k', 'v', 5, 0])
    for (const x of [a, b, c, d]) expect(x).not.toBe(r)
  })

  it('copies headers so records never share a mutable Headers', () => {
    const h = new Headers().add('a', '1')
    const r = new Record('k', 'v', 0, h)
    h.add('b', '2')
    expect(r.headers.size).toBe(1)
    const copy = r.withValue('w')
    copy.headers.add('c', '3')
    expect(r.headers.size).toBe(1)
    expect(copy.headers.size).toBe(2)
    expect(copy.headers).not.toBe(r.headers)
  })

  it('keeps a derived record\'s headers as they were, whatever later happens to its source', () => {
    const r = new Record('k', 'v', 0, [{ key: 'a', value: null }])
    const derived = r.withTimestamp(5)
    r.headers.add('b', '2')
    expect(derived.headers.toArray().map((h) => h.key)).toEqual(['a'])
    const untouched = new Record('k', 'v', 0)
    const next = untouched.withKey('j')
    next.headers.add('x', '1')
    expect(untouched.headers.size).toBe(0)
    expect(untouched.withValue('w').headers.size).toBe(0)
  })

  it('rejects a negative or non-finite timestamp', () => {
    expect(() => new Record('k', 'v', -1)).toThrow(RangeError)
    expect(() => new Record('k', 'v', Number.NaN)).toThrow(RangeError)
    expect(() => new Record('k', 'v', 0).withTimestamp(-5)).toThrow(RangeError)
  })
})

describe('FixedKeyRecord', () => {
  it('changes value, timestamp and headers but keeps the key, copying headers', () => {
    const h = new Headers().add('a', '1')
    const r = new FixedKeyRecord('k', 1, 10, h)
    const v = r.withValue('two')
    const t = r.withTimestamp(20)
    const w = r.withHeaders([{ key: 'z', value: null }])
    expect([v.key, v.value, v.timestamp]).toEqual(['k', 'two', 10])
    expect(t.timestamp).toBe(20)
    expect(w.headers.toArray().map((x) => x.key)).toEqual(['z'])
    v.headers.add('b', '2')
    expect(r.headers.size).toBe(1)
    expect('withKey' in r).toBe(false)
  })
})

describe('Headers', () => {
  it('keeps repeated keys in order and finds the last one', () => {
    const h = new Headers().add('k', 'a').add('other', null).add('k', Buffer.from('b'))
    expect(h.headers('k').map((x) => x.value!.toString())).toEqual(['a', 'b'])
    expect(h.lastHeader('k')!.value!.toString()).toBe('b')
    expect(h.lastHeader('missing')).toBeNull()
    expect([...h].map((x) => x.key)).toEqual(['k', 'other', 'k'])
  })

  it('removes every header with a key', () => {
    const h = new Headers().add('k', 'a').add('x', 'b').add('k', 'c').remove('k')
    expect(h.toArray().map((x) => x.key)).toEqual(['x'])
  })

  it('copies independently', () => {
    const h = new Headers().add('k', 'a')
    const c = h.copy().add('j', 'b')
    expect(h.size).toBe(1)
    expect(c.size).toBe(2)
  })

  it('keeps a copy unchanged when the original is mutated afterwards (copy-on-write both ways)', () => {
    const h = new Headers([{ key: 'k', value: null }, { key: 'x', value: null }])
    const c = h.copy()
    h.remove('k').add('y', 'v')
    expect(c.toArray().map((x) => x.key)).toEqual(['k', 'x'])
    expect(h.toArray().map((x) => x.key)).toEqual(['x', 'y'])
    const d = c.copy()
    c.remove('x')
    expect(d.toArray().map((x) => x.key)).toEqual(['k', 'x'])
    expect(c.toArray().map((x) => x.key)).toEqual(['k'])
  })

  it('does not alias the array it is built from', () => {
    const list = [{ key: 'k', value: null }]
    const h = new Headers(list)
    list.push({ key: 'late', value: null })
    expect(h.size).toBe(1)
  })
})
