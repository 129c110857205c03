import type { Headers } from '../../../processor-api/headers.js'
import { SerializationError } from '../../../processor-api/errors.js'
import type { Deserializer, Serde, Serializer } from '../../../processor-api/serde/serde.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'
import { WrappedInnerSerde } from './wrapped-inner-serde.js'

/** One side's value waiting in the outer-join store (Kafka's `LeftOrRightValue`). */
export type LeftOrRightValue<V1, V2> = { readonly left: true; readonly value: V1 } | { readonly left: false; readonly value: V2 }

/**
 * Serializes the list of values stored under one outer-join key (Kafka's `ListValueStore` over
 * `LeftOrRightValueSerde`): `<int32 count>` then per value `<int32 length><side byte><bytes>`.
 */
export class LeftOrRightValueListSerde<V1, V2> implements Serde<LeftOrRightValue<V1, V2>[]>, DefaultSerdeBinding {
  private readonly leftSerde: WrappedInnerSerde<V1>
  private readonly rightSerde: WrappedInnerSerde<V2>
  readonly serializer: Serializer<LeftOrRightValue<V1, V2>[]>
  readonly deserializer: Deserializer<LeftOrRightValue<V1, V2>[]>

  constructor(leftSerde: Serde<V1> | undefined, rightSerde: Serde<V2> | undefined) {
    const left = (this.leftSerde = new WrappedInnerSerde(leftSerde, 'value'))
    const right = (this.rightSerde = new WrappedInnerSerde(rightSerde, 'value'))
    this.serializer = {
      serialize(topic: string, data: LeftOrRightValue<V1, V2>[] | null, headers?: Headers): Buffer | null {
        if (data === null) return null
        const parts: Buffer[] = []
        const count = Buffer.allocUnsafe(4)
        count.writeInt32BE(data.length, 0)
        parts.push(count)
        for (const v of data) {
          const raw = v.left ? left.get().serializer.serialize(topic, v.value, headers) : right.get().serializer.serialize(topic, v.value, headers)
          if (raw === null) throw new SerializationError('A value in the outer join store serialized to null', { topic })
          const head = Buffer.allocUnsafe(5)
          head.writeInt32BE(raw.length + 1, 0)
          head[4] = v.left ? 1 : 0
          parts.push(head, raw)
        }
        return Buffer.concat(parts)
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): LeftOrRightValue<V1, V2>[] | null {
        if (data === null) return null
        const count = data.readInt32BE(0)
        const out: LeftOrRightValue<V1, V2>[] = []
        let pos = 4
        for (let i = 0; i < count; i++) {
          const length = data.readInt32BE(pos)
          const isLeft = data[pos + 4] === 1
          const raw = data.subarray(pos + 5, pos + 4 + length)
          pos += 4 + length
          if (isLeft) out.push({ left: true, value: left.get().deserializer.deserialize(topic, raw, headers) as V1 })
          else out.push({ left: false, value: right.get().deserializer.deserialize(topic, raw, headers) as V2 })
        }
        return out
      },
    }
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.leftSerde.bindDefaults(defaultKeySerde, defaultValueSerde)
    this.rightSerde.bindDefaults(defaultKeySerde, defaultValueSerde)
  }
}
