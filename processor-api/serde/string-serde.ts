import type { Serde } from './serde.js'

/**
 * UTF-8 strings (Kafka's `StringSerde`). Null stays null. Decoding never fails: invalid UTF-8
 * becomes U+FFFD, as in Java.
 */
export class StringSerde implements Serde<string> {
  readonly serializer = {
    serialize(_topic: string, data: string | null): Buffer | null {
      return data === null || data === undefined ? null : Buffer.from(data, 'utf8')
    },
  }
  readonly deserializer = {
    deserialize(_topic: string, data: Buffer | null): string | null {
      return data === null || data === undefined ? null : data.toString('utf8')
    },
  }
}
