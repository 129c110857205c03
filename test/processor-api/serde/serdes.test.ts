import { describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import { SerializationError } from '../../../processor-api/errors.js'

function roundTrip<T>(serde: Serde<T>, value: T): T | null {
  return serde.deserializer.deserialize('t', serde.serializer.serialize('t', value))
}

function hex(b: Buffer | null): string | null {
  return b === null ? null : b.toString('hex')
}

const all: Array<[string, Serde<unknown>]> = [
  ['String', Serdes.String()],
  ['Long', Serdes.Long()],
  ['BigInt', Serdes.BigInt()],
  ['Integer', Serdes.Integer()],
  ['Short', Serdes.Short()],
  ['Double', Serdes.Double()],
  ['Float', Serdes.Float()],
  ['ByteArray', Serdes.ByteArray()],
  ['Bytes', Serdes.Bytes()],
  ['Void', Serdes.Void()],
  ['Boolean', Serdes.Boolean()],
  ['UUID', Serdes.UUID()],
  ['JSON', Serdes.JSON()],
]

describe('Serdes', () => {
  it.each(all)('%s maps null to null in both directions', (_name, serde) => {
    expect(serde.serializer.serialize('t', null)).toBeNull()
    expect(serde.deserializer.deserialize('t', null)).toBeNull()
  })

  it('String round-trips UTF-8 text', () => {
    expect(hex(Serdes.String().serializer.serialize('t', 'héllo'))).toBe(Buffer.from('héllo').toString('hex'))
    for (const s of ['', 'abc', 'héllo wörld', '日本語', '🙂']) expect(roundTrip(Serdes.String(), s)).toBe(s)
  })

  it('String serializes a string decoded a moment ago to the canonical UTF-8 bytes, even when its source bytes were not', () => {
    const s = Serdes.String()
    // Invalid UTF-8 (a lone continuation byte, an overlong NUL): decoded to U+FFFD, re-encoded as EF BF BD.
    for (const bytes of [Buffer.from([0x61, 0x80, 0x62]), Buffer.from([0xc0, 0x80]), Buffer.from([0x80])]) {
      const text = s.deserializer.deserialize('t', bytes)!
      expect(hex(s.serializer.serialize('t', text))).toBe(Buffer.from(text, 'utf8').toString('hex'))
      expect(hex(s.serializer.serialize('t', text))).not.toBe(bytes.toString('hex'))
    }
    // Valid text, ASCII or not, keeps its bytes exactly.
    for (const bytes of [Buffer.from('key-000123'), Buffer.from('héllo'), Buffer.from('🙂x')]) {
      const text = s.deserializer.deserialize('t', bytes)!
      expect(hex(s.serializer.serialize('t', text))).toBe(bytes.toString('hex'))
    }
    // A different string is never answered with remembered bytes.
    s.deserializer.deserialize('t', Buffer.from('abc'))
    expect(s.serializer.serialize('t', 'abd')!.toString()).toBe('abd')
  })

  it('Long writes 8-byte big-endian two-complement bytes as Java does', () => {
    const s = Serdes.Long().serializer
    expect(hex(s.serialize('t', 0))).toBe('0000000000000000')
    expect(hex(s.serialize('t', 1))).toBe('0000000000000001')
    expect(hex(s.serialize('t', -1))).toBe('ffffffffffffffff')
    expect(hex(s.serialize('t', 4294967296))).toBe('0000000100000000')
    expect(hex(s.serialize('t', Number.MAX_SAFE_INTEGER))).toBe('001fffffffffffff')
    expect(hex(s.serialize('t', Number.MIN_SAFE_INTEGER))).toBe('ffe0000000000001')
  })

  it('Long round-trips safe integers', () => {
    for (const n of [0, 1, -1, 255, -256, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5, -(2 ** 40) + 3, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(roundTrip(Serdes.Long(), n)).toBe(n)
    }
  })

  it('Long rejects non-safe and non-integer numbers', () => {
    for (const n of [2 ** 53, -(2 ** 53), 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => Serdes.Long().serializer.serialize('t', n)).toThrow(SerializationError)
    }
  })

  it('Long refuses an int64 outside the safe range and points to BigInt', () => {
    const bytes = Buffer.from('7fffffffffffffff', 'hex')
    expect(() => Serdes.Long().deserializer.deserialize('t', bytes)).toThrow(/safe integer range.*BigInt/)
    expect(Serdes.BigInt().deserializer.deserialize('t', bytes)).toBe(2n ** 63n - 1n)
  })

  it('BigInt round-trips the full int64 range', () => {
    for (const n of [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123456789n]) expect(roundTrip(Serdes.BigInt(), n)).toBe(n)
    expect(() => Serdes.BigInt().serializer.serialize('t', 2n ** 63n)).toThrow(SerializationError)
  })

  it('Integer and Short write big-endian bytes and reject out-of-range values', () => {
    expect(hex(Serdes.Integer().serializer.serialize('t', -2))).toBe('fffffffe')
    expect(hex(Serdes.Short().serializer.serialize('t', 258))).toBe('0102')
    for (const n of [0, 1, -1, 2147483647, -2147483648]) expect(roundTrip(Serdes.Integer(), n)).toBe(n)
    for (const n of [0, 32767, -32768]) expect(roundTrip(Serdes.Short(), n)).toBe(n)
    expect(() => Serdes.Integer().serializer.serialize('t', 2147483648)).toThrow(SerializationError)
    expect(() => Serdes.Integer().serializer.serialize('t', 0.5)).toThrow(SerializationError)
    expect(() => Serdes.Short().serializer.serialize('t', 32768)).toThrow(SerializationError)
  })

  it('Double writes IEEE 754 big-endian and round-trips special values', () => {
    expect(hex(Serdes.Double().serializer.serialize('t', 1))).toBe('3ff0000000000000')
    for (const n of [0, -0, 1.5, -3.25e-300, Number.MAX_VALUE, Number.POSITIVE_INFINITY]) expect(roundTrip(Serdes.Double(), n)).toBe(n)
    expect(roundTrip(Serdes.Double(), Number.NaN)).toBeNaN()
  })

  it('Float rounds to single precision', () => {
    expect(hex(Serdes.Float().serializer.serialize('t', 1))).toBe('3f800000')
    expect(roundTrip(Serdes.Float(), 0.1)).toBeCloseTo(0.1, 6)
  })

  it.each([
    ['Long', Serdes.Long(), 8, 7],
    ['BigInt', Serdes.BigInt(), 8, 9],
    ['Integer', Serdes.Integer(), 4, 3],
    ['Short', Serdes.Short(), 2, 1],
    ['Double', Serdes.Double(), 8, 4],
    ['Float', Serdes.Float(), 4, 8],
    ['Boolean', Serdes.Boolean(), 1, 2],
  ] as Array<[string, Serde<unknown>, number, number]>)('%s throws SerializationError on wrong-length bytes', (name, serde, expected, given) => {
    const err = (() => {
      try {
        serde.deserializer.deserialize('orders', Buffer.alloc(given))
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(SerializationError)
    expect((err as SerializationError).code).toBe('KS_ERR_SERIALIZATION')
    expect((err as SerializationError).topic).toBe('orders')
    expect((err as Error).message).toBe(`Size of data received by ${name}Deserializer is not ${expected} (got ${given} bytes)`)
  })

  it('ByteArray passes buffers through without copying and wraps a Uint8Array', () => {
    const b = Buffer.from([1, 2, 3])
    expect(Serdes.ByteArray().serializer.serialize('t', b)).toBe(b)
    expect(Serdes.ByteArray().deserializer.deserialize('t', b)).toBe(b)
    const u = new Uint8Array([4, 5])
    expect(hex(Serdes.Bytes().serializer.serialize('t', u as Buffer))).toBe('0405')
  })

  it('Void accepts only null', () => {
    expect(() => Serdes.Void().deserializer.deserialize('t', Buffer.alloc(0))).toThrow(/Data should be null for a VoidDeserializer/)
    expect(() => Serdes.Void().serializer.serialize('t', 1 as unknown as null)).toThrow(SerializationError)
  })

  it('Boolean encodes one byte and rejects other bytes', () => {
    expect(hex(Serdes.Boolean().serializer.serialize('t', true))).toBe('01')
    expect(roundTrip(Serdes.Boolean(), false)).toBe(false)
    expect(() => Serdes.Boolean().deserializer.deserialize('t', Buffer.from([2]))).toThrow(SerializationError)
  })

  it('UUID round-trips text and rejects non-UUIDs', () => {
    const id = '123e4567-e89b-12d3-a456-426614174000'
    expect(roundTrip(Serdes.UUID(), id)).toBe(id)
    expect(() => Serdes.UUID().serializer.serialize('t', 'nope')).toThrow(SerializationError)
    expect(() => Serdes.UUID().deserializer.deserialize('t', Buffer.from('nope'))).toThrow(SerializationError)
  })

  it('JSON round-trips values and reports bad JSON with its cause', () => {
    const v = { a: 1, b: ['x', null], c: { d: true } }
    expect(roundTrip(Serdes.JSON<typeof v>(), v)).toEqual(v)
    expect(Serdes.JSON<number[]>().serializer.serialize('t', [1, 2])!.toString()).toBe('[1,2]')
    let err: unknown
    try {
      Serdes.JSON().deserializer.deserialize('events', Buffer.from('{nope'))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(SerializationError)
    expect((err as SerializationError).topic).toBe('events')
    expect((err as Error).cause).toBeInstanceOf(SyntaxError)
  })

  it('JSON refuses values without a JSON form', () => {
    expect(() => Serdes.JSON<unknown>().serializer.serialize('t', () => 1)).toThrow(SerializationError)
    expect(() => Serdes.JSON<unknown>().serializer.serialize('t', 10n)).toThrow(SerializationError)
    const cyclic: { self?: unknown } = {}
    cyclic.self = cyclic
    expect(() => Serdes.JSON<unknown>().serializer.serialize('t', cyclic)).toThrow(SerializationError)
  })

  it('serdeFrom pairs a serializer and a deserializer', () => {
    const upper = Serdes.serdeFrom<string>(
      { serialize: (_t, d) => (d === null ? null : Buffer.from(d.toUpperCase())) },
      { deserialize: (_t, b) => (b === null ? null : b.toString().toLowerCase()) },
    )
    expect(upper.serializer.serialize('t', 'ab')!.toString()).toBe('AB')
    expect(roundTrip(upper, 'Ab')).toBe('ab')
    expect(() => Serdes.serdeFrom({} as never, upper.deserializer)).toThrow(TypeError)
  })

  it('returns the same stateless instance on every call', () => {
    expect(Serdes.String()).toBe(Serdes.String())
    expect(Serdes.Long()).toBe(Serdes.Long())
  })
})
