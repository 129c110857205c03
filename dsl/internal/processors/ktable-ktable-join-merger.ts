import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { makeValueAndTimestamp, type KTableValueGetterSupplier, type KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/**
 * Merges the results of both sides of a table-table join (Kafka's `KTableKTableJoinMerger`):
 * writes them to the join's store when materialized, and forwards.
 */
export class KTableKTableJoinMerger<K, V> implements DslProcessorSupplier<K, Change<V>, K, Change<V>>, KTableViewProvider<K, V> {
  private sendOldValues = false

  constructor(
    private readonly parent1: KTableViewProvider<K, V>,
    private readonly parent2: KTableViewProvider<K, V>,
    readonly queryableName: string | null,
  ) {}

  get(): Processor<K, Change<V>, K, Change<V>> {
    const { queryableName, sendOldValues } = this
    let context: ProcessorContext<K, Change<V>>
    let store: TimestampedKeyValueStore<K, V> | null = null
    let forwarder: TimestampedTupleForwarder<K, V> | null = null
    return {
      init(ctx) {
        context = ctx
        if (queryableName !== null) {
          store = ctx.getStateStore<TimestampedKeyValueStore<K, V>>(queryableName)
          forwarder = new TimestampedTupleForwarder<K, V>(store, ctx, sendOldValues)
        }
      },
      process(record: Record<K, Change<V>>) {
        if (store !== null) {
          store.put(record.key, makeValueAndTimestamp(record.value.newValue, record.timestamp))
          forwarder!.maybeForward(record)
        } else if (sendOldValues) {
          context.forward(record)
        } else {
          context.forward(record.withValue<Change<V>>({ newValue: record.value.newValue, oldValue: null }))
        }
      },
    }
  }

  view(): KTableValueGetterSupplier<K, V> {
    if (this.queryableName !== null) return new KTableMaterializedValueGetterSupplier<K, V>(this.queryableName)
    const v1 = this.parent1.view()
    const v2 = this.parent2.view()
    return { get: () => v1.get(), storeNames: () => [...new Set([...v1.storeNames(), ...v2.storeNames()])] }
  }

  enableSendingOldValues(): boolean {
    this.parent1.enableSendingOldValues(true)
    this.parent2.enableSendingOldValues(true)
    this.sendOldValues = true
    return true
  }
}
