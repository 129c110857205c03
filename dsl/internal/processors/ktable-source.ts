import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'

/**
 * The processor behind `builder.table()`, `toTable()` and global tables (Kafka's `KTableSource`):
 * turns each record into a table update. When materialized (named store, or needed by a join or
 * by old values) it writes the timestamped store and forwards through the cache; otherwise it
 * forwards `Change(value, null)` at once. Null keys are dropped.
 */
export class KTableSource<K, V> implements DslProcessorSupplier<K, V, K, Change<V>>, KTableViewProvider<K, V> {
  private queryableName: string | null
  private sendOldValues = false

  constructor(
    readonly storeName: string,
    queryableName: string | null,
  ) {
    this.queryableName = queryableName
  }

  get(): Processor<K, V, K, Change<V>> {
    return new KTableSourceProcessor<K, V>(this.queryableName, this.sendOldValues)
  }

  /** The store name when materialized, else null. */
  queryableStoreName(): string | null {
    return this.queryableName
  }

  /** Forwards old values too (materializing the table); false when not forced and not materialized. */
  enableSendingOldValues(forceMaterialization = true): boolean {
    if (!forceMaterialization && this.queryableName === null) return false
    this.sendOldValues = true
    this.queryableName = this.storeName
    return true
  }

  materialize(): void {
    this.queryableName = this.storeName
  }

  materialized(): boolean {
    return this.queryableName !== null
  }

  /** A value getter reading the (now materialized) store. */
  view(): KTableValueGetterSupplier<K, V> {
    this.materialize()
    return new KTableMaterializedValueGetterSupplier<K, V>(this.storeName)
  }
}

class KTableSourceProcessor<K, V> implements Processor<K, V, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>
  private store: TimestampedKeyValueStore<K, V> | null = null
  private forwarder: TimestampedTupleForwarder<K, V> | null = null

  constructor(
    private readonly queryableName: string | null,
    private readonly sendOldValues: boolean,
  ) {}

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context
    if (this.queryableName !== null) {
      this.store = context.getStateStore<TimestampedKeyValueStore<K, V>>(this.queryableName)
      this.forwarder = new TimestampedTupleForwarder<K, V>(this.store, context, this.sendOldValues)
    }
  }

  process(record: Record<K, V>): void {
    if (record.key === null || record.key === undefined) return
    const store = this.store
    if (store === null) {
      this.context.forward(record.withValue({ newValue: record.value, oldValue: null }))
      return
    }
    const old = store.get(record.key)
    const oldValue = old === null ? null : old.value
    store.put(record.key, record.value === null ? null : { value: record.value, timestamp: record.timestamp })
    if (this.forwarder!.forwardsUpdates) this.forwarder!.maybeForward(record.withValue({ newValue: record.value, oldValue }))
  }
}
