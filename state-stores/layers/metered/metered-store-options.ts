/**
 * What a builder tells a metered store besides its serdes: whether its values are
 * `ValueAndTimestamp`s. A timestamped store converts restored changelog records (plain value,
 * timestamp as record timestamp) back to `timestamp | value` whatever layers sit below, as
 * Kafka's state manager does for every timestamped store: a store with logging disabled that is
 * restored from a source topic (a source KTable reusing its topic as changelog) needs it too.
 */
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import type { StoreCapabilities } from '../../bytes/store-capabilities.js'
import { RestoreConvertingContext, toTimestampedRecords } from '../change-logging/restore-converting-context.js'

/** Options of a metered store. */
export interface MeteredStoreOptions {
  /** Values are `ValueAndTimestamp`s stored as `timestamp (8 bytes) | value`. */
  readonly timestamped?: boolean
}

/** The context to initialize the stack below with: one that converts restores for a timestamped store. */
export function restoreContextFor(capabilities: StoreCapabilities, context: StateStoreContext): StateStoreContext {
  return capabilities.timestamped ? new RestoreConvertingContext(context, toTimestampedRecords) : context
}
