import type { Serde } from './serde.js'
import { MAX_REMEMBERED_LENGTH, recentBytesOf, recentStringOf, rememberByteString } from './internal/recent-byte-strings.js'

/**
 * UTF-8 strings (Kafka's `StringSerde`). Null stays null. Decoding never fails: invalid UTF-8
 * becomes U+FFFD, as in Java. Short ASCII strings converted a moment ago are not converted again
 * (see `recent-byte-strings.ts`): the serializer may hand back the very bytes a string was decoded
 * from, so a serialized Buffer may be shared: never mutate one.
 */
export class StringSerde implements Serde<string> {
  readonly serializer = {
    serialize(_topic: string, data: string | null): Buffer | null {
      if (data === null || data === undefined) return null
      return recentBytesOf(data) ?? Buffer.from(data, 'utf8')
    },
  }
  readonly deserializer = {
    deserialize(_topic: string, data: Buffer | null): string | null {
      if (data === null || data === undefined) return null
      const n = data.length
      if (n > MAX_REMEMBERED_LENGTH) return data.toString('utf8')
      const known = recentStringOf(data)
      if (known !== undefined) return known
      const s = data.toString('utf8')
      // As long as its bytes: pure ASCII, unless invalid bytes became U+FFFD (checked on first use).
      if (s.length === n && n > 0) rememberByteString(data, s)
      return s
    },
  }
}
