import type { Record, FixedKeyRecord } from './record.js'
import type { ProcessorContext, FixedKeyProcessorContext } from './processor-context.js'
import type { StoreBuilder, StateStore } from './state-store.js'

/**
 * A node of a topology. `process` is called synchronously for each record; return a Promise
 * only when you must wait (the engine then awaits it before the next record).
 */
export interface Processor<KIn = unknown, VIn = unknown, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void | Promise<void>
  process(record: Record<KIn, VIn>): void | Promise<void>
  close?(): void | Promise<void>
}

/** A processor that never changes keys (so no repartitioning is needed downstream). */
export interface FixedKeyProcessor<KIn = unknown, VIn = unknown, VOut = never> {
  init?(context: FixedKeyProcessorContext<KIn, VOut>): void | Promise<void>
  process(record: FixedKeyRecord<KIn, VIn>): void | Promise<void>
  close?(): void | Promise<void>
}

/**
 * Creates a new processor instance per task. It may list the stores its processors use in
 * `stores`; those are added to the topology and connected automatically (Kafka's
 * `ConnectedStoreProvider`).
 */
export type ProcessorSupplier<KIn = unknown, VIn = unknown, KOut = never, VOut = never> = (() => Processor<
  KIn,
  VIn,
  KOut,
  VOut
>) & { stores?: () => ReadonlyArray<StoreBuilder<StateStore>> }

export type FixedKeyProcessorSupplier<KIn = unknown, VIn = unknown, VOut = never> = (() => FixedKeyProcessor<
  KIn,
  VIn,
  VOut
>) & { stores?: () => ReadonlyArray<StoreBuilder<StateStore>> }
