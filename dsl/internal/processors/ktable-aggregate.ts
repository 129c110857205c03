import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import { StreamsError } from '../../../processor-api/errors.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { Aggregator, Initializer } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { makeValueAndTimestamp, type KTableValueGetterSupplier, type KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../serdes/default-serde-binding.js'

/**
 * `KGroupedTable.aggregate/count` (Kafka's `KTableAggregate`): subtracts an update's old value
 * from the aggregate and adds its new value.
 */
export class KTableAggregate<K, V, VA> implements DslProcessorSupplier<K, Change<V>, K, Change<VA>>, KTableViewProvider<K, VA> {
  private sendOldValues = false

  constructor(
    readonly storeName: string,
    private readonly initializer: Initializer<VA>,
    private readonly add: Aggregator<K, V, VA>,
    private readonly remove: Aggregator<K, V, VA>,
    private readonly bindings: readonly DefaultSerdeBinding[] = [],
  ) {}

  get(): Processor<K, Change<V>, K, Change<VA>> {
    const { storeName, initializer, add, remove, sendOldValues, bindings } = this
    let store: TimestampedKeyValueStore<K, VA>
    let forwarder: TimestampedTupleForwarder<K, VA>
    return {
      init(context: ProcessorContext<K, Change<VA>>) {
        bindDefaultSerdes(bindings, context)
        store = context.getStateStore<TimestampedKeyValueStore<K, VA>>(storeName)
        forwarder = new TimestampedTupleForwarder<K, VA>(store, context, sendOldValues)
      },
      process(record: Record<K, Change<V>>) {
        if (record.key === null || record.key === undefined) {
          throw new StreamsError('KS_ERR_NULL_KEY', `Record key for KTable aggregate operator with state ${storeName} should not be null.`)
        }
        const old = store.get(record.key)
        const oldAgg = old === null ? null : old.value
        let timestamp = record.timestamp
        let intermediate: VA | null
        if (record.value.oldValue !== null && oldAgg !== null) {
          intermediate = remove(record.key, record.value.oldValue, oldAgg)
          timestamp = Math.max(record.timestamp, old!.timestamp)
        } else {
          intermediate = oldAgg
        }
        let newAgg: VA | null
        if (record.value.newValue !== null) {
          newAgg = add(record.key, record.value.newValue, intermediate === null ? initializer() : intermediate)
          if (old !== null) timestamp = Math.max(record.timestamp, old.timestamp)
        } else {
          newAgg = intermediate
        }
        store.put(record.key, makeValueAndTimestamp(newAgg, timestamp))
        if (forwarder.forwardsUpdates) {
          forwarder.maybeForward(new Record<K, Change<VA>>(record.key, { newValue: newAgg, oldValue: sendOldValues ? oldAgg : null }, timestamp, record.headers))
        }
      },
    }
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<K, VA> {
    return new KTableMaterializedValueGetterSupplier<K, VA>(this.storeName)
  }
}
