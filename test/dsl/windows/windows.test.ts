import { describe, expect, it } from 'vitest'
import { JoinWindows, SessionWindows, SlidingWindows, TimeWindows, DslArgumentError } from '../../../dsl/index.js'
import { WindowedSerdes } from '../../../dsl/windows/windowed-serdes.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'

describe('TimeWindows', () => {
  it('assigns a record to the tumbling window containing it', () => {
    expect([...TimeWindows.ofSizeWithNoGrace(10).windowsFor(25).values()]).toEqual([{ start: 20, end: 30 }])
  })

  it('assigns a record to every hopping window containing it, in start order', () => {
    const w = TimeWindows.ofSizeAndGrace(10, 3).advanceBy(5)
    expect([...w.windowsFor(12).values()]).toEqual([
      { start: 5, end: 15 },
      { start: 10, end: 20 },
    ])
    expect(w.gracePeriodMs()).toBe(3)
    expect(w.size()).toBe(10)
  })

  it('rejects a non-positive size, an advance outside (0, size] and a negative grace', () => {
    expect(() => TimeWindows.ofSizeWithNoGrace(0)).toThrow(DslArgumentError)
    expect(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(11)).toThrow(/advancement interval/)
    expect(() => TimeWindows.ofSizeAndGrace(10, -1)).toThrow(/Grace period must not be negative/)
  })
})

describe('JoinWindows', () => {
  it('is symmetric by default and asymmetric with before/after', () => {
    const w = JoinWindows.ofTimeDifferenceAndGrace(100, 5)
    expect([w.beforeMs, w.afterMs, w.graceMs, w.size()]).toEqual([100, 100, 5, 200])
    const a = w.after(0)
    expect([a.beforeMs, a.afterMs, a.size()]).toEqual([100, 0, 100])
    expect(w.before(30).beforeMs).toBe(30)
  })

  it('rejects a negative window and grace', () => {
    expect(() => JoinWindows.ofTimeDifferenceWithNoGrace(10).before(-20)).toThrow(/must not be negative/)
    expect(() => JoinWindows.ofTimeDifferenceAndGrace(10, -1)).toThrow(DslArgumentError)
  })
})

describe('SessionWindows and SlidingWindows', () => {
  it('keep their gap, time difference and grace', () => {
    expect(SessionWindows.ofInactivityGapAndGrace(5, 2).inactivityGap()).toBe(5)
    expect(SlidingWindows.ofTimeDifferenceAndGrace(7, 1).gracePeriodMs()).toBe(1)
  })

  it('reject invalid durations', () => {
    expect(() => SessionWindows.ofInactivityGapWithNoGrace(0)).toThrow(/Gap time cannot be zero or negative/)
    expect(() => SlidingWindows.ofTimeDifferenceWithNoGrace(-1)).toThrow(/must not be negative/)
  })
})

describe('WindowedSerdes', () => {
  it('round-trips time-windowed keys as <key><int64 start> and restores the end from the size', () => {
    const serde = WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 60_000)
    const bytes = serde.serializer.serialize('t', { key: 'k', window: { start: 120_000, end: 180_000 } })!
    expect(bytes.length).toBe(1 + 8)
    expect(serde.deserializer.deserialize('t', bytes)).toEqual({ key: 'k', window: { start: 120_000, end: 180_000 } })
  })

  it('round-trips session keys as <key><int64 end><int64 start>', () => {
    const serde = WindowedSerdes.sessionWindowedSerdeFrom(Serdes.String())
    const bytes = serde.serializer.serialize('t', { key: 'ab', window: { start: 5, end: 9 } })!
    expect(bytes.readBigInt64BE(2)).toBe(9n)
    expect(serde.deserializer.deserialize('t', bytes)).toEqual({ key: 'ab', window: { start: 5, end: 9 } })
  })
})
