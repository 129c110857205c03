import { describe, expect, it } from 'vitest'
import { ManualScheduler } from '../../../src/broker/coordinator/index.js'

describe('ManualScheduler', () => {
  it('runs due timers in due-time order with the clock at each due time', () => {
    const scheduler = new ManualScheduler(100)
    const seen: [string, number][] = []
    scheduler.schedule(30, () => seen.push(['b', scheduler.nowMs()]))
    scheduler.schedule(10, () => seen.push(['a', scheduler.nowMs()]))
    scheduler.schedule(30, () => seen.push(['c', scheduler.nowMs()]))
    scheduler.advance(29)
    expect(seen).toEqual([['a', 110]])
    scheduler.advance(1)
    expect(seen).toEqual([['a', 110], ['b', 130], ['c', 130]])
    expect(scheduler.nowMs()).toBe(130)
  })

  it('runs timers scheduled by other timers when they fall due within the same advance', () => {
    const scheduler = new ManualScheduler()
    const seen: number[] = []
    scheduler.schedule(5, () => {
      seen.push(scheduler.nowMs())
      scheduler.schedule(5, () => seen.push(scheduler.nowMs()))
    })
    scheduler.advance(20)
    expect(seen).toEqual([5, 10])
    expect(scheduler.nowMs()).toBe(20)
  })

  it('never runs a cancelled timer and counts only live ones', () => {
    const scheduler = new ManualScheduler()
    let ran = false
    const handle = scheduler.schedule(1, () => (ran = true))
    scheduler.schedule(50, () => undefined)
    expect(scheduler.pendingTimers).toBe(2)
    handle.cancel()
    scheduler.advance(10)
    expect(ran).toBe(false)
    expect(scheduler.pendingTimers).toBe(1)
    expect(() => scheduler.advance(-1)).toThrow(RangeError)
  })
})
