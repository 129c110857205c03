/**
 * The base of the typed outer layers (Kafka's `MeteredKeyValueStore`, `MeteredWindowStore`,
 * `MeteredSessionStore`): the store's serdes, resolved at `init`, and its operation counters.
 *
 * A timestamped store (values are `ValueAndTimestamp`s) converts restored changelog records
 * (plain value, timestamp as record timestamp) back to `timestamp | value` whatever layers sit
 * below, as Kafka's state manager does for every timestamped store: a store with logging disabled
 * that is restored from a source topic (a source KTable reusing its topic as changelog) needs it too.
 */
import type { StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import { RestoreConvertingContext, toTimestampedRecords } from '../change-logging/restore-converting-context.js'
import { WrappedStore, type CapableStore } from '../wrapped-store.js'
import { StoreMetrics } from './store-metrics.js'
import { StoreSerdes, type SerdeSpec } from './store-serdes.js'

/** Options of a metered store. */
export interface MeteredStoreOptions {
  /** Values are `ValueAndTimestamp`s stored as `timestamp (8 bytes) | value`. */
  readonly timestamped?: boolean
}

/** Serdes, counters and lifecycle shared by the metered layers. */
export abstract class MeteredStore<S extends CapableStore, K, V> extends WrappedStore<S> {
  /** Operation counters. */
  readonly metrics = new StoreMetrics()
  protected readonly serdes: StoreSerdes<K, V>

  constructor(wrapped: S, serdes: SerdeSpec<K, V>, options: MeteredStoreOptions = {}) {
    super(wrapped, options.timestamped === true ? { timestamped: true } : {})
    this.serdes = new StoreSerdes(wrapped.name, serdes)
  }

  /** @throws InvalidStateStoreError when no serde is available. */
  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.serdes.init(context)
    const below = this.capabilities.timestamped ? new RestoreConvertingContext(context, toTimestampedRecords) : context
    return this.wrapped.init(below, root)
  }

  override flush(): void {
    this.metrics.flushes++
    this.wrapped.flush()
  }
}
