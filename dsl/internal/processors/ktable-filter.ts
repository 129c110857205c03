import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { Predicate } from '../../functions.js'
import {
  makeValueAndTimestamp,
  type KTableProcessorSupplier,
  type KTableValueGetter,
  type KTableValueGetterSupplier,
  type KTableViewProvider,
} from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/**
 * `KTable.filter/filterNot` (Kafka's `KTableFilter`): rows the predicate rejects become deletes.
 * With old values, an update that was and stays filtered out is not forwarded at all.
 */
export class KTableFilter<K, V> implements KTableProcessorSupplier<K, V, K, V> {
  private sendOldValues = false

  constructor(
    private readonly parent: KTableViewProvider<K, V>,
    private readonly predicate: Predicate<K, V>,
    private readonly filterNot: boolean,
    private readonly queryableName: string | null,
  ) {}

  get(): Processor<K, Change<V>, K, Change<V>> {
    return new KTableFilterProcessor(this, this.queryableName, this.sendOldValues)
  }

  computeValue(key: K, value: V | null): V | null {
    return value !== null && value !== undefined && this.predicate(key, value) !== this.filterNot ? value : null
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.queryableName !== null) {
      this.sendOldValues = true
      return true
    }
    if (this.parent.enableSendingOldValues(forceMaterialization)) this.sendOldValues = true
    return this.sendOldValues
  }

  view(): KTableValueGetterSupplier<K, V> {
    if (this.queryableName !== null) return new KTableMaterializedValueGetterSupplier<K, V>(this.queryableName)
    const parentSupplier = this.parent.view()
    return {
      get: (): KTableValueGetter<K, V> => {
        const parentGetter = parentSupplier.get()
        return {
          init: (context) => parentGetter.init(context),
          get: (key: K): ValueAndTimestamp<V> | null => {
            const vt = parentGetter.get(key)
            return vt !== null && this.computeValue(key, vt.value) !== null ? vt : null
          },
          close: () => parentGetter.close(),
        }
      },
      storeNames: () => parentSupplier.storeNames(),
    }
  }
}

class KTableFilterProcessor<K, V> implements Processor<K, Change<V>, K, Change<V>> {
  private context!: ProcessorContext<K, Change<V>>
  private store: TimestampedKeyValueStore<K, V> | null = null
  private forwarder: TimestampedTupleForwarder<K, V> | null = null

  constructor(
    private readonly supplier: KTableFilter<K, V>,
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

  process(record: Record<K, Change<V>>): void {
    const key = record.key
    const newValue = this.supplier.computeValue(key, record.value.newValue)
    const oldValue = this.sendOldValues ? this.supplier.computeValue(key, record.value.oldValue) : null
    if (this.sendOldValues && oldValue === null && newValue === null) return
    const out = record.withValue<Change<V>>({ newValue, oldValue })
    if (this.store !== null) {
      this.store.put(key, makeValueAndTimestamp(newValue, record.timestamp))
      this.forwarder!.maybeForward(out)
    } else {
      this.context.forward(out)
    }
  }
}
