import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'

/**
 * Values as UTF-8 JSON text. The type parameter is trusted, not checked: use `Serdes.zod(schema)`
 * to validate. Null stays null; JSON that does not parse and values that have no JSON form (a
 * function, undefined, a bigint, a cycle) throw `SerializationError` with the cause.
 */
export class JsonSerde<T> implements Serde<T> {
  readonly serializer = {
    serialize(topic: string, data: T | null): Buffer | null {
      if (data === null || data === undefined) return null
      let text: string | undefined
      try {
        text = JSON.stringify(data)
      } catch (cause) {
        throw new SerializationError(`JSON serializer: cannot encode value for topic ${topic}: ${(cause as Error).message}`, { topic, cause })
      }
      if (text === undefined) throw new SerializationError(`JSON serializer: value of type ${typeof data} has no JSON form`, { topic })
      return Buffer.from(text, 'utf8')
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): T | null {
      if (data === null || data === undefined) return null
      try {
        return JSON.parse(data.toString('utf8')) as T
      } catch (cause) {
        throw new SerializationError(`JSON deserializer: invalid JSON from topic ${topic}: ${(cause as Error).message}`, { topic, cause })
      }
    },
  }
}
