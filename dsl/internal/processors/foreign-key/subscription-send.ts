import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../../processor-api/processor-context.js'
import { Record } from '../../../../processor-api/record.js'
import type { Serde } from '../../../../processor-api/serde/serde.js'
import type { Change } from '../../../../state-stores/cached-state-store.js'
import type { DslProcessorSupplier } from '../../graph/processor-parameters.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../../serdes/default-serde-binding.js'
import { valueHash, type SubscriptionInstruction, type SubscriptionWrapper } from '../../serdes/subscription-wrapper.js'
import { WrappedInnerSerde } from '../../serdes/wrapped-inner-serde.js'

/**
 * FK join, primary side (Kafka's `SubscriptionSendProcessorSupplier`): for each update of the
 * primary table, subscribes to the new foreign key (and unsubscribes from the old one when it
 * changed), sending a hash of the new value so stale responses can be recognised.
 */
export class SubscriptionSend<K, V, KO> implements DslProcessorSupplier<K, Change<V>, KO, SubscriptionWrapper<K>> {
  private readonly foreignKeySerde: WrappedInnerSerde<KO>
  private readonly valueSerde: WrappedInnerSerde<V>

  constructor(
    private readonly foreignKeyExtractor: (value: V) => KO,
    foreignKeySerde: Serde<KO> | undefined,
    valueSerde: Serde<V> | undefined,
    private readonly leftJoin: boolean,
    private readonly topic: string,
    private readonly bindings: readonly DefaultSerdeBinding[],
  ) {
    this.foreignKeySerde = new WrappedInnerSerde(foreignKeySerde, 'key')
    this.valueSerde = new WrappedInnerSerde(valueSerde, 'value')
  }

  get(): Processor<K, Change<V>, KO, SubscriptionWrapper<K>> {
    const self = this
    let context: ProcessorContext<KO, SubscriptionWrapper<K>>
    const fkBytes = (fk: KO | null): string => (fk === null ? '' : (self.foreignKeySerde.get().serializer.serialize(`${self.topic}-fk`, fk) ?? Buffer.alloc(0)).toString('hex'))
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes([...self.bindings, self.foreignKeySerde, self.valueSerde], ctx)
      },
      process(record: Record<K, Change<V>>) {
        let hash: Buffer | null | undefined
        const forward = (foreignKey: KO | null, instruction: SubscriptionInstruction): void => {
          if (hash === undefined) {
            const n = record.value.newValue
            hash = n === null ? null : valueHash(self.valueSerde.get().serializer.serialize(`${self.topic}-vh`, n))
          }
          const wrapper: SubscriptionWrapper<K> = {
            hash,
            instruction,
            primaryKey: record.key,
            primaryPartition: context.recordMetadata()?.partition ?? null,
          }
          context.forward(new Record<KO, SubscriptionWrapper<K>>(foreignKey as KO, wrapper, record.timestamp, record.headers))
        }
        const { newValue, oldValue } = record.value
        const extract = (v: V): KO | null => {
          const fk = self.foreignKeyExtractor(v)
          return fk === undefined ? null : fk
        }
        if (self.leftJoin) {
          if (oldValue !== null) {
            const oldFk = extract(oldValue)
            const newFk = newValue === null ? null : extract(newValue)
            if (oldFk !== null && fkBytes(newFk) !== fkBytes(oldFk)) forward(oldFk, 'DELETE_KEY_AND_PROPAGATE')
            forward(newFk, 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE')
          } else if (newValue !== null) {
            forward(extract(newValue), 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE')
          }
          return
        }
        if (oldValue !== null) {
          const oldFk = extract(oldValue)
          if (oldFk === null) return
          if (newValue !== null) {
            const newFk = extract(newValue)
            if (newFk === null) return
            if (fkBytes(newFk) !== fkBytes(oldFk)) forward(oldFk, 'DELETE_KEY_NO_PROPAGATE')
            forward(newFk, 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE')
          } else {
            forward(oldFk, 'DELETE_KEY_AND_PROPAGATE')
          }
        } else if (newValue !== null) {
          const newFk = extract(newValue)
          if (newFk !== null) forward(newFk, 'PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE')
        }
      },
    }
  }
}
