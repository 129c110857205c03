import type { Serde } from './serde.js'

/** How many recent short ASCII decodes the serializer can hand back without encoding. */
const RECENT = 4
/** Keys and small values only: longer strings are rarely serialized again unchanged. */
const MAX_REMEMBERED_LENGTH = 64
/** Only bytes living in a small backing buffer: a view into a large fetch buffer would keep it alive. */
const MAX_BACKING_BYTES = 16 * 1024

/**
 * The last few strings decoded from pure-ASCII bytes, with those bytes. A topology decodes a key
 * and serializes the very same string again and again (into a store, a changelog, a sink); for
 * such a string the bytes it came from ARE its UTF-8 encoding, so the serializer returns them
 * instead of encoding anew. Only pure ASCII qualifies: invalid UTF-8 decodes to U+FFFD and would
 * not round-trip. Serde buffers are never mutated once produced (the serde contract), so sharing
 * one is safe.
 */
const recentStrings: string[] = new Array<string>(RECENT).fill('')
const recentBytes: Array<Buffer | null> = new Array<Buffer | null>(RECENT).fill(null)
let nextSlot = 0

function decode(data: Buffer): string {
  const s = data.toString('utf8')
  const n = data.length
  // Same length and no replacement character: every byte was one ASCII character.
  if (n <= MAX_REMEMBERED_LENGTH && s.length === n && n > 0 && data.buffer.byteLength <= MAX_BACKING_BYTES && s.indexOf('\uFFFD') === -1) {
    recentStrings[nextSlot] = s
    recentBytes[nextSlot] = data
    nextSlot = (nextSlot + 1) % RECENT
  }
  return s
}

function encode(data: string): Buffer {
  // Empty strings are never remembered (the free slots hold '').
  if (data.length > 0 && data.length <= MAX_REMEMBERED_LENGTH) {
    for (let i = 0; i < RECENT; i++) if (recentStrings[i] === data) return recentBytes[i]!
  }
  return Buffer.from(data, 'utf8')
}

/**
 * UTF-8 strings (Kafka's `StringSerde`). Null stays null. Decoding never fails: invalid UTF-8
 * becomes U+FFFD, as in Java. A serialized Buffer may be shared (see `recentStrings`): never
 * mutate one.
 */
export class StringSerde implements Serde<string> {
  readonly serializer = {
    serialize(_topic: string, data: string | null): Buffer | null {
      return data === null || data === undefined ? null : encode(data)
    },
  }
  readonly deserializer = {
    deserialize(_topic: string, data: Buffer | null): string | null {
      return data === null || data === undefined ? null : decode(data)
    },
  }
}
