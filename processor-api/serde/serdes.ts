/**
 * The built-in serdes, as Kafka's `Serdes` factory: `Serdes.String()`, `Serdes.Long()`, ...
 * Every factory returns a stateless serde (the same instance each call where possible).
 */
import type { Deserializer, Serde, Serializer } from './serde.js'
import { StringSerde } from './string-serde.js'
import { BigIntSerde, DoubleSerde, FloatSerde, IntegerSerde, LongSerde, ShortSerde } from './numeric-serdes.js'
import { ByteArraySerde } from './byte-array-serde.js'
import { VoidSerde } from './void-serde.js'
import { BooleanSerde } from './boolean-serde.js'
import { UUIDSerde } from './uuid-serde.js'
import { JsonSerde } from './json-serde.js'
import { ZodSerde, type ZodOutput, type ZodSchema, type ZodSerdeOptions } from './zod-serde.js'

const stringSerde = new StringSerde()
const longSerde = new LongSerde()
const bigIntSerde = new BigIntSerde()
const integerSerde = new IntegerSerde()
const shortSerde = new ShortSerde()
const doubleSerde = new DoubleSerde()
const floatSerde = new FloatSerde()
const byteArraySerde = new ByteArraySerde()
const voidSerde = new VoidSerde()
const booleanSerde = new BooleanSerde()
const uuidSerde = new UUIDSerde()
const jsonSerde = new JsonSerde<unknown>()

/**
 * Factory of built-in serdes (Kafka's `Serdes`). Every serde maps null to null in both
 * directions; malformed bytes (wrong length, bad JSON, a schema mismatch) and values a format
 * cannot hold throw `SerializationError`.
 *
 * @example
 * topology.addSource('orders', 'orders', { keySerde: Serdes.String(), valueSerde: Serdes.zod(OrderSchema) })
 */
export const Serdes = {
  /** UTF-8 text. */
  String(): Serde<string> {
    return stringSerde
  },
  /** 8-byte big-endian int64 carried as a `number`; only safe integers (±2^53-1) are accepted. */
  Long(): Serde<number> {
    return longSerde
  },
  /** 8-byte big-endian int64 as a `bigint`: the full Java `long` range. */
  BigInt(): Serde<bigint> {
    return bigIntSerde
  },
  /** 4-byte big-endian int32. */
  Integer(): Serde<number> {
    return integerSerde
  },
  /** 2-byte big-endian int16. */
  Short(): Serde<number> {
    return shortSerde
  },
  /** 8-byte big-endian IEEE 754 double. */
  Double(): Serde<number> {
    return doubleSerde
  },
  /** 4-byte big-endian IEEE 754 float (values are rounded to float precision). */
  Float(): Serde<number> {
    return floatSerde
  },
  /** Raw bytes, passed through without copying. */
  ByteArray(): Serde<Buffer> {
    return byteArraySerde
  },
  /** Raw bytes (Kafka's `Bytes` wrapper is a plain Buffer here); same as `ByteArray()`. */
  Bytes(): Serde<Buffer> {
    return byteArraySerde
  },
  /** Always null: for keys or values that carry nothing. Non-null bytes throw. */
  Void(): Serde<null> {
    return voidSerde
  },
  /** One byte: 1 for true, 0 for false. */
  Boolean(): Serde<boolean> {
    return booleanSerde
  },
  /** A UUID string as its UTF-8 text (Kafka's `UUIDSerde`). */
  UUID(): Serde<string> {
    return uuidSerde
  },
  /** UTF-8 JSON; the type is trusted, not checked (see `zod`). */
  JSON<T>(): Serde<T> {
    return jsonSerde as Serde<T>
  },
  /**
   * UTF-8 JSON validated against a zod schema on both sides; a mismatch throws
   * `SerializationError` naming each failing path.
   */
  zod<S extends ZodSchema>(schema: S, options?: ZodSerdeOptions): Serde<ZodOutput<S>> {
    return new ZodSerde(schema, options)
  },
  /** `Serdes.JSON<T>()` without a schema, `Serdes.zod(schema)` with one. */
  json<T = unknown, S extends ZodSchema = ZodSchema<T>>(schema?: S): Serde<ZodOutput<S>> {
    return schema === undefined ? (jsonSerde as Serde<ZodOutput<S>>) : new ZodSerde(schema)
  },
  /** A serde from a serializer and a deserializer (Kafka's `Serdes.serdeFrom`). */
  serdeFrom<T>(serializer: Serializer<T>, deserializer: Deserializer<T>): Serde<T> {
    if (typeof serializer?.serialize !== 'function') throw new TypeError('serdeFrom: serializer must have a serialize method')
    if (typeof deserializer?.deserialize !== 'function') throw new TypeError('serdeFrom: deserializer must have a deserialize method')
    return { serializer, deserializer }
  },
} as const
