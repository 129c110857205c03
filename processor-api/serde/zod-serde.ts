/**
 * Schema-validated JSON (the only file of this area that imports zod). Values are checked
 * against the schema when serialized and when deserialized, so a topic never receives, and a
 * processor never sees, a value that does not match.
 */
import type { z } from 'zod'
import { SerializationError } from '../errors.js'
import type { Serde } from './serde.js'
import { JsonSerde } from './json-serde.js'

/** Any zod schema (re-exported so that no other file needs to import zod). */
export type ZodSchema<T = unknown> = z.ZodType<T>

/** The value type a zod schema produces. */
export type ZodOutput<S extends ZodSchema> = z.output<S>

/** Options of `Serdes.zod`. */
export interface ZodSerdeOptions {
  /**
   * Also check values before serializing (default true). Turn it off for schemas with transforms,
   * whose output type would not parse again.
   */
  readonly validateOnSerialize?: boolean
}

/**
 * A JSON serde that validates with a zod schema (`Serdes.zod(schema)`); values are the schema's
 * output type. Serialization writes the value as given (validation does not strip keys).
 */
export class ZodSerde<S extends z.ZodType> implements Serde<z.output<S>> {
  private readonly json = new JsonSerde<unknown>()
  readonly serializer: Serde<z.output<S>>['serializer']
  readonly deserializer: Serde<z.output<S>>['deserializer']

  constructor(
    readonly schema: S,
    options: ZodSerdeOptions = {},
  ) {
    const json = this.json
    const check = options.validateOnSerialize ?? true
    this.serializer = {
      serialize: (topic: string, data: z.output<S> | null): Buffer | null => {
        if (data === null || data === undefined) return null
        if (check) validate(schema, data, topic, 'serialize')
        return json.serializer.serialize(topic, data)
      },
    }
    this.deserializer = {
      deserialize: (topic: string, data: Buffer | null): z.output<S> | null => {
        if (data === null || data === undefined) return null
        return validate(schema, json.deserializer.deserialize(topic, data), topic, 'deserialize')
      },
    }
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown, topic: string, what: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => `${i.path.length === 0 ? '(root)' : i.path.map(String).join('.')}: ${i.message}`)
  throw new SerializationError(`zod serde could not ${what} a value for topic ${topic}: ${issues.join('; ')}`, {
    topic,
    cause: result.error,
  })
}
