import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'

/**
 * Raw bytes passed through unchanged (Kafka's `ByteArraySerde` and `BytesSerde`). The buffer is
 * not copied: do not mutate it after handing it over. A plain `Uint8Array` is accepted and
 * wrapped without copying.
 */
export class ByteArraySerde implements Serde<Buffer> {
  readonly serializer = {
    serialize(topic: string, data: Buffer | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (Buffer.isBuffer(data)) return data
      if ((data as unknown) instanceof Uint8Array) {
        const bytes = data as Uint8Array
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      }
      throw new SerializationError(`ByteArraySerializer: expected a Buffer, got ${typeof data}`, { topic })
    },
  }
  readonly deserializer = {
    deserialize(_topic: string, data: Buffer | null): Buffer | null {
      return data === null || data === undefined ? null : data
    },
  }
}
