import type { ChangelogRecord, StateStore } from '../../processor-api/state-store.js'
import type { Windowed } from '../../processor-api/windowed.js'
import type { StoreCapabilities } from './store-capabilities.js'
import type { BytesFlushListener } from './bytes-flush-listener.js'

/**
 * What the window and session contracts share: data kept in time segments of
 * `segmentIntervalMs` and expired relative to the largest segment timestamp seen, restored
 * from changelog records, and (on caching layers) flushed as windowed entries.
 */
export interface SegmentedBytesStore extends StateStore {
  readonly capabilities: StoreCapabilities
  readonly retentionPeriodMs: number
  readonly segmentIntervalMs: number
  /** The largest segment timestamp seen (window start / session end), -1 before any: expiry is relative to it. */
  readonly observedStreamTimeMs: number
  /** Applies changelog records (keys in the store kind's changelog layout) in one write. */
  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void>
  /** Present on caching layers only: registers the listener for flushed dirty entries. */
  setFlushListener?(listener: BytesFlushListener<Windowed<Buffer>>, sendOldValues: boolean): boolean
}
