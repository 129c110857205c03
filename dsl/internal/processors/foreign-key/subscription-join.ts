import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../../processor-api/processor-context.js'
import { Record } from '../../../../processor-api/record.js'
import type { Change } from '../../../../state-stores/cached-state-store.js'
import type { ValueAndTimestamp } from '../../../../state-stores/value-and-timestamp.js'
import type { DslProcessorSupplier } from '../../graph/processor-parameters.js'
import type { KTableValueGetterSupplier } from '../../ktable-value-getter.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../../serdes/default-serde-binding.js'
import type { SubscriptionResponseWrapper, SubscriptionWrapper } from '../../serdes/subscription-wrapper.js'
import type { CombinedKey } from './subscription-receive.js'

/**
 * FK join, foreign side (Kafka's `SubscriptionJoinProcessorSupplier`): answers a new subscription
 * with the foreign table's current value (or null, or nothing), per the subscription's instruction.
 */
export class SubscriptionJoin<KO, K, VO> implements DslProcessorSupplier<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>, K, SubscriptionResponseWrapper<VO>> {
  constructor(
    private readonly foreignValueGetterSupplier: KTableValueGetterSupplier<KO, VO>,
    private readonly bindings: readonly DefaultSerdeBinding[],
  ) {}

  get(): Processor<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>, K, SubscriptionResponseWrapper<VO>> {
    const getter = this.foreignValueGetterSupplier.get()
    const bindings = this.bindings
    let context: ProcessorContext<K, SubscriptionResponseWrapper<VO>>
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes(bindings, ctx)
        getter.init(ctx as ProcessorContext<unknown, unknown>)
      },
      process(record) {
        const vt = record.value.newValue!
        const wrapper = vt.value
        const foreign = record.key.foreignKey === null ? null : getter.get(record.key.foreignKey)
        const timestamp = foreign === null ? vt.timestamp : Math.max(vt.timestamp, foreign.timestamp)
        const send = (foreignValue: VO | null): void => {
          context.forward(
            new Record<K, SubscriptionResponseWrapper<VO>>(
              record.key.primaryKey,
              { originalValueHash: wrapper.hash, foreignValue, primaryPartition: wrapper.primaryPartition },
              timestamp,
              record.headers,
            ),
          )
        }
        switch (wrapper.instruction) {
          case 'DELETE_KEY_AND_PROPAGATE':
            send(null)
            break
          case 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE':
            send(foreign === null ? null : foreign.value)
            break
          case 'PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE':
            if (foreign !== null) send(foreign.value)
            break
          case 'DELETE_KEY_NO_PROPAGATE':
            break
        }
      },
      close() {
        getter.close()
      },
    }
  }
}
