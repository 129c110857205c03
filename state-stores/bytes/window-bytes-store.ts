import type { Windowed } from '../../processor-api/windowed.js'
import type { KeyValueIterator } from '../key-value-store.js'
import type { SegmentedBytesStore } from './segmented-bytes-store.js'

/**
 * The inner window contract (Kafka's `WindowStore<Bytes, byte[]>`): values per (key bytes,
 * window start). Data expires when its window start is at or before the largest window start
 * seen minus the retention period; expired data is invisible and dropped by whole segments.
 *
 * Iteration order: by segment, then by the store key layout (key bytes, window start, seqnum),
 * so a single key's windows come in time order.
 */
export interface WindowBytesStore extends SegmentedBytesStore {
  readonly windowSizeMs: number
  readonly retainDuplicates: boolean
  /** Puts the value of `key` for the window starting at `windowStartMs`; null deletes it. */
  put(key: Buffer, value: Buffer | null, windowStartMs: number): void
  /** The value of `key` in the window starting at `windowStartMs`, or null. */
  get(key: Buffer, windowStartMs: number): Buffer | null
  /** Windows of `key` starting in [timeFrom, timeTo]: `{ key: windowStart, value }`. */
  fetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer>
  backwardFetch(key: Buffer, timeFrom: number, timeTo: number): KeyValueIterator<number, Buffer>
  /** Windows of keys in [keyFrom, keyTo] (null = unbounded) starting in [timeFrom, timeTo]. */
  fetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  backwardFetchKeyRange(keyFrom: Buffer | null, keyTo: Buffer | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<Buffer>, Buffer>
  all(): KeyValueIterator<Windowed<Buffer>, Buffer>
  backwardAll(): KeyValueIterator<Windowed<Buffer>, Buffer>
}

/** Supplies window engines (Kafka's `WindowBytesStoreSupplier`). */
export interface WindowBytesStoreSupplier {
  readonly name: string
  readonly metricsScope: string
  readonly retentionPeriodMs: number
  readonly windowSizeMs: number
  readonly segmentIntervalMs: number
  readonly retainDuplicates: boolean
  get(): WindowBytesStore
}
