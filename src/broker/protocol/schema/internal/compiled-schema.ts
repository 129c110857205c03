import type { DefaultValue, FieldSpec, MessageSchema, PrimitiveType } from '../message-schema.js'
import { inRange, parseVersions } from '../versions.js'

/** Wire kinds as small integers so the interpreters switch on numbers. */
export const enum Kind {
  Int8,
  Int16,
  Uint16,
  Int32,
  Uint32,
  Int64,
  Float64,
  Bool,
  String,
  Bytes,
  Records,
  Uuid,
  Struct,
}

const KIND_OF: { readonly [P in PrimitiveType]: Kind } = {
  int8: Kind.Int8,
  int16: Kind.Int16,
  uint16: Kind.Uint16,
  int32: Kind.Int32,
  uint32: Kind.Uint32,
  int64: Kind.Int64,
  float64: Kind.Float64,
  bool: Kind.Bool,
  string: Kind.String,
  bytes: Kind.Bytes,
  records: Kind.Records,
  uuid: Kind.Uuid,
}

/** A field resolved for one version of one message. */
export interface CompiledField {
  readonly name: string
  readonly kind: Kind
  readonly array: boolean
  /** Present on the wire in this version (outside the tag section). */
  readonly inline: boolean
  /** Tag number when tagged in this version, else -1. */
  readonly tag: number
  readonly nullable: boolean
  /** Nested struct (kind Struct). */
  readonly struct: CompiledStruct | undefined
  /** Returns a fresh default value (new arrays each time). */
  readonly makeDefault: () => unknown
  /** Shared default for equality checks of tagged fields (may be a shared empty array). */
  readonly defaultValue: unknown
}

/** A struct (or the message body) resolved for one version. */
export interface CompiledStruct {
  /** Every declared field in declaration order (inline, tagged and absent). */
  readonly all: readonly CompiledField[]
  /** Inline fields in wire order. */
  readonly inline: readonly CompiledField[]
  /** Tagged fields in ascending tag order. */
  readonly tagged: readonly CompiledField[]
  /** Whether this version is flexible (compact encodings, tag sections). */
  readonly flexible: boolean
}

const cache = new WeakMap<MessageSchema<unknown>, (CompiledStruct | undefined)[]>()

/** Returns the (cached) compiled plan of `schema` at `version`; the caller checks the range. */
export function compiledFor<T>(schema: MessageSchema<T>, version: number): CompiledStruct {
  let perVersion = cache.get(schema)
  if (perVersion === undefined) {
    perVersion = []
    cache.set(schema, perVersion)
  }
  let plan = perVersion[version]
  if (plan === undefined) {
    plan = compileStruct(schema.fields, version, inRange(schema.flexibleVersions, version), schema.name)
    perVersion[version] = plan
  }
  return plan
}

function compileStruct(fields: readonly FieldSpec[], version: number, flexible: boolean, where: string): CompiledStruct {
  const all: CompiledField[] = []
  for (const spec of fields) all.push(compileField(spec, version, flexible, where))
  const inline = all.filter((f) => f.inline)
  const tagged = all.filter((f) => f.tag >= 0).sort((a, b) => a.tag - b.tag)
  return { all, inline, tagged, flexible }
}

function compileField(spec: FieldSpec, version: number, flexible: boolean, where: string): CompiledField {
  const path = `${where}.${spec.name}`
  const present = inRange(parseVersions(spec.versions), version)
  const tagged = present && spec.taggedVersions !== undefined && inRange(parseVersions(spec.taggedVersions), version)
  if (tagged && (!flexible || spec.tag === undefined)) throw new Error(`${path}: tagged field needs a tag and a flexible version`)
  const nullable = spec.nullableVersions !== undefined && inRange(parseVersions(spec.nullableVersions), version)
  const array = spec.type.startsWith('[]')
  const base = array ? spec.type.slice(2) : spec.type
  let kind: Kind
  let struct: CompiledStruct | undefined
  if (base === 'struct') {
    if (spec.fields === undefined) throw new Error(`${path}: struct field without fields`)
    if (nullable && !array) throw new Error(`${path}: nullable structs are not supported`)
    kind = Kind.Struct
    struct = compileStruct(spec.fields, version, flexible, path)
  } else {
    kind = KIND_OF[base as PrimitiveType]
    if (kind === undefined) throw new Error(`${path}: unknown type ${spec.type}`)
  }
  const makeDefault = defaultFactory(spec, kind, array, nullable, struct)
  return {
    name: spec.name,
    kind,
    array,
    inline: present && !tagged,
    tag: tagged ? (spec.tag as number) : -1,
    nullable,
    struct,
    makeDefault,
    defaultValue: array ? (spec.default === null ? null : EMPTY_ARRAY) : makeDefault(),
  }
}

const EMPTY_ARRAY: readonly unknown[] = Object.freeze([])
const EMPTY_BUFFER = Buffer.alloc(0)
const ZERO_UUID = '00000000-0000-0000-0000-000000000000'

function defaultFactory(
  spec: FieldSpec,
  kind: Kind,
  array: boolean,
  nullable: boolean,
  struct: CompiledStruct | undefined,
): () => unknown {
  const d: DefaultValue | undefined = spec.default
  if (array) {
    if (d === null) return () => null
    return () => []
  }
  if (kind === Kind.Struct) {
    const s = struct as CompiledStruct
    return () => {
      const o: Record<string, unknown> = {}
      for (const f of s.all) o[f.name] = f.makeDefault()
      return o
    }
  }
  if (d === null) return () => null
  let value: unknown
  switch (kind) {
    case Kind.Int64:
      value = d === undefined ? 0n : BigInt(d as number | bigint | string)
      break
    case Kind.Bool:
      value = d === undefined ? false : d === true || d === 'true'
      break
    case Kind.String:
      value = d === undefined ? (nullable ? null : '') : String(d)
      break
    case Kind.Bytes:
    case Kind.Records:
      value = nullable && d === undefined ? null : EMPTY_BUFFER
      break
    case Kind.Uuid:
      value = d === undefined ? ZERO_UUID : String(d)
      break
    default:
      value = d === undefined ? 0 : Number(d)
  }
  return () => value
}
