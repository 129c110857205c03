import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CUSTOMERS, OrderGenerator, seededRandom } from '../../examples/orders-per-customer/generator.js'
import type { Order } from '../../examples/orders-per-customer/topology.js'

describe('OrderGenerator', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('generates orders with sequential ids, known customers and amounts from 5 to 250 with cents', () => {
    const gen = new OrderGenerator({ ratePerSec: 1, send: async () => {}, random: seededRandom(1) })
    const orders = Array.from({ length: 5000 }, () => gen.nextOrder())
    expect(orders.slice(0, 3).map((o) => o.id)).toEqual(['o-1', 'o-2', 'o-3'])
    expect(orders.filter((o) => !CUSTOMERS.includes(o.customer))).toEqual([])
    expect(orders.filter((o) => o.amount < 5 || o.amount > 250 || Math.round(o.amount * 100) / 100 !== o.amount)).toEqual([])
    expect(new Set(orders.map((o) => o.id)).size).toBe(5000)
  })

  it('favours the first customers (Zipf-like weights) so the top of the table is stable', () => {
    const gen = new OrderGenerator({ ratePerSec: 1, send: async () => {}, random: seededRandom(42) })
    const counts = new Map<string, number>()
    for (let i = 0; i < 20_000; i++) {
      const c = gen.nextOrder().customer
      counts.set(c, (counts.get(c) ?? 0) + 1)
    }
    // Weight 1/(i+1) over 20 customers: alice ≈ 27.8 %, bob ≈ 13.9 %, yvonne ≈ 1.4 %.
    expect(counts.get('alice')! / 20_000).toBeCloseTo(0.278, 1)
    expect(counts.get('bob')! / 20_000).toBeCloseTo(0.139, 1)
    expect(counts.get('alice')!).toBeGreaterThan(counts.get('bob')!)
    expect(counts.get('bob')!).toBeGreaterThan(counts.get('yvonne')!)
    expect(counts.size).toBe(CUSTOMERS.length)
  })

  it('gives the same orders for the same seed', () => {
    const a = new OrderGenerator({ ratePerSec: 1, send: async () => {}, random: seededRandom(7) })
    const b = new OrderGenerator({ ratePerSec: 1, send: async () => {}, random: seededRandom(7) })
    expect(Array.from({ length: 50 }, () => a.nextOrder())).toEqual(Array.from({ length: 50 }, () => b.nextOrder()))
  })

  it('sends ratePerSec orders per second in one batch per tick', async () => {
    const batches: Order[][] = []
    const gen = new OrderGenerator({ ratePerSec: 300, tickMs: 100, send: async (orders) => void batches.push([...orders]) })
    gen.start()
    await vi.advanceTimersByTimeAsync(1000)
    await gen.stop()
    expect(gen.sent).toBe(300)
    expect(batches).toHaveLength(10)
    expect(batches.every((b) => b.length === 30)).toBe(true)
    expect(batches.flat().map((o) => o.id)).toEqual(Array.from({ length: 300 }, (_, i) => `o-${i + 1}`))
  })

  it('never overlaps sends: a slow send is made up for by a larger next batch', async () => {
    const sizes: number[] = []
    let inFlight = 0
    let maxInFlight = 0
    const gen = new OrderGenerator({
      ratePerSec: 100,
      tickMs: 100,
      send: async (orders) => {
        sizes.push(orders.length)
        maxInFlight = Math.max(maxInFlight, ++inFlight)
        await new Promise((r) => setTimeout(r, sizes.length === 1 ? 450 : 1))
        inFlight--
      },
    })
    gen.start()
    await vi.advanceTimersByTimeAsync(1000)
    const stopping = gen.stop()
    await vi.advanceTimersByTimeAsync(10)
    await stopping
    expect(maxInFlight).toBe(1)
    expect(sizes[0]).toBe(10)
    expect(sizes[1]).toBeGreaterThanOrEqual(40)
    expect(gen.sent).toBeGreaterThanOrEqual(90)
    expect(gen.sent).toBeLessThanOrEqual(100)
  })

  it('stops and reports the error when a send fails', async () => {
    const onError = vi.fn()
    let calls = 0
    const gen = new OrderGenerator({
      ratePerSec: 100,
      tickMs: 100,
      send: async () => {
        calls++
        throw new Error('broker gone')
      },
      onError,
    })
    gen.start()
    await vi.advanceTimersByTimeAsync(1000)
    expect(calls).toBe(1)
    expect(onError).toHaveBeenCalledWith(new Error('broker gone'))
    expect(gen.sent).toBe(0)
    await gen.stop()
  })

  it('rejects a rate that is not positive', () => {
    expect(() => new OrderGenerator({ ratePerSec: 0, send: async () => {} })).toThrow(RangeError)
  })
})
