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
})
