import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { Aggregator, Initializer } from '../../functions.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/**
 * `KGroupedStream.aggregate/count` (Kafka's `KStreamAggregate`): folds each record into its key's
 * aggregate in a timestamped store; the result's timestamp is the max of the record's and the
 * aggregate's. Records with a null key or value are skipped.
 */
export class KStreamAggregate<K, V, VA> implements DslProcessorSupplier<K, V, K, Change<VA>>, KTableViewProvider<K, VA> {
  private sendOldValues = false

  constructor(
    readonly storeName: string,
    private readonly initializer: Initializer<VA>,
    private readonly aggregator: Aggregator<K, V, VA>,
  ) {}

  get(): Processor<K, V, K, Change<VA>> {
    return new KStreamAggregateProcessor(this.storeName, this.initializer, this.aggregator, this.sendOldValues)
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true
    return true
  }

  view(): KTableValueGetterSupplier<K, VA> {
    return new KTableMaterializedValueGetterSupplier<K, VA>(this.storeName)
  }
}

class KStreamAggregateProcessor<K, V, VA> implements Processor<K, V, K, Change<VA>> {
  private store!: TimestampedKeyValueStore<K, VA>
  private forwarder!: TimestampedTupleForwarder<K, VA>

  constructor(
    private readonly storeName: string,
    private readonly initializer: Initializer<VA>,
    private readonly aggregator: Aggregator<K, V, VA>,
    private readonly sendOldValues: boolean,
  ) {}

  init(context: ProcessorContext<K, Change<VA>>): void {
    this.store = context.getStateStore<TimestampedKeyValueStore<K, VA>>(this.storeName)
    this.forwarder = new TimestampedTupleForwarder<K, VA>(this.store, context, this.sendOldValues)
  }

  process(record: Record<K, V>): void {
    const key = record.key
    if (key === null || key === undefined || record.value === null || record.value === undefined) return
    const old = this.store.get(key)
    let oldAgg: VA
    let timestamp: number
    if (old === null) {
      oldAgg = this.initializer()
      timestamp = record.timestamp
    } else {
      oldAgg = old.value
      timestamp = Math.max(record.timestamp, old.timestamp)
    }
    const newAgg = this.aggregator(key, record.value, oldAgg)
    this.store.put(key, { value: newAgg, timestamp })
    // With a cache the update is forwarded on flush: build nothing per record.
    if (this.forwarder.forwardsUpdates) {
      this.forwarder.maybeForward(new Record<K, Change<VA>>(key, { newValue: newAgg, oldValue: this.sendOldValues ? oldAgg : null }, timestamp, record.headers))
    }
  }
}
