import type { ChangelogRecord, StateStore } from '../../processor-api/state-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import type { VersionedRecord } from '../versioned-key-value-store.js'

/**
 * The inner contract of a versioned store (Kafka's `VersionedKeyValueStore<Bytes, byte[]>`): every
 * layer below the metered one implements it. Keys and values are raw bytes; the semantics are
 * those of `VersionedKeyValueStore`. All operations are synchronous.
 */
export interface VersionedBytesStore extends StateStore {
  readonly capabilities: StoreCapabilities
  /** See `VersionedKeyValueStore.put`; a null value is a tombstone. */
  put(key: Buffer, value: Buffer | null, timestamp: number): number
  /** See `VersionedKeyValueStore.delete`. */
  delete(key: Buffer, timestamp: number): VersionedRecord<Buffer> | null
  /** See `VersionedKeyValueStore.get`. */
  get(key: Buffer, asOfTimestamp?: number): VersionedRecord<Buffer> | null
  /**
   * Replays changelog records (key, value or tombstone, record timestamp = version timestamp)
   * in order, as puts. Only the engine implements it; layers forward it unchanged.
   */
  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void>
}

/** Supplies versioned engines, one per task (Kafka's `VersionedBytesStoreSupplier`). */
export interface VersionedBytesStoreSupplier {
  readonly name: string
  /** The metrics scope, e.g. `leveldb-versioned`. */
  readonly metricsScope: string
  /** How long old versions stay queryable; also the grace period of puts. */
  readonly historyRetentionMs: number
  /** The time span of one history segment (old versions are dropped a segment at a time). */
  readonly segmentIntervalMs: number
  get(): VersionedBytesStore
}
