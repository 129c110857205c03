import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../../processor-api/processor-context.js'
import { Record } from '../../../../processor-api/record.js'
import { Serdes } from '../../../../processor-api/serde/serdes.js'
import type { Change } from '../../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../../state-stores/key-value-store.js'
import type { DslProcessorSupplier } from '../../graph/processor-parameters.js'
import type { CombinedKeySchema } from '../../serdes/combined-key-schema.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../../serdes/default-serde-binding.js'
import type { SubscriptionResponseWrapper, SubscriptionWrapper } from '../../serdes/subscription-wrapper.js'

/**
 * FK join, foreign side (Kafka's `ForeignTableJoinProcessorSupplier`): when a foreign row changes,
 * answers every primary row subscribed to it (a prefix scan of the subscription store).
 */
export class ForeignTableJoin<KO, K, VO> implements DslProcessorSupplier<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> {
  constructor(
    private readonly storeName: string,
    private readonly keySchema: CombinedKeySchema<KO, K>,
    private readonly bindings: readonly DefaultSerdeBinding[],
  ) {}

  get(): Processor<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> {
    const { storeName, keySchema, bindings } = this
    let context: ProcessorContext<K, SubscriptionResponseWrapper<VO>>
    let store: TimestampedKeyValueStore<Buffer, SubscriptionWrapper<K>>
    return {
      init(ctx) {
        context = ctx
        bindDefaultSerdes([...bindings, keySchema], ctx)
        store = ctx.getStateStore<TimestampedKeyValueStore<Buffer, SubscriptionWrapper<K>>>(storeName)
      },
      process(record: Record<KO, Change<VO>>): void | Promise<void> {
        if (record.key === null || record.key === undefined) return
        return respond(record)
      },
    }

    async function respond(record: Record<KO, Change<VO>>): Promise<void> {
      const prefix = keySchema.prefixBytes(record.key)
      const it = store.prefixScan(prefix, Serdes.ByteArray().serializer)
      try {
        for await (const { key, value } of it) {
          context.forward(
            new Record<K, SubscriptionResponseWrapper<VO>>(
              keySchema.primaryKeyOf(key),
              { originalValueHash: value.value.hash, foreignValue: record.value.newValue, primaryPartition: value.value.primaryPartition },
              record.timestamp,
              record.headers,
            ),
          )
        }
      } finally {
        await it.close()
      }
    }
  }
}
