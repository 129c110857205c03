import { SerializationError } from '../../errors.js'

/** The error Kafka's fixed-width deserializers raise: `Size of data received by XDeserializer is not N`. */
export function wrongSize(topic: string, what: string, expected: number, actual: number): SerializationError {
  return new SerializationError(`Size of data received by ${what}Deserializer is not ${expected} (got ${actual} bytes)`, { topic })
}

/** The error for a value a fixed-width serializer cannot represent. */
export function badValue(topic: string, what: string, detail: string, value: unknown): SerializationError {
  return new SerializationError(`${what}Serializer: ${detail}, got ${describeValue(value)}`, { topic })
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return value === undefined ? 'undefined' : typeof value
}
