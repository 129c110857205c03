import { describe, expect, it } from 'vitest'
import { FrameSizeError } from '../../../../src/broker/broker-error.js'
import { FrameReader } from '../../../../src/broker/server/internal/frame-reader.js'

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length)
  return Buffer.concat([size, body])
}

describe('FrameReader', () => {
  it('returns a frame contained in one chunk as a view without copying', () => {
    const reader = new FrameReader(1024)
    const chunk = frame(Buffer.from('hello'))
    reader.push(chunk)
    const out = reader.next()
    expect(out?.toString()).toBe('hello')
    expect(out?.buffer).toBe(chunk.buffer)
    expect(reader.next()).toBeNull()
    expect(reader.bufferedBytes).toBe(0)
  })

  it('reassembles frames split at every byte boundary, including inside the size prefix', () => {
    const bodies = [Buffer.from('a'), Buffer.alloc(0), Buffer.from('second frame'), Buffer.alloc(300, 7)]
    const stream = Buffer.concat(bodies.map(frame))
    for (let step = 1; step <= 7; step++) {
      const reader = new FrameReader(1024)
      const out: Buffer[] = []
      for (let i = 0; i < stream.length; i += step) {
        reader.push(stream.subarray(i, i + step))
        for (let f = reader.next(); f !== null; f = reader.next()) out.push(Buffer.from(f))
      }
      expect(out).toEqual(bodies)
    }
  })

  it('returns several frames from one chunk', () => {
    const reader = new FrameReader(1024)
    reader.push(Buffer.concat([frame(Buffer.from('x')), frame(Buffer.from('yy')), frame(Buffer.from('zzz')).subarray(0, 5)]))
    expect(reader.next()?.toString()).toBe('x')
    expect(reader.next()?.toString()).toBe('yy')
    expect(reader.next()).toBeNull()
    expect(reader.bufferedBytes).toBe(5)
  })

  it('throws FrameSizeError when the size prefix exceeds the limit, before the body arrives', () => {
    const reader = new FrameReader(100)
    const size = Buffer.alloc(4)
    size.writeInt32BE(101)
    reader.push(size)
    expect(() => reader.next()).toThrow(FrameSizeError)
    try {
      reader.next()
    } catch (err) {
      expect((err as FrameSizeError).code).toBe('BROKER_ERR_FRAME_TOO_LARGE')
    }
  })

  it('throws FrameSizeError for a negative size', () => {
    const reader = new FrameReader(100)
    reader.push(Buffer.from([0xff, 0xff, 0xff, 0xfe]))
    expect(() => reader.next()).toThrow(/negative size/)
  })

  it('reassembles a large frame from many small chunks in linear time', () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 3)
    const stream = frame(body)
    const reader = new FrameReader(16 * 1024 * 1024)
    const started = performance.now()
    let out: Buffer | null = null
    for (let i = 0; i < stream.length; i += 1024) {
      reader.push(stream.subarray(i, i + 1024))
      out = reader.next()
    }
    expect(out?.length).toBe(body.length)
    expect(out?.equals(body)).toBe(true)
    // 8K pushes; quadratic copying would move ~32 GB and take far longer than this bound.
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
