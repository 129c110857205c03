import type { Processor, ProcessorSupplier } from '../../../processor-api/processor.js'
import type { StateStore, StoreBuilder } from '../../../processor-api/state-store.js'
import type { InternalTopologyBuilder } from '../../../processor-api/internal/internal-topology-builder.js'

/**
 * How DSL processors are supplied: an object (so KTable suppliers can also offer `view()` and
 * `enableSendingOldValues()`) whose `get()` creates one processor per task.
 */
export interface DslProcessorSupplier<KIn = unknown, VIn = unknown, KOut = unknown, VOut = unknown> {
  get(): Processor<KIn, VIn, KOut, VOut>
  /** Stores this processor owns; added to the topology and connected with it. */
  stores?(): ReadonlyArray<StoreBuilder<StateStore>>
}

/** Wraps a user's Processor API supplier function as a DSL supplier. */
export function fromProcessorSupplier<KIn, VIn, KOut, VOut>(
  supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>,
): DslProcessorSupplier<KIn, VIn, KOut, VOut> {
  const storesFn = supplier.stores
  return storesFn === undefined ? { get: () => supplier() } : { get: () => supplier(), stores: () => storesFn() }
}

/** Turns a DSL supplier into the function form the topology takes. */
export function toTopologySupplier(supplier: DslProcessorSupplier): ProcessorSupplier<unknown, unknown, unknown, unknown> {
  const fn = (() => supplier.get()) as ProcessorSupplier<unknown, unknown, unknown, unknown>
  if (supplier.stores !== undefined) {
    const stores = supplier.stores.bind(supplier)
    fn.stores = () => stores()
  }
  return fn
}

/** A processor's supplier and name (Kafka's `ProcessorParameters`). */
export class ProcessorParameters<KIn = unknown, VIn = unknown, KOut = unknown, VOut = unknown> {
  constructor(
    readonly supplier: DslProcessorSupplier<KIn, VIn, KOut, VOut>,
    readonly processorName: string,
  ) {}

  /** Adds the processor (and its supplier's stores) to the topology. */
  addProcessorTo(builder: InternalTopologyBuilder, parentNodeNames: readonly string[]): void {
    builder.addProcessor(this.processorName, toTopologySupplier(this.supplier as DslProcessorSupplier), parentNodeNames)
  }
}
