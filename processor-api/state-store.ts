import type { ProcessingContextBase } from './processor-context.js'
import type { Headers } from './headers.js'

/** One changelog record handed to a store's restore callback (raw bytes, as logged). */
export interface ChangelogRecord {
  readonly key: Buffer
  /** Null: a deletion (tombstone). */
  readonly value: Buffer | null
  readonly timestamp: number
  readonly offset: number
}

/**
 * Applies a batch of changelog records to the store's inner engine in one write (never put by
 * put through the outer layers). Called during restore, before processing starts.
 */
export type RestoreCallback = (records: ReadonlyArray<ChangelogRecord>) => void | Promise<void>

/** The context a store receives in `init`: where to live, how to restore, how to log changes. */
export interface StateStoreContext extends ProcessingContextBase {
  /**
   * Registers `store` with the task's state manager. The manager will call `restore` with
   * changelog batches starting at the store's checkpoint, and later `persist` after commits.
   */
  register(store: StateStore, restore: RestoreCallback): void
  /**
   * Sends one change of a logged store to its changelog topic (same partition as the task).
   * `value` null deletes the key. Called by the change-logging layer only.
   */
  logChange(storeName: string, key: Buffer, value: Buffer | null, timestamp: number, headers?: Headers): void
  /**
   * The context of the record being processed (for caching layers, which keep it with each
   * dirty entry). Inside a punctuator: the punctuation time with topic null, partition and
   * offset -1 and empty headers (as Kafka). Null outside processing (e.g. a commit's flush).
   */
  currentRecordContext(): CachedRecordContext | null
  /**
   * Runs `fn` with `recordContext` as the current record context, then restores the previous
   * one. Caching layers call it when evicting, so records forwarded downstream carry the
   * metadata of the record that wrote the entry (Kafka's `setRecordContext`).
   */
  withRecordContext(recordContext: CachedRecordContext, fn: () => void): void
}

/** The metadata a caching layer keeps with each dirty entry. */
export interface CachedRecordContext {
  readonly timestamp: number
  readonly headers: Headers
  readonly topic: string | null
  readonly partition: number
  readonly offset: number
}

/**
 * A state store, as the engine sees it. Every layer (metered, caching, change-logging, inner
 * engine) implements this, forwarding to the layer it wraps.
 *
 * Commit sequence driven by the engine: `flush()` (caches evict downstream and log their
 * changes; engines stage writes in memory) → output records and changelog sent (under
 * exactly-once, the transaction commits) → `persist(checkpoint)` makes the staged writes and
 * the changelog offset durable in one atomic write.
 */
export interface StateStore {
  readonly name: string
  /** True when the data survives a restart (LevelDB); false for in-memory stores. */
  readonly persistent: boolean
  readonly isOpen: boolean
  /** Opens the store, reads its checkpoint, and registers it through `context.register(root, ...)`. */
  init(context: StateStoreContext, root: StateStore): void | Promise<void>
  /** Pushes write-behind state down the layers (cache eviction, change logging). Synchronous. */
  flush(): void
  /**
   * Durably writes what has been flushed, together with `changelogOffset` (the next changelog
   * offset to restore from; null when the store is not logged) in one atomic write.
   */
  persist(changelogOffset: number | null): Promise<void>
  /** The changelog offset stored by the last `persist` (read when the store opened), or null. */
  committedOffset(): number | null
  close(): void | Promise<void>
}

/** Changelog topic settings of a logged store (Kafka's `withLoggingEnabled(config)`). */
export type LogConfig = { readonly [topicConfig: string]: string }

/** Builds one store instance per task, as Kafka's `StoreBuilder`. */
export interface StoreBuilder<S extends StateStore = StateStore> {
  readonly name: string
  readonly loggingEnabled: boolean
  readonly logConfig: LogConfig
  withCachingEnabled(): this
  withCachingDisabled(): this
  withLoggingEnabled(config?: LogConfig): this
  withLoggingDisabled(): this
  build(): S
}
