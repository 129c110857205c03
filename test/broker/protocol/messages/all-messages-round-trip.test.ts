import { describe, expect, it } from 'vitest'
import { API_DEFINITIONS } from '../../../../src/broker/protocol/registry.js'
import { decodeMessage } from '../../../../src/broker/protocol/schema/decode.js'
import { encodeMessage } from '../../../../src/broker/protocol/schema/encode.js'
import type { FieldSpec, MessageSchema } from '../../../../src/broker/protocol/schema/message-schema.js'
import { inRange, parseVersions } from '../../../../src/broker/protocol/schema/versions.js'
import { buildRecordBatch } from '../../../../src/broker/protocol/records/record-batch-builder.js'

type Value = Record<string, unknown>
type Mode = 'full' | 'empty'

const RECORDS = buildRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 1_700_000_000_000n }])

function has(spec: string | undefined, v: number): boolean {
  return spec !== undefined && inRange(parseVersions(spec), v)
}

/** Builds a sample value for every declared field (present or not), varying with `seed`. */
function sample(fields: readonly FieldSpec[], v: number, mode: Mode, seed: { n: number }): Value {
  const out: Value = {}
  for (const f of fields) {
    const nullable = has(f.nullableVersions, v)
    const array = f.type.startsWith('[]')
    const base = array ? f.type.slice(2) : f.type
    if (array) {
      if (mode === 'empty') out[f.name] = nullable ? null : []
      else if (base === 'struct') out[f.name] = [0, 1].map(() => sample(f.fields ?? [], v, mode, seed))
      else out[f.name] = [scalar(base, false, mode, seed), scalar(base, false, mode, seed)]
    } else if (base === 'struct') {
      out[f.name] = sample(f.fields ?? [], v, mode, seed)
    } else {
      out[f.name] = scalar(base, nullable, mode, seed)
    }
  }
  return out
}

function scalar(type: string, nullable: boolean, mode: Mode, seed: { n: number }): unknown {
  const n = ++seed.n
  if (mode === 'empty' && nullable) return null
  switch (type) {
    case 'int8':
      return (n % 200) - 100
    case 'int16':
      return -1000 - n
    case 'uint16':
      return 60000 + n
    case 'int32':
      return n % 2 === 0 ? 100000 + n : -100000 - n
    case 'uint32':
      return 4000000000 + n
    case 'int64':
      return (1n << 40n) + BigInt(n)
    case 'float64':
      return n + 0.5
    case 'bool':
      return n % 2 === 0
    case 'string':
      return mode === 'empty' ? '' : `s${n}-é`
    case 'bytes':
      return mode === 'empty' ? Buffer.alloc(0) : Buffer.from([n & 0xff, 1, 2])
    case 'records':
      return mode === 'empty' ? Buffer.alloc(0) : RECORDS
    case 'uuid':
      return `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`
  }
  throw new Error(`unknown type ${type}`)
}

/** What decoding should produce: inputs for present fields, Kafka defaults for absent ones. */
function expected(fields: readonly FieldSpec[], v: number, flexible: boolean, input: Value): Value {
  const out: Value = {}
  for (const f of fields) {
    const present = has(f.versions, v) && (!has(f.taggedVersions, v) || flexible)
    const array = f.type.startsWith('[]')
    const value = input[f.name]
    if (present) {
      if (f.type === '[]struct' && Array.isArray(value)) out[f.name] = value.map((e) => expected(f.fields ?? [], v, flexible, e as Value))
      else if (f.type === 'struct') out[f.name] = expected(f.fields ?? [], v, flexible, value as Value)
      else out[f.name] = value
    } else {
      out[f.name] = defaultOf(f, v, array)
    }
  }
  return out
}

function defaultOf(f: FieldSpec, v: number, array: boolean): unknown {
  const d = f.default
  if (array) return d === null ? null : []
  if (f.type === 'struct') return expected(f.fields ?? [], v, false, Object.fromEntries((f.fields ?? []).map((x) => [x.name, undefined])))
  if (d === null) return null
  const nullable = has(f.nullableVersions, v)
  switch (f.type) {
    case 'int64':
      return BigInt((d ?? 0) as number)
    case 'bool':
      return d ?? false
    case 'string':
      return d ?? (nullable ? null : '')
    case 'bytes':
    case 'records':
      return d === undefined && nullable ? null : Buffer.alloc(0)
    case 'uuid':
      return d ?? '00000000-0000-0000-0000-000000000000'
    default:
      return d ?? 0
  }
}

function versionsOf(schema: MessageSchema<unknown>): number[] {
  const out: number[] = []
  for (let v = schema.validVersions.min; v <= schema.validVersions.max; v++) out.push(v)
  return out
}

const schemas: MessageSchema<unknown>[] = API_DEFINITIONS.flatMap((d) => [
  d.requestSchema as MessageSchema<unknown>,
  d.responseSchema as MessageSchema<unknown>,
])

describe('every message schema', () => {
  it('covers every advertised version of every API', () => {
    for (const d of API_DEFINITIONS) {
      expect(d.requestSchema.validVersions.min).toBe(0)
      expect(d.requestSchema.validVersions.max).toBeGreaterThanOrEqual(d.maxVersion)
      expect(d.responseSchema.validVersions.max).toBeGreaterThanOrEqual(d.maxVersion)
      expect(d.requestSchema.apiKey).toBe(d.apiKey)
      expect(d.responseSchema.apiKey).toBe(d.apiKey)
    }
  })

  for (const schema of schemas) {
    describe(schema.name, () => {
      for (const v of versionsOf(schema)) {
        const flexible = inRange(schema.flexibleVersions, v)
        for (const mode of ['full', 'empty'] as const) {
          it(`round-trips v${v} with ${mode} values`, () => {
            const input = sample(schema.fields, v, mode, { n: v * 1000 })
            const bytes = encodeMessage(schema, v, input).toBuffer()
            const decoded = decodeMessage(schema, v, bytes)
            expect(decoded).toEqual(expected(schema.fields, v, flexible, input))
            // Re-encoding the decoded value is byte-identical.
            expect(encodeMessage(schema, v, decoded as Value).toBuffer().equals(bytes)).toBe(true)
          })
        }
        it(`reports a located ProtocolDecodeError for every truncation of v${v}`, () => {
          const bytes = encodeMessage(schema, v, sample(schema.fields, v, 'full', { n: 1 })).toBuffer()
          for (let cut = 0; cut < bytes.length; cut++) {
            let error: unknown
            try {
              decodeMessage(schema, v, bytes.subarray(0, cut))
            } catch (e) {
              error = e
            }
            // Empty bodies (e.g. ApiVersions v0) decode from zero bytes; everything else must fail.
            expect(error, `cut at ${cut}`).toBeDefined()
            expect((error as { code: string }).code).toBe('KB_ERR_PROTOCOL_DECODE')
            expect((error as { path: string }).path.startsWith(schema.name)).toBe(true)
          }
        })
      }
    })
  }
})
