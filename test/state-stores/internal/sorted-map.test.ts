import { describe, expect, it } from 'vitest'
import { SortedMap, type KeyBound } from '../../../state-stores/internal/sorted-map.js'

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomKey(next: () => number): string {
  const len = Math.floor(next() * 4)
  let s = ''
  for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(next() * 256))
  return s
}

function drain(map: SortedMap<number>, lower: KeyBound | null, upper: KeyBound | null, reverse: boolean): string[] {
  const c = map.cursor(lower, upper, reverse)
  const out: string[] = []
  for (let k = c.next(); k !== undefined; k = c.next()) out.push(k)
  return out
}

function inRange(k: string, lower: KeyBound | null, upper: KeyBound | null): boolean {
  if (lower !== null && (k < lower.key || (!lower.inclusive && k === lower.key))) return false
  if (upper !== null && (k > upper.key || (!upper.inclusive && k === upper.key))) return false
  return true
}

describe('SortedMap', () => {
  it('keeps keys in code-unit (byte-wise) order, short keys before their extensions', () => {
    const m = new SortedMap<number>()
    for (const k of ['b', 'aa', '\xff', 'a', '', '\x00']) m.set(k, 1)
    expect([...m.entries()].map((e) => e[0])).toEqual(['', '\x00', 'a', 'aa', 'b', '\xff'])
  })

  it('reports new keys from set and present keys from delete', () => {
    const m = new SortedMap<number>()
    expect(m.set('a', 1)).toBe(true)
    expect(m.set('a', 2)).toBe(false)
    expect(m.get('a')).toBe(2)
    expect(m.delete('a')).toBe(true)
    expect(m.delete('a')).toBe(false)
    expect(m.size).toBe(0)
  })

  it('matches a sorted reference under random inserts, deletes and bounded scans', () => {
    const next = rng(42)
    const m = new SortedMap<number>()
    const ref = new Map<string, number>()
    for (let step = 0; step < 20_000; step++) {
      const k = randomKey(next)
      if (next() < 0.7) {
        m.set(k, step)
        ref.set(k, step)
      } else {
        expect(m.delete(k)).toBe(ref.delete(k))
      }
      if (step % 997 === 0) {
        const sorted = [...ref.keys()].sort()
        const a = randomKey(next)
        const b = randomKey(next)
        const lower: KeyBound | null = next() < 0.2 ? null : { key: a < b ? a : b, inclusive: next() < 0.5 }
        const upper: KeyBound | null = next() < 0.2 ? null : { key: a < b ? b : a, inclusive: next() < 0.5 }
        const expected = sorted.filter((k2) => inRange(k2, lower, upper))
        expect(drain(m, lower, upper, false)).toEqual(expected)
        expect(drain(m, lower, upper, true)).toEqual([...expected].reverse())
      }
    }
    expect(m.size).toBe(ref.size)
    expect([...m.entries()].map((e) => e[0])).toEqual([...ref.keys()].sort())
  })

  it('keeps cursors correct while keys are inserted and deleted during iteration', () => {
    const m = new SortedMap<number>()
    for (let i = 0; i < 5000; i++) m.set(String(i).padStart(5, '0'), i)
    const c = m.cursor(null, null, false)
    const seen: string[] = []
    for (let k = c.next(); k !== undefined; k = c.next()) {
      seen.push(k)
      const n = Number(k)
      // Delete the next key, insert one just after the current key.
      m.delete(String(n + 1).padStart(5, '0'))
      if (n % 100 === 0) m.set(`${k}x`, -1)
    }
    // Every second key was deleted before being reached; inserted keys after the cursor are seen.
    expect(seen.filter((k) => !k.endsWith('x'))).toEqual(Array.from({ length: 2500 }, (_, i) => String(i * 2).padStart(5, '0')))
    expect(seen.filter((k) => k.endsWith('x')).length).toBe(50)
  })
})
