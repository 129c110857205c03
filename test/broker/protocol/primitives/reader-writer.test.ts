import { describe, expect, it } from 'vitest'
import { ProtocolDecodeError, ProtocolEncodeError } from '../../../../src/broker/protocol/errors.js'
import { Reader } from '../../../../src/broker/protocol/primitives/reader.js'
import { Writer, ZERO_COPY_THRESHOLD } from '../../../../src/broker/protocol/primitives/writer.js'

function bytes(w: Writer): number[] {
  return [...w.toBuffer()]
}

describe('Writer and Reader', () => {
  it('round-trips fixed-width integers at their limits', () => {
    const w = new Writer(4)
    w.int8(-128).int8(127).int16(-32768).int16(32767).uint16(65535).int32(-2147483648).int32(2147483647)
    w.uint32(4294967295).int64(-(2n ** 63n)).int64(2n ** 63n - 1n).float64(1.5).bool(true).bool(false)
    const r = new Reader(w.toBuffer())
    expect([r.int8(), r.int8(), r.int16(), r.int16(), r.uint16(), r.int32(), r.int32(), r.uint32()]).toEqual([
      -128, 127, -32768, 32767, 65535, -2147483648, 2147483647, 4294967295,
    ])
    expect([r.int64(), r.int64()]).toEqual([-(2n ** 63n), 2n ** 63n - 1n])
    expect([r.float64(), r.bool(), r.bool()]).toEqual([1.5, true, false])
    expect(r.remaining).toBe(0)
  })

  it('writes big-endian integers', () => {
    expect(bytes(new Writer().int32(0x01020304).int16(0x0506))).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('encodes unsigned varints at the 7-bit group boundaries', () => {
    const cases: [number, number[]][] = [
      [0, [0x00]],
      [127, [0x7f]],
      [128, [0x80, 0x01]],
      [16383, [0xff, 0x7f]],
      [16384, [0x80, 0x80, 0x01]],
      [2097151, [0xff, 0xff, 0x7f]],
      [2097152, [0x80, 0x80, 0x80, 0x01]],
      [268435455, [0xff, 0xff, 0xff, 0x7f]],
      [268435456, [0x80, 0x80, 0x80, 0x80, 0x01]],
      [4294967295, [0xff, 0xff, 0xff, 0xff, 0x0f]],
    ]
    for (const [value, encoded] of cases) {
      expect(bytes(new Writer().uvarint(value))).toEqual(encoded)
      expect(new Reader(Buffer.from(encoded)).uvarint()).toBe(value)
    }
  })

  it('zig-zag encodes negative and positive varints', () => {
    const cases: [number, number[]][] = [
      [0, [0x00]],
      [-1, [0x01]],
      [1, [0x02]],
      [-2, [0x03]],
      [-64, [0x7f]],
      [64, [0x80, 0x01]],
      [2147483647, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
      [-2147483648, [0xff, 0xff, 0xff, 0xff, 0x0f]],
    ]
    for (const [value, encoded] of cases) {
      expect(bytes(new Writer().varint(value))).toEqual(encoded)
      expect(new Reader(Buffer.from(encoded)).varint()).toBe(value)
    }
  })

  it('round-trips varlongs across the fast-path boundary and the int64 limits', () => {
    const values = [0n, -1n, 1n, 134217727n, -134217728n, 134217728n, -134217729n, 2n ** 40n, -(2n ** 40n), 2n ** 63n - 1n, -(2n ** 63n)]
    for (const v of values) {
      const w = new Writer().varlong(v)
      const r = new Reader(w.toBuffer())
      expect(r.varlong()).toBe(v)
      expect(r.remaining).toBe(0)
    }
    expect(bytes(new Writer().varlong(-(2n ** 63n)))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
  })

  it('rejects a varint longer than 32 bits', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x1f])).uvarint()).toThrow(ProtocolDecodeError)
  })

  it('round-trips classic and compact strings including null and UTF-8', () => {
    const w = new Writer()
    w.string('héllo').nullableString(null).nullableString('').compactString('ü').compactNullableString(null).compactNullableString('')
    const buf = w.toBuffer()
    expect([...buf.subarray(0, 2)]).toEqual([0, 6])
    const r = new Reader(buf)
    expect([r.string(), r.nullableString(), r.nullableString(), r.compactString(), r.compactNullableString(), r.compactNullableString()]).toEqual([
      'héllo',
      null,
      '',
      'ü',
      null,
      '',
    ])
  })

  it('encodes compact null as 0 and classic null as -1', () => {
    expect(bytes(new Writer().compactNullableString(null).compactNullableBytes(null).compactArrayLength(null))).toEqual([0, 0, 0])
    expect(bytes(new Writer().nullableString(null))).toEqual([0xff, 0xff])
    expect(bytes(new Writer().nullableBytes(null).arrayLength(null))).toEqual([255, 255, 255, 255, 255, 255, 255, 255])
    expect(bytes(new Writer().compactArrayLength(0).compactArrayLength(3))).toEqual([1, 4])
  })

  it('throws when a non-nullable string or bytes field holds null', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(/null string/)
    expect(() => new Reader(Buffer.from([0])).compactString()).toThrow(/null string/)
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff])).bytes()).toThrow(/null bytes/)
  })

  it('returns byte fields as views of the input', () => {
    const buf = Buffer.from([0, 0, 0, 3, 1, 2, 3, 4, 9, 8, 7])
    const r = new Reader(buf)
    const b = r.bytes()
    expect([...b]).toEqual([1, 2, 3])
    expect(b.buffer).toBe(buf.buffer)
    expect([...r.compactBytes()]).toEqual([9, 8, 7])
    expect(r.compactNullableBytes.bind(r)).toThrow(ProtocolDecodeError)
  })

  it('checks array counts against the remaining bytes', () => {
    expect(new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff])).arrayLength()).toBeNull()
    expect(new Reader(Buffer.from([0])).compactArrayLength()).toBeNull()
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).arrayLength()).toThrow(/exceeds the remaining input/)
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).arrayLength()).toThrow(/invalid array length -2/)
    expect(() => new Reader(Buffer.from([5, 1, 1])).compactArrayLength(1)).toThrow(/exceeds/)
  })

  it('round-trips UUIDs', () => {
    const id = '0123abcd-4567-89ef-0123-456789abcdef'
    const w = new Writer().uuid(id).uuid('00000000000000000000000000000000')
    const r = new Reader(w.toBuffer())
    expect(r.uuid()).toBe(id)
    expect(r.uuid()).toBe('00000000-0000-0000-0000-000000000000')
    expect(() => new Writer().uuid('xyz')).toThrow(ProtocolEncodeError)
  })

  it('reads tagged fields in order and skips unknown ones by length', () => {
    const w = new Writer().uvarint(3)
    w.uvarint(0).uvarint(2).int16(7)
    w.uvarint(5).uvarint(3).uint8(1).uint8(2).uint8(3)
    w.uvarint(9).uvarint(4).int32(42)
    w.int8(99)
    const r = new Reader(w.toBuffer())
    const seen: [number, number][] = []
    r.taggedFields((tag, field) => {
      if (tag === 5) return false
      seen.push([tag, tag === 0 ? field.int16() : field.int32()])
      return true
    })
    expect(seen).toEqual([
      [0, 7],
      [9, 42],
    ])
    expect(r.int8()).toBe(99)
  })

  it('rejects tagged fields that are not strictly ascending', () => {
    const w = new Writer().uvarint(2).uvarint(4).uvarint(0).uvarint(4).uvarint(0)
    expect(() => new Reader(w.toBuffer()).taggedFields()).toThrow(/out of order/)
  })

  it('throws ProtocolDecodeError with the byte position on underflow', () => {
    const r = new Reader(Buffer.from([0, 1, 2, 3, 4, 5]))
    r.int32()
    try {
      r.int32()
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolDecodeError)
      expect((e as ProtocolDecodeError).position).toBe(4)
      expect((e as ProtocolDecodeError).code).toBe('KB_ERR_PROTOCOL_DECODE')
    }
  })

  it('respects an explicit end bound', () => {
    const r = new Reader(Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]), 0, 6)
    expect(r.int32()).toBe(1)
    expect(() => r.int32()).toThrow(ProtocolDecodeError)
  })

  it('grows across chunks without losing bytes', () => {
    const w = new Writer(8)
    for (let i = 0; i < 1000; i++) w.int32(i)
    const r = new Reader(w.toBuffer())
    for (let i = 0; i < 1000; i++) expect(r.int32()).toBe(i)
    expect(w.length).toBe(4000)
  })

  it('references large buffers instead of copying them', () => {
    const big = Buffer.alloc(ZERO_COPY_THRESHOLD, 7)
    const w = new Writer().int32(1).bytes(big).int8(2)
    const chunks = w.toChunks()
    expect(chunks).toContain(big)
    expect(Buffer.concat(chunks).length).toBe(4 + 4 + big.length + 1)
  })

  it('writes a list of buffers back to back as one bytes field', () => {
    const w = new Writer().bytes([Buffer.from([1, 2]), Buffer.from([3])])
    expect(bytes(w)).toEqual([0, 0, 0, 3, 1, 2, 3])
  })

  it('rejects out-of-range values on encode', () => {
    expect(() => new Writer().uvarint(-1)).toThrow(ProtocolEncodeError)
    expect(() => new Writer().int16(40000)).toThrow(RangeError)
    expect(() => new Writer().string('x'.repeat(40000))).toThrow(/too long/)
  })
})
