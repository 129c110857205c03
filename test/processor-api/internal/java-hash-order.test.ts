import { describe, expect, it } from 'vitest'
import { copiedCapacity, growingCapacity, javaHashOrder, javaHashSetString, javaStringHash } from '../../../processor-api/internal/java-hash-order.js'

describe('java-hash-order', () => {
  it("computes Java's String.hashCode, wrapping at 32 bits", () => {
    expect(javaStringHash('')).toBe(0)
    expect(javaStringHash('a')).toBe(97)
    expect(javaStringHash('hello')).toBe(99162322)
    expect(javaStringHash('Hello World')).toBe(-862545276)
    // Checked against OpenJDK 17: "KSTREAM-SOURCE-0000000000".hashCode()
    expect(javaStringHash('KSTREAM-SOURCE-0000000000')).toBe(1861603632)
  })

  it('grows capacity like HashMap (load factor 0.75) and sizes copies like new HashSet(collection)', () => {
    expect(growingCapacity(0)).toBe(16)
    expect(growingCapacity(12)).toBe(16)
    expect(growingCapacity(13)).toBe(32)
    expect(copiedCapacity(11)).toBe(16)
    expect(copiedCapacity(12)).toBe(32)
  })

  it('orders by bucket then insertion order', () => {
    // 'Aa' and 'BB' collide in Java (same hash): insertion order decides.
    expect(javaHashOrder(['Aa', 'BB'], 16)).toEqual(['Aa', 'BB'])
    expect(javaHashOrder(['BB', 'Aa'], 16)).toEqual(['BB', 'Aa'])
    expect(javaHashSetString(['topic3', 'topic1', 'topic2'])).toBe('[topic1, topic2, topic3]')
    expect(javaHashSetString([])).toBe('[]')
  })

  it('matches what OpenJDK 17 prints for new HashSet<>(list) of twelve names (capacity 32)', () => {
    const names = Array.from({ length: 12 }, (_, i) => `store-${i}`)
    expect(javaHashSetString(names)).toBe(
      '[store-10, store-0, store-11, store-1, store-2, store-3, store-4, store-5, store-6, store-7, store-8, store-9]',
    )
  })
})
