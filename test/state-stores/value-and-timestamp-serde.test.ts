import { describe, expect, it } from 'vitest'
import { SerializationError } from '../../processor-api/errors.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { ValueAndTimestampSerde } from '../../state-stores/value-and-timestamp-serde.js'

describe('ValueAndTimestampSerde', () => {
  const serde = new ValueAndTimestampSerde(Serdes.String())

  it('writes the 8-byte big-endian timestamp before the value bytes (Kafka layout)', () => {
    const bytes = serde.serializer.serialize('t', { value: 'hi', timestamp: 258 })!
    expect(bytes.toString('hex')).toBe('0000000000000102' + Buffer.from('hi').toString('hex'))
    expect(serde.deserializer.deserialize('t', bytes)).toEqual({ value: 'hi', timestamp: 258 })
  })

  it('maps null to null both ways and rejects short input', () => {
    expect(serde.serializer.serialize('t', null)).toBeNull()
    expect(serde.deserializer.deserialize('t', null)).toBeNull()
    expect(() => serde.deserializer.deserialize('t', Buffer.alloc(3))).toThrow(SerializationError)
  })

  describe('over a fixed-width value serde (Long), written in place', () => {
    const longs = new ValueAndTimestampSerde(Serdes.Long())

    it('has the same layout as timestamp bytes followed by the Long serializer bytes', () => {
      const bytes = longs.serializer.serialize('t', { value: -2, timestamp: 1_700_000_000_000 })!
      const expected = Buffer.concat([Buffer.from('0000018bcfe56800', 'hex'), Serdes.Long().serializer.serialize('t', -2)!])
      expect(bytes.equals(expected)).toBe(true)
      expect(longs.deserializer.deserialize('t', bytes)).toEqual({ value: -2, timestamp: 1_700_000_000_000 })
    })

    it('keeps the Long serde checks: unsafe integers, wrong sizes and null values', () => {
      expect(() => longs.serializer.serialize('t', { value: 2 ** 53, timestamp: 1 })).toThrow(/LongSerializer: expected a safe integer/)
      expect(() => longs.deserializer.deserialize('t', Buffer.alloc(8 + 4))).toThrow(/Size of data received by LongDeserializer is not 8/)
      const unsafe = Buffer.alloc(16, 0x7f)
      expect(() => longs.deserializer.deserialize('t', unsafe)).toThrow(/outside the safe integer range/)
      expect(longs.serializer.serialize('t', { value: null as unknown as number, timestamp: 1 })).toBeNull()
    })
  })

  it('writes Integer and Double values in place with the same bytes as their serializers', () => {
    const ints = new ValueAndTimestampSerde(Serdes.Integer())
    const doubles = new ValueAndTimestampSerde(Serdes.Double())
    const i = ints.serializer.serialize('t', { value: -7, timestamp: 5 })!
    expect(i.subarray(8).equals(Serdes.Integer().serializer.serialize('t', -7)!)).toBe(true)
    expect(ints.deserializer.deserialize('t', i)).toEqual({ value: -7, timestamp: 5 })
    const d = doubles.serializer.serialize('t', { value: 0.1, timestamp: 6 })!
    expect(d.subarray(8).equals(Serdes.Double().serializer.serialize('t', 0.1)!)).toBe(true)
    expect(doubles.deserializer.deserialize('t', d)).toEqual({ value: 0.1, timestamp: 6 })
    expect(() => ints.serializer.serialize('t', { value: 2 ** 31, timestamp: 1 })).toThrow(/IntegerSerializer: expected an int32/)
  })
})
