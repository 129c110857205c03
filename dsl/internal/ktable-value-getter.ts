import type { Processor } from '../../processor-api/processor.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import type { ValueAndTimestamp } from '../../state-stores/value-and-timestamp.js'
import type { Change } from '../../state-stores/cached-state-store.js'

/**
 * Reads a KTable's current value for a key from inside another processor of the same task
 * (Kafka's `KTableValueGetter`): straight from the table's store when materialized, else by
 * applying the table's operation to its parent's getter.
 */
export interface KTableValueGetter<K, V> {
  init(context: ProcessorContext<unknown, unknown>): void
  get(key: K): ValueAndTimestamp<V> | null
  close(): void
}

/** Creates value getters and names the stores they read (Kafka's `KTableValueGetterSupplier`). */
export interface KTableValueGetterSupplier<K, V> {
  get(): KTableValueGetter<K, V>
  storeNames(): string[]
}

/**
 * The supplier of a KTable operation's processor (Kafka's `KTableProcessorSupplier`): processors
 * receive and forward `Change`s; `view()` gives the resulting table's value getter, and
 * `enableSendingOldValues` asks it to forward old values too (materializing when forced or
 * needed). Returns false when it cannot (the caller must then materialize upstream).
 */
export interface KTableProcessorSupplier<KIn, VIn, KOut, VOut> {
  get(): Processor<KIn, Change<VIn>, KOut, Change<VOut>>
  view(): KTableValueGetterSupplier<KOut, VOut>
  enableSendingOldValues(forceMaterialization: boolean): boolean
}

/**
 * What a KTableImpl needs from the supplier of its processor, whichever kind it is (source,
 * aggregation or table operation): the table's value getter, and a way to ask for old values.
 */
export interface KTableViewProvider<K, V> {
  view(): KTableValueGetterSupplier<K, V>
  enableSendingOldValues(forceMaterialization: boolean): boolean
}

/** Kafka's `ValueAndTimestamp.make`: null for a null value. */
export function makeValueAndTimestamp<V>(value: V | null, timestamp: number): ValueAndTimestamp<V> | null {
  return value === null || value === undefined ? null : { value, timestamp }
}
