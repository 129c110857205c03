import { describe, expect, it } from 'vitest'
import { LruList, type LruNode } from '../../../state-stores/internal/lru-list.js'

interface Node extends LruNode {
  name: string
}
const node = (name: string): Node => ({ name, lruPrev: null, lruNext: null })

describe('LruList', () => {
  it('returns nodes least recently used first as they are appended, touched and removed', () => {
    const list = new LruList<Node>()
    const [a, b, c] = [node('a'), node('b'), node('c')]
    expect(list.oldest()).toBeNull()
    list.append(a)
    list.append(b)
    list.append(c)
    list.touch(a)
    expect(list.oldest()?.name).toBe('b')
    list.remove(b)
    expect(list.oldest()?.name).toBe('c')
    list.remove(c)
    list.remove(a)
    expect(list.oldest()).toBeNull()
    list.append(c)
    expect(list.oldest()?.name).toBe('c')
  })

  it('evicts in constant time per node over many touches', () => {
    const list = new LruList<Node>()
    const nodes = Array.from({ length: 100_000 }, (_, i) => node(String(i)))
    for (const n of nodes) list.append(n)
    for (let i = 0; i < nodes.length; i += 2) list.touch(nodes[i]!)
    const order: string[] = []
    for (let n = list.oldest(); n !== null; n = list.oldest()) {
      order.push(n.name)
      list.remove(n)
    }
    expect(order.slice(0, 3)).toEqual(['1', '3', '5'])
    expect(order.slice(-2)).toEqual(['99996', '99998'])
    expect(order).toHaveLength(100_000)
  })
})
