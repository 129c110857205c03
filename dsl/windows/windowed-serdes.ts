import type { Headers } from '../../processor-api/headers.js'
import { SerializationError } from '../../processor-api/errors.js'
import type { Deserializer, Serde, Serializer } from '../../processor-api/serde/serde.js'
import type { Windowed } from '../../processor-api/windowed.js'
import type { WindowedKeySerde } from '../internal/serdes/windowed-stream-partitioner.js'

/**
 * Serdes for windowed keys (Kafka's `WindowedSerdes`): time windows as `<key><int64 start>`,
 * sessions as `<key><int64 end><int64 start>`, so Java applications read the same bytes. Sinks
 * writing windowed keys partition by the inner key.
 *
 * @example
 * counts.toStream().to('page-view-counts', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 60_000), Serdes.Long()))
 */
export const WindowedSerdes = {
  /** Time-windowed keys; the window end is `start + windowSizeMs` when read back. */
  timeWindowedSerdeFrom<K>(inner: Serde<K>, windowSizeMs: number): Serde<Windowed<K>> {
    return new TimeWindowedSerde(inner, windowSizeMs)
  },
  /** Session-windowed keys (start and end both kept). */
  sessionWindowedSerdeFrom<K>(inner: Serde<K>): Serde<Windowed<K>> {
    return new SessionWindowedSerde(inner)
  },
}

/** Time-windowed key serde (Kafka's `TimeWindowedSerde`). */
export class TimeWindowedSerde<K> implements WindowedKeySerde<K> {
  readonly serializer: Serializer<Windowed<K>>
  readonly deserializer: Deserializer<Windowed<K>>

  constructor(
    private readonly inner: Serde<K>,
    readonly windowSizeMs: number,
  ) {
    this.serializer = {
      serialize: (topic: string, data: Windowed<K> | null, headers?: Headers): Buffer | null => {
        if (data === null) return null
        const keyBytes = inner.serializer.serialize(topic, data.key, headers) ?? Buffer.alloc(0)
        const out = Buffer.allocUnsafe(keyBytes.length + 8)
        keyBytes.copy(out, 0)
        out.writeBigInt64BE(BigInt(data.window.start), keyBytes.length)
        return out
      },
    }
    this.deserializer = {
      deserialize: (topic: string, data: Buffer | null, headers?: Headers): Windowed<K> | null => {
        if (data === null) return null
        if (data.length < 8) throw new SerializationError(`Windowed key of ${data.length} bytes is too short`, { topic })
        const key = inner.deserializer.deserialize(topic, data.subarray(0, data.length - 8), headers) as K
        const start = Number(data.readBigInt64BE(data.length - 8))
        return { key, window: { start, end: start + windowSizeMs } }
      },
    }
  }

  innerKeySerializer(): Serializer<K> {
    return this.inner.serializer
  }
}

/** Session-windowed key serde (Kafka's `SessionWindowedSerde`). */
export class SessionWindowedSerde<K> implements WindowedKeySerde<K> {
  readonly serializer: Serializer<Windowed<K>>
  readonly deserializer: Deserializer<Windowed<K>>

  constructor(private readonly inner: Serde<K>) {
    this.serializer = {
      serialize: (topic: string, data: Windowed<K> | null, headers?: Headers): Buffer | null => {
        if (data === null) return null
        const keyBytes = inner.serializer.serialize(topic, data.key, headers) ?? Buffer.alloc(0)
        const out = Buffer.allocUnsafe(keyBytes.length + 16)
        keyBytes.copy(out, 0)
        out.writeBigInt64BE(BigInt(data.window.end), keyBytes.length)
        out.writeBigInt64BE(BigInt(data.window.start), keyBytes.length + 8)
        return out
      },
    }
    this.deserializer = {
      deserialize: (topic: string, data: Buffer | null, headers?: Headers): Windowed<K> | null => {
        if (data === null) return null
        if (data.length < 16) throw new SerializationError(`Session key of ${data.length} bytes is too short`, { topic })
        const key = inner.deserializer.deserialize(topic, data.subarray(0, data.length - 16), headers) as K
        const end = Number(data.readBigInt64BE(data.length - 16))
        const start = Number(data.readBigInt64BE(data.length - 8))
        return { key, window: { start, end } }
      },
    }
  }

  innerKeySerializer(): Serializer<K> {
    return this.inner.serializer
  }
}
