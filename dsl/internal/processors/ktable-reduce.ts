import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import { StreamsError } from '../../../processor-api/errors.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { Reducer } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import { makeValueAndTimestamp, type KTableValueGetterSupplier, type KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'
import { bindDefaultSerdes, type DefaultSerdeBinding } from '../serdes/default-serde-binding.js'

/** `KGroupedTable.reduce` (Kafka's `KTableReduce`): `subtractor(agg, old)` then `adder(agg, new)`. */
export class KTableReduce<K, V> implements DslProcessorSupplier<K, Change<V>, K, Change<V>>, KTableViewProvider<K, V> {
  private sendOldValues = false

  constructor(
    readonly storeName: string,
    private readonly addReducer: Reducer<V>,
    private readonly removeReducer: Reducer<V>,
    private readonly bindings: readonly DefaultSerdeBinding[] = [],
  ) {}

  get(): Processor<K, Change<V>, K, Change<V>> {
    const { storeName, addReducer, removeReducer, sendOldValues, bindings } = this
    let store: TimestampedKeyValueStore<K, V>
    let forwarder: TimestampedTupleForwarder<K, V>
    return {
      init(context: ProcessorContext<K, Change<V>>) {
        bindDefaultSerdes(bindings, context)
        store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName)
        forwarder = new TimestampedTupleForwarder<K, V>(store, context, sendOldValues)
      },
      process(record: Record<K, Change<V>>) {
        if (record.key === null || record.key === undefined) {
          throw new StreamsError('KS_ERR_NULL_KEY', `Record key for KTable reduce operator with state ${storeName} should not be null.`)
        }
        const old = store.get(record.key)
        const oldAgg = old === null ? null : old.value
        let intermediate: V | null
        let timestamp: number
        if (record.value.oldValue !== null && oldAgg !== null) {
          intermediate = removeReducer(oldAgg, record.value.oldValue)
          timestamp = Math.max(record.timestamp, old!.timestamp)
        } else {
          intermediate = oldAgg
          timestamp = record.timestamp
        }
        let newAgg: V | null
        if (record.value.newValue !== null) {
          if (intermediate === null) newAgg = record.value.newValue
          else {
            newAgg = addReducer(intermediate, record.value.newValue)
            timestamp = Math.max(record.timestamp, old!.timestamp)
          }
        } else {
          newAgg = intermediate
        }
        store.put(record.key, makeValueAndTimestamp(newAgg, timestamp))
        if (forwarder.forwardsUpdates) {
          forwarder.maybeForward(new Record<K, Change<V>>(record.key, { newValue: newAgg, oldValue: sendOldValues ? oldAgg : null }, timestamp, record.headers))
        }
      },
    }
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<K, V> {
    return new KTableMaterializedValueGetterSupplier<K, V>(this.storeName)
  }
}
