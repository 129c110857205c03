import { createHash } from 'node:crypto'
import type { Headers } from '../../../processor-api/headers.js'
import { SerializationError } from '../../../processor-api/errors.js'
import type { Deserializer, Serde, Serializer } from '../../../processor-api/serde/serde.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'
import { WrappedInnerSerde } from './wrapped-inner-serde.js'

/** What the foreign side does with a subscription (Kafka's `SubscriptionWrapper.Instruction`). */
export type SubscriptionInstruction =
  | 'DELETE_KEY_NO_PROPAGATE'
  | 'DELETE_KEY_AND_PROPAGATE'
  | 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE'
  | 'PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE'

const INSTRUCTIONS: readonly SubscriptionInstruction[] = [
  'DELETE_KEY_NO_PROPAGATE',
  'DELETE_KEY_AND_PROPAGATE',
  'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE',
  'PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE',
]

/** A primary row's subscription to a foreign key (Kafka's `SubscriptionWrapper`). */
export interface SubscriptionWrapper<K> {
  /** Hash of the primary value's bytes when sent (null for a delete); responses must match it. */
  readonly hash: Buffer | null
  readonly instruction: SubscriptionInstruction
  readonly primaryKey: K
  /** Partition of the primary record, so the response can be routed back; null when unknown. */
  readonly primaryPartition: number | null
}

/** A 16-byte hash of a serialized primary value (Kafka uses Murmur3 128). */
export function valueHash(bytes: Buffer | null): Buffer | null {
  return bytes === null ? null : createHash('md5').update(bytes).digest()
}

/**
 * Subscription wrapper layout: `<version|hashNull bit><instruction><16-byte hash?><int32 partition, -1 = none><primary key>`.
 */
export class SubscriptionWrapperSerde<K> implements Serde<SubscriptionWrapper<K>>, DefaultSerdeBinding {
  private readonly primaryKeySerde: WrappedInnerSerde<K>
  readonly serializer: Serializer<SubscriptionWrapper<K>>
  readonly deserializer: Deserializer<SubscriptionWrapper<K>>

  constructor(primaryKeySerde: Serde<K> | undefined) {
    const pk = (this.primaryKeySerde = new WrappedInnerSerde(primaryKeySerde, 'key'))
    this.serializer = {
      serialize(topic: string, data: SubscriptionWrapper<K> | null, headers?: Headers): Buffer | null {
        if (data === null) return null
        const keyBytes = pk.get().serializer.serialize(`${topic}-pk`, data.primaryKey, headers) ?? Buffer.alloc(0)
        const hashLength = data.hash === null ? 0 : 16
        const out = Buffer.allocUnsafe(2 + hashLength + 4 + keyBytes.length)
        out[0] = 1 | (data.hash === null ? 0x80 : 0)
        out[1] = INSTRUCTIONS.indexOf(data.instruction)
        if (data.hash !== null) data.hash.copy(out, 2)
        out.writeInt32BE(data.primaryPartition ?? -1, 2 + hashLength)
        keyBytes.copy(out, 6 + hashLength)
        return out
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): SubscriptionWrapper<K> | null {
        if (data === null) return null
        const hashNull = (data[0]! & 0x80) !== 0
        const instruction = INSTRUCTIONS[data[1]!]
        if (instruction === undefined) throw new SerializationError(`Unknown subscription instruction ${data[1]}`, { topic })
        const hashLength = hashNull ? 0 : 16
        const partition = data.readInt32BE(2 + hashLength)
        return {
          hash: hashNull ? null : Buffer.from(data.subarray(2, 18)),
          instruction,
          primaryPartition: partition < 0 ? null : partition,
          primaryKey: pk.get().deserializer.deserialize(`${topic}-pk`, data.subarray(6 + hashLength), headers) as K,
        }
      },
    }
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.primaryKeySerde.bindDefaults(defaultKeySerde, defaultValueSerde)
  }
}

/** The foreign side's answer to a subscription (Kafka's `SubscriptionResponseWrapper`). */
export interface SubscriptionResponseWrapper<VO> {
  readonly originalValueHash: Buffer | null
  readonly foreignValue: VO | null
  readonly primaryPartition: number | null
}

/** Response layout: `<version|hashNull bit><16-byte hash?><int32 partition><foreign value?>`. */
export class SubscriptionResponseWrapperSerde<VO> implements Serde<SubscriptionResponseWrapper<VO>>, DefaultSerdeBinding {
  private readonly foreignValueSerde: WrappedInnerSerde<VO>
  readonly serializer: Serializer<SubscriptionResponseWrapper<VO>>
  readonly deserializer: Deserializer<SubscriptionResponseWrapper<VO>>

  constructor(foreignValueSerde: Serde<VO> | undefined) {
    const fv = (this.foreignValueSerde = new WrappedInnerSerde(foreignValueSerde, 'value'))
    this.serializer = {
      serialize(topic: string, data: SubscriptionResponseWrapper<VO> | null, headers?: Headers): Buffer | null {
        if (data === null) return null
        const valueBytes = data.foreignValue === null ? null : fv.get().serializer.serialize(topic, data.foreignValue, headers)
        const hashLength = data.originalValueHash === null ? 0 : 16
        const out = Buffer.allocUnsafe(1 + hashLength + 4 + (valueBytes?.length ?? 0))
        out[0] = 1 | (data.originalValueHash === null ? 0x80 : 0)
        if (data.originalValueHash !== null) data.originalValueHash.copy(out, 1)
        out.writeInt32BE(data.primaryPartition ?? -1, 1 + hashLength)
        valueBytes?.copy(out, 5 + hashLength)
        return out
      },
    }
    this.deserializer = {
      deserialize(topic: string, data: Buffer | null, headers?: Headers): SubscriptionResponseWrapper<VO> | null {
        if (data === null) return null
        const hashNull = (data[0]! & 0x80) !== 0
        const hashLength = hashNull ? 0 : 16
        const partition = data.readInt32BE(1 + hashLength)
        const rest = data.subarray(5 + hashLength)
        return {
          originalValueHash: hashNull ? null : Buffer.from(data.subarray(1, 17)),
          primaryPartition: partition < 0 ? null : partition,
          foreignValue: rest.length === 0 ? null : fv.get().deserializer.deserialize(topic, rest, headers),
        }
      },
    }
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.foreignValueSerde.bindDefaults(defaultKeySerde, defaultValueSerde)
  }
}
