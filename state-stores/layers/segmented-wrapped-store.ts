/**
 * The base of the layers over a window or session store (caching, change-logging): forwards
 * the segment and retention properties, which only the engine defines, and restore.
 */
import type { ChangelogRecord } from '../../processor-api/state-store.js'
import type { SegmentedBytesStore } from '../bytes/segmented-bytes-store.js'
import { WrappedStore } from './wrapped-store.js'

/** A layer over a segmented (window or session) store. */
export abstract class SegmentedWrappedStore<S extends SegmentedBytesStore> extends WrappedStore<S> {
  get retentionPeriodMs(): number {
    return this.wrapped.retentionPeriodMs
  }
  get segmentIntervalMs(): number {
    return this.wrapped.segmentIntervalMs
  }
  get observedStreamTimeMs(): number {
    return this.wrapped.observedStreamTimeMs
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    return this.wrapped.restoreBatch(records)
  }
}
