import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'
import { wrongSize } from './internal/fixed-width-errors.js'

const TRUE = Buffer.from([1])
const FALSE = Buffer.from([0])

/** One byte, 1 for true and 0 for false (Kafka's `BooleanSerde`). */
export class BooleanSerde implements Serde<boolean> {
  readonly serializer = {
    serialize(topic: string, data: boolean | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (typeof data !== 'boolean') throw new SerializationError(`BooleanSerializer: expected a boolean, got ${typeof data}`, { topic })
      return Buffer.from(data ? TRUE : FALSE)
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): boolean | null {
      if (data === null || data === undefined) return null
      if (data.length !== 1) throw wrongSize(topic, 'Boolean', 1, data.length)
      if (data[0] === 1) return true
      if (data[0] === 0) return false
      throw new SerializationError(`Unexpected byte received by BooleanDeserializer: ${data[0]}`, { topic })
    },
  }
}
