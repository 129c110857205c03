import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { SerializationError } from '../../../processor-api/errors.js'

const Order = z.object({
  id: z.string(),
  customer: z.object({ name: z.string(), tier: z.enum(['gold', 'silver']) }),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })),
})

const good = { id: 'o1', customer: { name: 'Ann', tier: 'gold' as const }, lines: [{ sku: 'a', qty: 2 }] }

function errorOf(fn: () => unknown): SerializationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof SerializationError) return e
    throw e
  }
  throw new Error('expected a SerializationError')
}

describe('Serdes.zod', () => {
  it('round-trips a value that matches the schema', () => {
    const serde = Serdes.zod(Order)
    const bytes = serde.serializer.serialize('orders', good)
    expect(JSON.parse(bytes!.toString())).toEqual(good)
    expect(serde.deserializer.deserialize('orders', bytes)).toEqual(good)
  })

  it('names the failing path when deserializing a mismatching value', () => {
    const bad = { ...good, lines: [{ sku: 'a', qty: -1 }] }
    const err = errorOf(() => Serdes.zod(Order).deserializer.deserialize('orders', Buffer.from(JSON.stringify(bad))))
    expect(err.code).toBe('KS_ERR_SERIALIZATION')
    expect(err.topic).toBe('orders')
    expect(err.message).toContain('lines.0.qty')
    expect(err.message).toMatch(/could not deserialize a value for topic orders/)
    expect(err.cause).toBeInstanceOf(z.ZodError)
  })

  it('lists every failing path', () => {
    const err = errorOf(() => Serdes.zod(Order).deserializer.deserialize('t', Buffer.from('{"id":1,"customer":{"name":"x","tier":"bronze"},"lines":[]}')))
    expect(err.message).toContain('id:')
    expect(err.message).toContain('customer.tier:')
  })

  it('rejects invalid values before serializing, and can be told not to', () => {
    const bad = { ...good, id: 5 } as unknown as typeof good
    expect(() => Serdes.zod(Order).serializer.serialize('t', bad)).toThrow(/could not serialize.*id/)
    expect(Serdes.zod(Order, { validateOnSerialize: false }).serializer.serialize('t', bad)!.toString()).toContain('"id":5')
  })

  it('reports malformed JSON as a SerializationError', () => {
    expect(() => Serdes.zod(Order).deserializer.deserialize('t', Buffer.from('not json'))).toThrow(SerializationError)
  })

  it('maps null to null', () => {
    expect(Serdes.zod(Order).serializer.serialize('t', null)).toBeNull()
    expect(Serdes.zod(Order).deserializer.deserialize('t', null)).toBeNull()
  })

  it('names the root when the whole value is wrong', () => {
    expect(errorOf(() => Serdes.zod(z.number()).deserializer.deserialize('t', Buffer.from('"x"'))).message).toContain('(root):')
  })

  it('is what Serdes.json(schema) returns, and Serdes.json() is plain JSON', () => {
    expect(() => Serdes.json(Order).deserializer.deserialize('t', Buffer.from('{}'))).toThrow(SerializationError)
    expect(Serdes.json<{ a: number }>().deserializer.deserialize('t', Buffer.from('{"a":1}'))).toEqual({ a: 1 })
  })
})
