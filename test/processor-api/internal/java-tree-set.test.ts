import { describe, expect, it } from 'vitest'
import { JavaTreeSet } from '../../../processor-api/internal/java-tree-set.js'

describe('JavaTreeSet', () => {
  it('keeps elements sorted and drops duplicates under a stable comparator', () => {
    const set = new JavaTreeSet<number>((a, b) => a - b)
    const input = [50, 20, 80, 10, 30, 70, 90, 25, 27, 26, 5, 1, 100, 20]
    for (const n of input) set.add(n)
    expect(set.toArray()).toEqual([...new Set(input)].sort((a, b) => a - b))
    expect(set.size).toBe(13)
    expect(set.add(50)).toBe(false)
  })

  it('places each element by the comparison made when it was inserted', () => {
    const weight = new Map<string, number>([
      ['a', 1],
      ['b', 2],
    ])
    const set = new JavaTreeSet<string>((x, y) => weight.get(x)! - weight.get(y)!)
    set.add('a')
    set.add('b')
    weight.set('a', 3)
    weight.set('c', 2.5)
    set.add('c')
    // 'c' compared with root 'a' (now 3) goes left of it; the earlier order of a/b is kept.
    expect(set.toArray()).toEqual(['c', 'a', 'b'])
  })
})
