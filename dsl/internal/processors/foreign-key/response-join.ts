import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../../processor-api/processor-context.js'
import type { Record } from '../../../../processor-api/record.js'
import type { Serde } from '../../../../processor-api/serde/serde.js'
import type { DslProcessorSupplier } from '../../graph/processor-parameters.js'
import type { KTableValueGetterSupplier } from '../../ktable-value-getter.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../../serdes/default-serde-binding.js'
import { valueHash, type SubscriptionResponseWrapper } from '../../serdes/subscription-wrapper.js'
import { WrappedInnerSerde } from '../../serdes/wrapped-inner-serde.js'

/**
 * FK join, back on the primary side (Kafka's `ResponseJoinProcessorSupplier`): joins a response
 * with the primary row's current value, unless the row changed since the subscription was sent
 * (hash mismatch: a newer response is on its way). A missing foreign value gives a delete for an
 * inner join, `joiner(value, null)` for a left join.
 */
export class ResponseJoin<K, V, VO, VR> implements DslProcessorSupplier<K, SubscriptionResponseWrapper<VO>, K, VR | null> {
  private readonly valueSerde: WrappedInnerSerde<V>

  constructor(
    private readonly valueGetterSupplier: KTableValueGetterSupplier<K, V>,
    valueSerde: Serde<V> | undefined,
    private readonly topic: string,
    private readonly joiner: (value: V | null, foreignValue: VO | null, key: K) => VR,
    private readonly leftJoin: boolean,
    private readonly bindings: readonly DefaultSerdeBinding[],
  ) {
    this.valueSerde = new WrappedInnerSerde(valueSerde, 'value')
  }

  get(): Processor<K, SubscriptionResponseWrapper<VO>, K, VR | null> {
    const self = this
    const getter = this.valueGetterSupplier.get()
    let context: ProcessorContext<K, VR | null>
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes([...self.bindings, self.valueSerde], ctx)
        getter.init(ctx as ProcessorContext<unknown, unknown>)
      },
      process(record: Record<K, SubscriptionResponseWrapper<VO>>) {
        const current = getter.get(record.key)
        const currentHash = current === null ? null : valueHash(self.valueSerde.get().serializer.serialize(`${self.topic}-vh`, current.value))
        const messageHash = record.value.originalValueHash
        const same = currentHash === null || messageHash === null ? currentHash === messageHash : currentHash.equals(messageHash)
        if (!same) return
        const foreignValue = record.value.foreignValue
        const result = foreignValue === null && (!self.leftJoin || current === null) ? null : self.joiner(current === null ? null : current.value, foreignValue, record.key)
        context.forward(record.withValue(result))
      },
      close() {
        getter.close()
      },
    }
  }
}
