import type { KeyValue } from '../../processor-api/key-value.js'
import type { ChangelogRecord, StateStore } from '../../processor-api/state-store.js'
import type { KeyValueIterator } from '../key-value-store.js'
import type { StoreCapabilities } from './store-capabilities.js'
import type { BytesFlushListener } from './bytes-flush-listener.js'

/**
 * The inner key-value contract every engine and every layer below the metered one implements:
 * keys and values are raw bytes, ordered byte-wise (Kafka's `KeyValueStore<Bytes, byte[]>`).
 * Point operations are synchronous; ranges are async iterators (close them or read to the end).
 */
export interface KeyValueBytesStore extends StateStore {
  readonly capabilities: StoreCapabilities
  /** The value, or null when absent. */
  get(key: Buffer): Buffer | null
  /** Puts the value; null deletes the key. */
  put(key: Buffer, value: Buffer | null): void
  /** Puts only when absent; returns the existing value, or null when it put. */
  putIfAbsent(key: Buffer, value: Buffer): Buffer | null
  putAll(entries: ReadonlyArray<KeyValue<Buffer, Buffer | null>>): void
  /** Deletes the key and returns its old value (or null). */
  delete(key: Buffer): Buffer | null
  /** Keys in [from, to] (inclusive; null = unbounded), ascending. Empty when from > to. */
  range(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer>
  /** Keys in [from, to], descending. */
  reverseRange(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer>
  all(): KeyValueIterator<Buffer, Buffer>
  reverseAll(): KeyValueIterator<Buffer, Buffer>
  /** Keys starting with `prefix`, ascending. */
  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer>
  /** An estimate of the number of keys (exact for in-memory engines). */
  approximateNumEntries(): number
  /**
   * Applies changelog records straight to the engine in one write (restore). A null value
   * deletes. Only the engine implements it; layers forward it unchanged.
   */
  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void>
  /**
   * Present on engines that evict by themselves (`capabilities.evicts`, the LRU map): registers
   * the callback told about each evicted key.
   */
  setEvictionListener?(listener: ((key: Buffer) => void) | null): void
  /** Present on caching layers only: registers the listener for flushed dirty entries. */
  setFlushListener?(listener: BytesFlushListener<Buffer>, sendOldValues: boolean): boolean
}

/** Supplies key-value engines (Kafka's `KeyValueBytesStoreSupplier`): one per task. */
export interface KeyValueBytesStoreSupplier {
  readonly name: string
  /** The metrics scope, e.g. `in-memory-state` or `leveldb-state`. */
  readonly metricsScope: string
  get(): KeyValueBytesStore
}
