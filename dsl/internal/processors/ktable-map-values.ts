import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { TimestampedKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { ValueMapper } from '../../functions.js'
import {
  makeValueAndTimestamp,
  type KTableProcessorSupplier,
  type KTableValueGetter,
  type KTableValueGetterSupplier,
  type KTableViewProvider,
} from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder.js'

/** `KTable.mapValues` (Kafka's `KTableMapValues`): maps new (and, when asked, old) values; deletes stay deletes. */
export class KTableMapValues<K, V, VR> implements KTableProcessorSupplier<K, V, K, VR> {
  private sendOldValues = false

  constructor(
    private readonly parent: KTableViewProvider<K, V>,
    private readonly mapper: ValueMapper<V, VR, K>,
    private readonly queryableName: string | null,
  ) {}

  get(): Processor<K, Change<V>, K, Change<VR>> {
    return new KTableMapValuesProcessor(this, this.queryableName, this.sendOldValues)
  }

  computeValue(key: K, value: V | null): VR | null {
    if (value === null || value === undefined) return null
    const mapped = this.mapper(value, key)
    return mapped === undefined ? null : mapped
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.queryableName !== null) {
      this.sendOldValues = true
      return true
    }
    if (this.parent.enableSendingOldValues(forceMaterialization)) this.sendOldValues = true
    return this.sendOldValues
  }

  view(): KTableValueGetterSupplier<K, VR> {
    if (this.queryableName !== null) return new KTableMaterializedValueGetterSupplier<K, VR>(this.queryableName)
    const parentSupplier = this.parent.view()
    return {
      get: (): KTableValueGetter<K, VR> => {
        const parentGetter = parentSupplier.get()
        return {
          init: (context) => parentGetter.init(context),
          get: (key: K): ValueAndTimestamp<VR> | null => {
            const vt = parentGetter.get(key)
            return vt === null ? null : makeValueAndTimestamp(this.computeValue(key, vt.value), vt.timestamp)
          },
          close: () => parentGetter.close(),
        }
      },
      storeNames: () => parentSupplier.storeNames(),
    }
  }
}

class KTableMapValuesProcessor<K, V, VR> implements Processor<K, Change<V>, K, Change<VR>> {
  private context!: ProcessorContext<K, Change<VR>>
  private store: TimestampedKeyValueStore<K, VR> | null = null
  private forwarder: TimestampedTupleForwarder<K, VR> | null = null

  constructor(
    private readonly supplier: KTableMapValues<K, V, VR>,
    private readonly queryableName: string | null,
    private readonly sendOldValues: boolean,
  ) {}

  init(context: ProcessorContext<K, Change<VR>>): void {
    this.context = context
    if (this.queryableName !== null) {
      this.store = context.getStateStore<TimestampedKeyValueStore<K, VR>>(this.queryableName)
      this.forwarder = new TimestampedTupleForwarder<K, VR>(this.store, context, this.sendOldValues)
    }
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key
    const newValue = this.supplier.computeValue(key, record.value.newValue)
    const oldValue = this.sendOldValues ? this.supplier.computeValue(key, record.value.oldValue) : null
    const out = record.withValue<Change<VR>>({ newValue, oldValue })
    if (this.store !== null) {
      this.store.put(key, makeValueAndTimestamp(newValue, record.timestamp))
      this.forwarder!.maybeForward(out)
    } else {
      this.context.forward(out)
    }
  }
}
