import { describe, expect, it } from 'vitest'
import { TimeSketch } from '../../../state-stores/internal/time-sketch.js'

describe('TimeSketch', () => {
  it('never rules out a key that has data at or after the queried time', () => {
    const sketch = new TimeSketch()
    const keys = Array.from({ length: 200_000 }, (_, i) => Buffer.from(`key-${i}`))
    keys.forEach((k, i) => sketch.note(k, i))
    keys.forEach((k, i) => expect(sketch.mayHaveFrom(k, i)).toBe(true))
  })

  it('rules out keys whose slot holds only older data, and everything above the reset bound', () => {
    const sketch = new TimeSketch()
    expect(sketch.mayHaveFrom(Buffer.from('a'), 0)).toBe(false)
    sketch.note(Buffer.from('a'), 100)
    expect(sketch.mayHaveFrom(Buffer.from('a'), 100)).toBe(true)
    expect(sketch.mayHaveFrom(Buffer.from('a'), 101)).toBe(false)
    sketch.reset(500)
    expect(sketch.mayHaveFrom(Buffer.from('zzz'), 500)).toBe(true)
    expect(sketch.mayHaveFrom(Buffer.from('zzz'), 501)).toBe(false)
  })
})
