import type { Headers } from '../headers.js'

/**
 * Turns a value into bytes. Null stays null (tombstones). A serializer that reads or adds record
 * headers declares the `headers` parameter (a sink passes the record's own headers only to
 * serializers whose `serialize` takes three parameters; others get a shared, frozen empty set).
 */
export interface Serializer<T> {
  serialize(topic: string, data: T | null, headers?: Headers): Buffer | null
}

/** Turns bytes into a value. Null bytes give null. Throws on malformed input. */
export interface Deserializer<T> {
  deserialize(topic: string, data: Buffer | null, headers?: Headers): T | null
}

/** A serializer and deserializer pair for one type, as Kafka's `Serde<T>`. */
export interface Serde<T> {
  readonly serializer: Serializer<T>
  readonly deserializer: Deserializer<T>
  /**
   * Present on serdes whose non-null values always take `byteWidth` bytes (the fixed-width
   * number serdes): wrapping formats (a timestamped store value) write and read them in place,
   * with the same checks and errors as `serialize`/`deserialize`, instead of copying a buffer.
   */
  readonly fixedWidth?: FixedWidthCodec<T>
}

/** In-place access to a fixed-width encoding (see `Serde.fixedWidth`). */
export interface FixedWidthCodec<T> {
  readonly byteWidth: number
  /** Writes `value` at `offset` (which has `byteWidth` bytes). @throws SerializationError as `serialize` does. */
  writeAt(topic: string, buf: Buffer, offset: number, value: T): void
  /** Reads the value at `offset` (the data is exactly `byteWidth` bytes from there). @throws SerializationError as `deserialize` does. */
  readAt(topic: string, buf: Buffer, offset: number): T
}
