import type { Processor } from '../../../processor-api/processor.js'
import type { ProcessorContext } from '../../../processor-api/processor-context.js'
import type { Record } from '../../../processor-api/record.js'
import type { Change } from '../../../state-stores/cached-state-store.js'
import type { DslProcessorSupplier } from '../graph/processor-parameters.js'
import type { KTableValueGetterSupplier, KTableViewProvider } from '../ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './ktable-materialized-value-getter-supplier.js'

/**
 * The merge node of a co-grouped aggregation (Kafka's `KTablePassThrough`): forwards the updates of
 * every aggregating processor; the table it represents is their shared store.
 */
export class KTablePassThrough<K, V> implements DslProcessorSupplier<K, Change<V>, K, Change<V>>, KTableViewProvider<K, V> {
  constructor(
    private readonly parents: readonly KTableViewProvider<K, V>[],
    private readonly storeName: string,
  ) {}

  get(): Processor<K, Change<V>, K, Change<V>> {
    let context: ProcessorContext<K, Change<V>>
    return {
      init(ctx) {
        context = ctx
      },
      process(record: Record<K, Change<V>>) {
        context.forward(record)
      },
    }
  }

  enableSendingOldValues(): boolean {
    for (const p of this.parents) p.enableSendingOldValues(true)
    return true
  }

  view(): KTableValueGetterSupplier<K, V> {
    return new KTableMaterializedValueGetterSupplier<K, V>(this.storeName)
  }
}
