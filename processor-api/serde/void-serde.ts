import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'

/**
 * For keys or values that are always null (Kafka's `VoidSerde`): serializes to null and accepts
 * only null bytes.
 */
export class VoidSerde implements Serde<null> {
  readonly serializer = {
    serialize(topic: string, data: null): Buffer | null {
      if (data !== null && data !== undefined) throw new SerializationError('VoidSerializer: data should be null', { topic })
      return null
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): null {
      if (data !== null && data !== undefined) {
        throw new SerializationError(`Data should be null for a VoidDeserializer (got ${data.length} bytes)`, { topic })
      }
      return null
    },
  }
}
