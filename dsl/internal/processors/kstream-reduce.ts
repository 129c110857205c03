import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { Reducer } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/**
 * `KGroupedStream.reduce` (Kafka's `KStreamReduce`): the first value of a key is its aggregate,
 * later ones are combined with `reducer(aggregate, value)`. Null keys/values are skipped.
 */
export class KStreamReduce<K, V> implements DslProcessorSupplier<K, V, K, Change<V>>, KTableViewProvider<K, V> {
  private sendOldValues = false

  constructor(
    readonly storeName: string,
    private readonly reducer: Reducer<V>,
  ) {}

  get(): Processor<K, V, K, Change<V>> {
    return new KStreamReduceProcessor(this.storeName, this.reducer, this.sendOldValues)
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<K, V> {
    return new KTableMaterializedValueGetterSupplier<K, V>(this.storeName)
  }
}

class KStreamReduceProcessor<K, V> implements Processor<K, V, K, Change<V>> {
  private store!: TimestampedKeyValueStore<K, V>
  private forwarder!: TimestampedTupleForwarder<K, V>

  constructor(
    private readonly storeName: string,
    private readonly reducer: Reducer<V>,
    private readonly sendOldValues: boolean,
  ) {}

  init(context: ProcessorContext<K, Change<V>>): void {
    this.store = context.getStateStore<TimestampedKeyValueStore<K, V>>(this.storeName)
    this.forwarder = new TimestampedTupleForwarder<K, V>(this.store, context, this.sendOldValues)
  }

  process(record: Record<K, V>): void {
    const key = record.key
    if (key === null || key === undefined || record.value === null || record.value === undefined) return
    const old = this.store.get(key)
    const oldAgg = old === null ? null : old.value
    let newAgg: V
    let timestamp: number
    if (old !== null) {
      newAgg = this.reducer(old.value, record.value)
      timestamp = Math.max(record.timestamp, old.timestamp)
    } else {
      newAgg = record.value
      timestamp = record.timestamp
    }
    this.store.put(key, { value: newAgg, timestamp })
    // With a cache the update is forwarded on flush: build nothing per record.
    if (this.forwarder.forwardsUpdates) {
      this.forwarder.maybeForward(new Record<K, Change<V>>(key, { newValue: newAgg, oldValue: this.sendOldValues ? oldAgg : null }, timestamp, record.headers))
    }
  }
}
