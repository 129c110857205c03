import type { Serde } from '../../../processor-api/serde/serde.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'
import { WrappedInnerSerde } from './wrapped-inner-serde.js'

/**
 * Keys of the FK-join subscription store (Kafka's `CombinedKeySchema`):
 * `<int32 fk length><foreign key bytes><primary key bytes>`, so all subscriptions of one foreign
 * key share the prefix `<length><fk>`.
 */
export class CombinedKeySchema<KO, K> implements DefaultSerdeBinding {
  private readonly foreignKeySerde: WrappedInnerSerde<KO>
  private readonly primaryKeySerde: WrappedInnerSerde<K>

  constructor(
    private readonly topic: string,
    foreignKeySerde: Serde<KO> | undefined,
    primaryKeySerde: Serde<K> | undefined,
  ) {
    this.foreignKeySerde = new WrappedInnerSerde(foreignKeySerde, 'key')
    this.primaryKeySerde = new WrappedInnerSerde(primaryKeySerde, 'key')
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    this.foreignKeySerde.bindDefaults(defaultKeySerde, defaultValueSerde)
    this.primaryKeySerde.bindDefaults(defaultKeySerde, defaultValueSerde)
  }

  foreignKeyBytes(foreignKey: KO): Buffer {
    return this.foreignKeySerde.get().serializer.serialize(`${this.topic}-fk`, foreignKey) ?? Buffer.alloc(0)
  }

  toBytes(foreignKey: KO, primaryKey: K): Buffer {
    const fk = this.foreignKeyBytes(foreignKey)
    const pk = this.primaryKeySerde.get().serializer.serialize(`${this.topic}-pk`, primaryKey) ?? Buffer.alloc(0)
    const out = Buffer.allocUnsafe(4 + fk.length + pk.length)
    out.writeInt32BE(fk.length, 0)
    fk.copy(out, 4)
    pk.copy(out, 4 + fk.length)
    return out
  }

  prefixBytes(foreignKey: KO): Buffer {
    const fk = this.foreignKeyBytes(foreignKey)
    const out = Buffer.allocUnsafe(4 + fk.length)
    out.writeInt32BE(fk.length, 0)
    fk.copy(out, 4)
    return out
  }

  primaryKeyOf(bytes: Buffer): K {
    const fkLength = bytes.readInt32BE(0)
    return this.primaryKeySerde.get().deserializer.deserialize(`${this.topic}-pk`, bytes.subarray(4 + fkLength)) as K
  }
}
