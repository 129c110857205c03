/**
 * The hooks an engine backend implements (the abstract-level pattern): an ordered byte
 * keyspace split into numbered segments. Key-value engines use segment 0 only; window and
 * session engines number segments by time. The public engine classes do the state checks,
 * key layouts, retention and iteration; a backend only stores bytes.
 */
import type { StateStoreContext } from '../../processor-api/state-store.js'
import type { KeyValueIterator } from '../key-value-store.js'

/** An inclusive or exclusive bound on keys within a segment. */
export interface StorageBound {
  readonly key: Buffer
  readonly inclusive: boolean
}

/** Engine state that a persistent backend keeps with its data (written atomically with it). */
export interface StorageState {
  /** The largest segment timestamp seen (window start or session end), or -1. */
  readonly observedStreamTime: number
}

/** One write of a restore batch (a changelog record is one, for segment 0). */
export interface StorageWrite {
  /** Absent: segment 0. */
  readonly segment?: number
  readonly key: Buffer
  /** Null deletes. */
  readonly value: Buffer | null
}

/** What an engine backend implements: bytes in numbered segments, persisted atomically with a checkpoint. */
export interface SegmentStorage {
  readonly persistent: boolean
  /** True when writes are staged until `persist`. */
  readonly writeBehind: boolean
  /** Opens the backend for store `storeName`; returns the state stored by the last persist. */
  open(context: StateStoreContext, storeName: string): StorageState | null | Promise<StorageState | null>
  get(segment: number, key: Buffer): Buffer | undefined
  /** Puts a value; null deletes. */
  put(segment: number, key: Buffer, value: Buffer | null): void
  /** The entries of one segment within the bounds (null = unbounded), deletions resolved. */
  iterate(segment: number, lower: StorageBound | null, upper: StorageBound | null, reverse: boolean): KeyValueIterator<Buffer, Buffer>
  /** Segment ids that may hold data, ascending. */
  segments(): readonly number[]
  /** Drops a whole segment (cheap: a map delete or one range clear). */
  dropSegment(segment: number): void
  /** Number of entries (approximate for persistent backends). */
  count(): number
  /** Makes staged writes, `state` and the checkpoint durable in one atomic write. */
  persist(changelogOffset: number | null, state: StorageState): Promise<void>
  committedOffset(): number | null
  /** Writes restored records straight to the backend in one batch. */
  restore(writes: readonly StorageWrite[], state: StorageState): void | Promise<void>
  close(): void | Promise<void>
}
