import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../../processor-api/processor-context.js'
import { Record } from '../../../../processor-api/record.js'
import type { Change } from '../../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../../state-stores/key-value-store.js'
import type { ValueAndTimestamp } from '../../../../state-stores/value-and-timestamp.js'
import type { DslProcessorSupplier } from '../../graph/processor-parameters.js'
import type { CombinedKeySchema } from '../../serdes/combined-key-schema.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../../serdes/default-serde-binding.js'
import type { SubscriptionWrapper } from '../../serdes/subscription-wrapper.js'

/** The key the foreign side works with: foreign key plus the subscribing primary key. */
export interface CombinedKey<KO, K> {
  readonly foreignKey: KO | null
  readonly primaryKey: K
}

/**
 * FK join, foreign side (Kafka's `SubscriptionReceiveProcessorSupplier`): records (or removes)
 * each subscription in the subscription store, keyed by foreign key + primary key.
 */
export class SubscriptionReceive<KO, K> implements DslProcessorSupplier<KO, SubscriptionWrapper<K>, CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> {
  constructor(
    private readonly storeName: string,
    private readonly keySchema: CombinedKeySchema<KO, K>,
    private readonly bindings: readonly DefaultSerdeBinding[],
  ) {}

  get(): Processor<KO, SubscriptionWrapper<K>, CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> {
    const { storeName, keySchema, bindings } = this
    let context: ProcessorContext<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>>
    let store: TimestampedKeyValueStore<Buffer, SubscriptionWrapper<K>>
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes([...bindings, keySchema], ctx)
        store = ctx.getStateStore<TimestampedKeyValueStore<Buffer, SubscriptionWrapper<K>>>(storeName)
      },
      process(record: Record<KO, SubscriptionWrapper<K>>) {
        const fk = record.key === undefined ? null : record.key
        if (fk === null && record.value.instruction !== 'PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE') return
        const newValue: ValueAndTimestamp<SubscriptionWrapper<K>> = { value: record.value, timestamp: record.timestamp }
        let oldValue: ValueAndTimestamp<SubscriptionWrapper<K>> | null = null
        if (fk !== null) {
          const storeKey = keySchema.toBytes(fk, record.value.primaryKey)
          oldValue = store.get(storeKey)
          if (record.value.instruction === 'DELETE_KEY_AND_PROPAGATE' || record.value.instruction === 'DELETE_KEY_NO_PROPAGATE') store.delete(storeKey)
          else store.put(storeKey, newValue)
        }
        context.forward(
          new Record<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>>(
            { foreignKey: fk, primaryKey: record.value.primaryKey },
            { newValue, oldValue },
            record.timestamp,
            record.headers,
          ),
        )
      },
    }
  }
}
