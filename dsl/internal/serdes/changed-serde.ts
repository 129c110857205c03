import type { Headers } from '../../../processor-api/headers.js'
import { SerializationError } from '../../../processor-api/errors.js'
import type { Deserializer, Serde, Serializer } from '../../../processor-api/serde/serde.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'
import { WrappedInnerSerde } from './wrapped-inner-serde.js'

/**
 * Serializes a table update `Change<V>` for the `KTable.groupBy` repartition topic, in Kafka's
 * `ChangedSerializer` layout: `{new}{0x01}`, `{old}{0x00}`, or `{int32 newLength}{new}{old}{0x02}`.
 */
export class ChangedSerde<V> implements Serde<Change<V>>, DefaultSerdeBinding {
  private readonly inner: WrappedInnerSerde<V>
  readonly serializer: Serializer<Change<V>>
  readonly deserializer: Deserializer<Change<V>>

  constructor(inner: Serde<V> | undefined) {
    this.inner = new WrappedInnerSerde(inner, 'value')
    const holder = this.inner
    this.serializer = {
      serialize(topic: string, data: Change<V> | null, headers?: Headers): Buffer | null {
        if (data === null) return null
        const s = holder.get().serializer
        const newData = data.newValue === null ? null : s.serialize(topic, data.newValue, headers)
        const oldData = data.oldValue === null ? null : s.serialize(topic, data.oldValue, headers)
        if (newData !== null && oldData !== null) {
          const out = Buffer.allocUnsafe(4 + newData.length + oldData.length + 1)
          out.writeInt32BE(newData.length, 0)
          newData.copy(out, 4)
          oldData.copy(out, 4 + newData.length)
          out[out.length - 1] = 2
          return out
        }
        const one = newData ?? oldData
        if (one === null) throw new SerializationError('Both old and new values are null in ChangeSerializer, which is not allowed.', { topic })
        const out = Buffer.allocUnsafe(one.length + 1)
        one.copy(out, 0)
        out[one.length] = newData !== null ? 1 : 0
        return out
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): Change<V> | null {
        if (data === null) return null
        const d = holder.get().deserializer
        const flag = data[data.length - 1]
        if (flag === 2) {
          const newLength = data.readInt32BE(0)
          const newValue = d.deserialize(topic, data.subarray(4, 4 + newLength), headers)
          const oldValue = d.deserialize(topic, data.subarray(4 + newLength, data.length - 1), headers)
          return { newValue, oldValue }
        }
        const value = d.deserialize(topic, data.subarray(0, data.length - 1), headers)
        if (flag === 1) return { newValue: value, oldValue: null }
        if (flag === 0) return { newValue: null, oldValue: value }
        throw new SerializationError(`Unknown Change encoding flag ${String(flag)}`, { topic })
      },
    }
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.inner.bindDefaults(defaultKeySerde, defaultValueSerde)
  }
}
