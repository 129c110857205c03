import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** A UUID string sent as its UTF-8 text, as Kafka's `UUIDSerde` does. */
export class UUIDSerde implements Serde<string> {
  readonly serializer = {
    serialize(topic: string, data: string | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (typeof data !== 'string' || !UUID_RE.test(data)) throw new SerializationError(`UUIDSerializer: not a UUID: ${String(data)}`, { topic })
      return Buffer.from(data, 'utf8')
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): string | null {
      if (data === null || data === undefined) return null
      const text = data.toString('utf8')
      if (!UUID_RE.test(text)) throw new SerializationError(`UUIDDeserializer: not a UUID: ${JSON.stringify(text)}`, { topic })
      return text
    },
  }
}
