import { parseVersions, type VersionRange } from './versions.js'

/** Scalar wire types a field can have (Kafka JSON schema type names). */
export type PrimitiveType =
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid'

/**
 * A field's type: a scalar, an array of scalars (`'[]int32'`), a nested struct (`'struct'`,
 * with `fields`) or an array of structs (`'[]struct'`, with `fields`).
 */
export type FieldType = PrimitiveType | `[]${PrimitiveType}` | 'struct' | '[]struct'

/** A default value as written in a schema (int64 defaults may be given as numbers). */
export type DefaultValue = number | bigint | string | boolean | null

/**
 * One field of a message or nested struct, mirroring a Kafka JSON schema field. `name` is the
 * camelCase of Kafka's field name (`PartitionIndex` → `partitionIndex`).
 */
export interface FieldSpec {
  /** Property name in the TypeScript value. */
  readonly name: string
  /** Wire type. */
  readonly type: FieldType
  /** Versions the field exists in (`'0+'`, `'3-5'`, `'none'`). */
  readonly versions: string
  /** Versions in which the field may be null (strings, bytes, records, arrays). */
  readonly nullableVersions?: string
  /** Versions in which the field is a tagged field (flexible versions only); requires `tag`. */
  readonly taggedVersions?: string
  /** Tag number of a tagged field. */
  readonly tag?: number
  /** Default when absent from the version or missing on encode (else 0, '', false, [], null if nullable). */
  readonly default?: DefaultValue
  /** Fields of a `'struct'` / `'[]struct'` type. */
  readonly fields?: readonly FieldSpec[]
}

/** Declaration passed to {@link defineMessage}. */
export interface MessageSpec {
  /** Kafka message name, e.g. `'FetchRequest'`. */
  readonly name: string
  /** API key of the request/response. */
  readonly apiKey: number
  /** Whether this describes the request or the response body. */
  readonly type: 'request' | 'response'
  /** Versions this schema describes (`'0-11'`). */
  readonly validVersions: string
  /** Kafka's flexible versions for this message (`'12+'`, `'none'`). */
  readonly flexibleVersions: string
  /** Top-level fields in wire order. */
  readonly fields: readonly FieldSpec[]
}

/**
 * A message (request or response body) description that the generic codec interprets.
 * `T` is the decoded TypeScript shape (phantom: only used for typing).
 */
export interface MessageSchema<T> {
  /** Kafka message name, e.g. `'FetchRequest'`; also the first segment of decode error paths. */
  readonly name: string
  /** API key. */
  readonly apiKey: number
  /** `'request'` or `'response'`. */
  readonly type: 'request' | 'response'
  /** Versions described (the codec rejects others). */
  readonly validVersions: VersionRange
  /** Kafka's flexible versions (compact encodings and tag sections). */
  readonly flexibleVersions: VersionRange
  /** Top-level fields in wire order. */
  readonly fields: readonly FieldSpec[]
  /** Phantom marker carrying `T`; never set. */
  readonly __type?: T
}

/** Declares a message schema; `T` is the TypeScript interface of its decoded value. */
export function defineMessage<T>(spec: MessageSpec): MessageSchema<T> {
  return Object.freeze({
    name: spec.name,
    apiKey: spec.apiKey,
    type: spec.type,
    validVersions: parseVersions(spec.validVersions),
    flexibleVersions: parseVersions(spec.flexibleVersions),
    fields: spec.fields,
  })
}

/** The decoded value type of a schema. */
export type MessageOf<S> = S extends MessageSchema<infer T> ? T : never

/**
 * What `encode` accepts for a value of type `T`: the same shape with every field optional at
 * every depth (missing fields take the schema default). Records/bytes may be lists of buffers.
 */
export type Encodable<T> = T extends Buffer
  ? Buffer | readonly Buffer[]
  : T extends bigint | number | string | boolean | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? readonly Encodable<E>[]
      : { readonly [K in keyof T]?: Encodable<T[K]> }
