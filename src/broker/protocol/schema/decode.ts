import { ProtocolDecodeError } from '../errors.js'
import { Reader } from '../primitives/reader.js'
import { Kind, compiledFor, type CompiledField, type CompiledStruct } from './internal/compiled-schema.js'
import type { MessageSchema } from './message-schema.js'
import { inRange } from './versions.js'

/**
 * Decodes a message body of `schema` at `version` from `input` (a Reader positioned at the body,
 * or a Buffer holding exactly the body). Fields absent from the version get their defaults, so the
 * result always has every property. Byte fields are views of the input (no copy).
 *
 * @throws ProtocolDecodeError with the field path (`FetchRequest.topics[0].partitions[1].fetchOffset`),
 *   the byte position, and the partially decoded value in `partial`
 * @throws UnsupportedVersionError-like ProtocolDecodeError when `version` is outside the schema
 */
export function decodeMessage<T>(schema: MessageSchema<T>, version: number, input: Reader | Buffer): T {
  const reader = input instanceof Reader ? input : new Reader(input)
  if (!inRange(schema.validVersions, version)) {
    throw new ProtocolDecodeError(`${schema.name} version ${version} is not supported`, reader.pos)
  }
  const plan = compiledFor(schema, version)
  const out: Record<string, unknown> = {}
  try {
    decodeStructInto(plan, reader, out)
  } catch (e) {
    if (e instanceof ProtocolDecodeError) {
      e.prependPath(schema.name)
      e.partial = out
    }
    throw e
  }
  return out as T
}

/**
 * The partially built value of the field that was being decoded when an error unwound, so each
 * enclosing struct can attach it and `partial` shows everything decoded up to the failure.
 */
const pending = new WeakMap<ProtocolDecodeError, unknown>()

function attachPartial(e: ProtocolDecodeError, out: Record<string, unknown>, name: string): void {
  if (pending.has(e)) {
    out[name] = pending.get(e)
    pending.delete(e)
  }
}

/** Decodes one struct's fields (and its tag section when flexible) into `out`. */
function decodeStructInto(s: CompiledStruct, r: Reader, out: Record<string, unknown>): void {
  const all = s.all
  for (let i = 0; i < all.length; i++) {
    const f = all[i] as CompiledField
    if (!f.inline) {
      out[f.name] = f.makeDefault()
      continue
    }
    try {
      out[f.name] = readField(f, r, s.flexible)
    } catch (e) {
      if (e instanceof ProtocolDecodeError) {
        attachPartial(e, out, f.name)
        e.prependPath(f.name)
      }
      throw e
    }
  }
  if (s.flexible) {
    r.taggedFields((tag, sub) => {
      const f = findTag(s, tag)
      if (f === undefined) return false
      try {
        out[f.name] = readField(f, sub, true)
      } catch (e) {
        if (e instanceof ProtocolDecodeError) e.prependPath(f.name)
        throw e
      }
      return true
    })
  }
}

function findTag(s: CompiledStruct, tag: number): CompiledField | undefined {
  for (const f of s.tagged) if (f.tag === tag) return f
  return undefined
}

function readField(f: CompiledField, r: Reader, flexible: boolean): unknown {
  if (!f.array) {
    if (f.kind === Kind.Struct) {
      const o: Record<string, unknown> = {}
      try {
        decodeStructInto(f.struct as CompiledStruct, r, o)
      } catch (e) {
        if (e instanceof ProtocolDecodeError) pending.set(e, o)
        throw e
      }
      return o
    }
    return readScalar(f.kind, f.nullable, r, flexible)
  }
  const start = r.pos
  // Bound the count by the bytes left (1 byte per element at least) so a hostile count cannot
  // allocate a huge array, while a merely truncated body still fails at the precise element.
  const n = flexible ? r.compactArrayLength(1) : r.arrayLength(1)
  if (n === null) {
    if (!f.nullable) r.fail('null array in a non-nullable field', start)
    return null
  }
  const arr: unknown[] = new Array<unknown>(n)
  if (f.kind === Kind.Struct) {
    const s = f.struct as CompiledStruct
    for (let i = 0; i < n; i++) {
      const o: Record<string, unknown> = {}
      arr[i] = o
      try {
        decodeStructInto(s, r, o)
      } catch (e) {
        if (e instanceof ProtocolDecodeError) {
          arr.length = i + 1
          pending.set(e, arr)
          e.prependPath(`[${i}]`)
        }
        throw e
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      try {
        arr[i] = readScalar(f.kind, false, r, flexible)
      } catch (e) {
        if (e instanceof ProtocolDecodeError) {
          arr.length = i
          pending.set(e, arr)
          e.prependPath(`[${i}]`)
        }
        throw e
      }
    }
  }
  return arr
}

function readScalar(kind: Kind, nullable: boolean, r: Reader, flexible: boolean): unknown {
  switch (kind) {
    case Kind.Int8:
      return r.int8()
    case Kind.Int16:
      return r.int16()
    case Kind.Uint16:
      return r.uint16()
    case Kind.Int32:
      return r.int32()
    case Kind.Uint32:
      return r.uint32()
    case Kind.Int64:
      return r.int64()
    case Kind.Float64:
      return r.float64()
    case Kind.Bool:
      return r.bool()
    case Kind.Uuid:
      return r.uuid()
    case Kind.String:
      if (flexible) return nullable ? r.compactNullableString() : r.compactString()
      return nullable ? r.nullableString() : r.string()
    case Kind.Bytes:
    case Kind.Records:
      if (flexible) return nullable ? r.compactNullableBytes() : r.compactBytes()
      return nullable ? r.nullableBytes() : r.bytes()
    case Kind.Struct:
      throw new Error('unreachable: struct handled by readField')
  }
}
