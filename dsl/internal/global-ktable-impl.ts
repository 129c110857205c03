import type { GlobalKTable } from '../global-ktable.js'
import type { KTableValueGetterSupplier } from './ktable-value-getter.js'
import { KTableMaterializedValueGetterSupplier } from './processors/ktable-materialized-value-getter-supplier.js'

/** The GlobalKTable implementation (Kafka's `GlobalKTableImpl`): a value getter on its global store. */
export class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {
  readonly dslKind = 'globalKTable' as const

  constructor(
    private readonly storeName: string,
    private readonly queryableName: string | null,
  ) {}

  valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    return new KTableMaterializedValueGetterSupplier<K, V>(this.storeName)
  }

  queryableStoreName(): string | null {
    return this.queryableName
  }
}
