import type { Headers } from '../headers.js'

/** Turns a value into bytes. Null stays null (tombstones). */
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
}
