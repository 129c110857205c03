import { ProtocolEncodeError } from '../errors.js'
import { Writer } from '../primitives/writer.js'
import { Kind, compiledFor, type CompiledField, type CompiledStruct } from './internal/compiled-schema.js'
import type { Encodable, MessageSchema } from './message-schema.js'
import { inRange } from './versions.js'

/**
 * Encodes `value` as a message body of `schema` at `version`, appending to `writer` (a new one
 * if omitted) and returning the writer. Missing fields take the schema default; fields that
 * don't exist in `version` are ignored. Record/bytes buffers of 4 KiB or more are referenced,
 * not copied (take `writer.toChunks()` for a vectored write).
 *
 * @throws ProtocolEncodeError with the field path when a value cannot be encoded (null in a
 *   non-nullable field, number out of range, version not described by the schema)
 */
export function encodeMessage<T>(
  schema: MessageSchema<T>,
  version: number,
  value: Encodable<T>,
  writer: Writer = new Writer(),
): Writer {
  if (!inRange(schema.validVersions, version)) {
    throw new ProtocolEncodeError(`${schema.name} version ${version} is not supported`)
  }
  const plan = compiledFor(schema, version)
  try {
    encodeStruct(plan, writer, value as Readonly<Record<string, unknown>>)
  } catch (e) {
    throw locate(e, schema.name)
  }
  return writer
}

/** Encodes `value` and returns the body as one Buffer. */
export function encodeMessageToBuffer<T>(schema: MessageSchema<T>, version: number, value: Encodable<T>): Buffer {
  return encodeMessage(schema, version, value).toBuffer()
}

function locate(e: unknown, segment: string): ProtocolEncodeError {
  const err =
    e instanceof ProtocolEncodeError
      ? e
      : new ProtocolEncodeError(e instanceof Error ? e.message : String(e), { cause: e })
  return err.prependPath(segment)
}

function encodeStruct(s: CompiledStruct, w: Writer, value: Readonly<Record<string, unknown>>): void {
  const inline = s.inline
  for (let i = 0; i < inline.length; i++) {
    const f = inline[i] as CompiledField
    const v = value[f.name]
    try {
      writeField(f, w, v === undefined ? f.defaultValue : v, s.flexible)
    } catch (e) {
      throw locate(e, f.name)
    }
  }
  if (s.flexible) writeTaggedFields(s, w, value)
}

function writeTaggedFields(s: CompiledStruct, w: Writer, value: Readonly<Record<string, unknown>>): void {
  let count = 0
  for (const f of s.tagged) if (!isDefault(f, value[f.name])) count++
  w.uvarint(count)
  if (count === 0) return
  for (const f of s.tagged) {
    const v = value[f.name]
    if (isDefault(f, v)) continue
    try {
      const sub = new Writer(64)
      writeField(f, sub, v, true)
      w.uvarint(f.tag).uvarint(sub.length)
      for (const chunk of sub.toChunks()) w.raw(chunk)
    } catch (e) {
      throw locate(e, f.name)
    }
  }
}

function isDefault(f: CompiledField, v: unknown): boolean {
  if (v === undefined || v === f.defaultValue) return true
  if (f.array) return Array.isArray(v) && v.length === 0 && f.defaultValue !== null
  if (Buffer.isBuffer(v) && Buffer.isBuffer(f.defaultValue)) return v.length === 0 && f.defaultValue.length === 0
  return false
}

function writeField(f: CompiledField, w: Writer, v: unknown, flexible: boolean): void {
  if (!f.array) {
    if (f.kind === Kind.Struct) {
      encodeStruct(f.struct as CompiledStruct, w, (v ?? {}) as Readonly<Record<string, unknown>>)
      return
    }
    writeScalar(f.kind, f.nullable, w, v, flexible)
    return
  }
  if (v === null) {
    if (!f.nullable) throw new ProtocolEncodeError('null array in a non-nullable field')
    if (flexible) w.compactArrayLength(null)
    else w.arrayLength(null)
    return
  }
  const arr = v as readonly unknown[]
  const n = arr.length
  if (flexible) w.compactArrayLength(n)
  else w.arrayLength(n)
  if (f.kind === Kind.Struct) {
    const s = f.struct as CompiledStruct
    for (let i = 0; i < n; i++) {
      try {
        encodeStruct(s, w, (arr[i] ?? {}) as Readonly<Record<string, unknown>>)
      } catch (e) {
        throw locate(e, `[${i}]`)
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      try {
        writeScalar(f.kind, false, w, arr[i], flexible)
      } catch (e) {
        throw locate(e, `[${i}]`)
      }
    }
  }
}

function writeScalar(kind: Kind, nullable: boolean, w: Writer, v: unknown, flexible: boolean): void {
  if (v === null || v === undefined) {
    if (!nullable) throw new ProtocolEncodeError('null value in a non-nullable field')
  }
  switch (kind) {
    case Kind.Int8:
      w.int8(v as number)
      return
    case Kind.Int16:
      w.int16(v as number)
      return
    case Kind.Uint16:
      w.uint16(v as number)
      return
    case Kind.Int32:
      w.int32(v as number)
      return
    case Kind.Uint32:
      w.uint32(v as number)
      return
    case Kind.Int64:
      w.int64(typeof v === 'bigint' ? v : BigInt(v as number))
      return
    case Kind.Float64:
      w.float64(v as number)
      return
    case Kind.Bool:
      w.bool(v as boolean)
      return
    case Kind.Uuid:
      w.uuid(v as string)
      return
    case Kind.String: {
      const s = (v ?? null) as string | null
      if (flexible) w.compactNullableString(s)
      else w.nullableString(s)
      return
    }
    case Kind.Bytes:
    case Kind.Records: {
      const b = (v ?? null) as Buffer | readonly Buffer[] | null
      if (flexible) w.compactNullableBytes(b)
      else w.nullableBytes(b)
      return
    }
    case Kind.Struct:
      throw new Error('unreachable: struct handled by writeField')
  }
}
