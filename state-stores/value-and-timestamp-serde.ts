/**
 * The serde of timestamped store values: `timestamp (8 bytes, big-endian) | value bytes`,
 * Kafka's `ValueAndTimestampSerializer` layout. A null value (or a value serializing to null)
 * serializes to null.
 */
import type { Headers } from '../processor-api/headers.js'
import { SerializationError } from '../processor-api/errors.js'
import type { Deserializer, Serde, Serializer } from '../processor-api/serde/serde.js'
import { readLong, writeLong } from './internal/bytes.js'
import type { ValueAndTimestamp } from './value-and-timestamp.js'

/** Wraps a value serde into the serde of `ValueAndTimestamp<V>`. */
export class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
  readonly serializer: Serializer<ValueAndTimestamp<V>>
  readonly deserializer: Deserializer<ValueAndTimestamp<V>>

  constructor(readonly valueSerde: Serde<V>) {
    const inner = valueSerde
    const fixed = inner.fixedWidth
    this.serializer = {
      serialize(topic: string, data: ValueAndTimestamp<V> | null, headers?: Headers): Buffer | null {
        if (data === null || data === undefined) return null
        if (fixed !== undefined) {
          // A fixed-width value (a count) is written in place: one buffer, no copy.
          if (data.value === null || data.value === undefined) return null
          const out = Buffer.allocUnsafe(8 + fixed.byteWidth)
          writeLong(out, 0, data.timestamp)
          fixed.writeAt(topic, out, 8, data.value)
          return out
        }
        const raw = inner.serializer.serialize(topic, data.value, headers)
        if (raw === null) return null
        const out = Buffer.allocUnsafe(8 + raw.length)
        writeLong(out, 0, data.timestamp)
        raw.copy(out, 8)
        return out
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): ValueAndTimestamp<V> | null {
        if (data === null) return null
        if (data.length < 8) throw new SerializationError(`A timestamped value needs at least 8 bytes, got ${data.length}`, { topic })
        const value =
          fixed !== undefined && data.length === 8 + fixed.byteWidth
            ? fixed.readAt(topic, data, 8)
            : inner.deserializer.deserialize(topic, data.subarray(8), headers)
        return { value: value as V, timestamp: readLong(data, 0) }
      },
    }
  }
}
