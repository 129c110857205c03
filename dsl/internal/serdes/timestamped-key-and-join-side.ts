import type { Headers } from '../../../processor-api/headers.js'
import type { Deserializer, Serde, Serializer } from '../../../processor-api/serde/serde.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'
import { WrappedInnerSerde } from './wrapped-inner-serde.js'

/** A key of the outer-join store: the record key, its timestamp and its join side (Kafka's `TimestampedKeyAndJoinSide`). */
export interface TimestampedKeyAndJoinSide<K> {
  readonly key: K
  readonly timestamp: number
  readonly leftSide: boolean
}

/**
 * Serializes outer-join store keys as Kafka does: `<int64 timestamp><side byte, 1 = left><key>`,
 * so the store iterates in timestamp order.
 */
export class TimestampedKeyAndJoinSideSerde<K> implements Serde<TimestampedKeyAndJoinSide<K>>, DefaultSerdeBinding {
  private readonly inner: WrappedInnerSerde<K>
  readonly serializer: Serializer<TimestampedKeyAndJoinSide<K>>
  readonly deserializer: Deserializer<TimestampedKeyAndJoinSide<K>>

  constructor(keySerde: Serde<K> | undefined) {
    const inner = (this.inner = new WrappedInnerSerde(keySerde, 'key'))
    this.serializer = {
      serialize(topic: string, data: TimestampedKeyAndJoinSide<K> | null, headers?: Headers): Buffer | null {
        if (data === null) return null
        const keyBytes = inner.get().serializer.serialize(topic, data.key, headers) ?? Buffer.alloc(0)
        const out = Buffer.allocUnsafe(9 + keyBytes.length)
        out.writeBigInt64BE(BigInt(data.timestamp), 0)
        out[8] = data.leftSide ? 1 : 0
        keyBytes.copy(out, 9)
        return out
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): TimestampedKeyAndJoinSide<K> | null {
        if (data === null) return null
        return {
          timestamp: Number(data.readBigInt64BE(0)),
          leftSide: data[8] === 1,
          key: inner.get().deserializer.deserialize(topic, data.subarray(9), headers) as K,
        }
      },
    }
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.inner.bindDefaults(defaultKeySerde, defaultValueSerde)
  }
}
