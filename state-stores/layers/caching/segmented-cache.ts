/**
 * The cache machinery shared by the window and session caching layers: the named cache in
 * the task's `ThreadCache`, dirty puts with their record context, and merged iteration of
 * cache and store over segmented cache keys.
 */
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import { InvalidStateStoreError } from '../../errors.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { IteratorSource, MergedKeyValueIterator } from '../../internal/merged-iterator.js'
import { RestoreConvertingContext, underlyingContext } from '../change-logging/restore-converting-context.js'
import { recordContextFor } from './cache-record-context.js'
import type { FlushCallback, NamedCache } from './named-cache.js'
import { SegmentedCacheSource } from './segmented-cache-source.js'
import { threadCacheFor, type ThreadCache } from './thread-cache.js'

/** One window or session store's cache: dirty puts, merged reads, flush. */
export class SegmentedCache {
  private context: StateStoreContext | null = null
  private threadCache: ThreadCache | null = null
  private cache: NamedCache | null = null
  /** The largest segment timestamp put through this cache (Kafka's `maxObservedTimestamp`). */
  maxObservedTimestamp = -1

  constructor(private readonly storeName: string) {}

  /** Creates the named cache; returns the context to initialise the store below with (restores drop clean entries). */
  init(context: StateStoreContext, onFlush: FlushCallback): StateStoreContext {
    this.context = underlyingContext(context)
    const threadCache = threadCacheFor(context)
    const cache = threadCache.namedCache(`${context.taskId.toString()}-${this.storeName}`, onFlush)
    this.threadCache = threadCache
    this.cache = cache
    return new RestoreConvertingContext(context, (records) => {
      threadCache.dropClean(cache)
      return records
    })
  }

  get storeContext(): StateStoreContext {
    if (this.context === null) throw new InvalidStateStoreError('KS_ERR_STORE_NOT_INITIALIZED', this.storeName, `Store ${this.storeName} is not initialized.`)
    return this.context
  }

  /** The cached value (null = deleted in the cache), or undefined on a miss; `cacheKey` is the latin1 string of the cache key bytes. */
  get(cacheKey: string): Buffer | null | undefined {
    return this.open().get(cacheKey)?.value
  }

  /** The observed stream time for expiry: what this cache saw or what the store below had seen. */
  observedStreamTime(below: number): number {
    return Math.max(this.maxObservedTimestamp, below)
  }

  /** A dirty put of `cacheKeyBytes` (whose latin1 string is `cacheKey`). */
  putDirty(cacheKeyBytes: Buffer, cacheKey: string, value: Buffer | null, segmentTimestamp: number): void {
    const cache = this.open()
    if (segmentTimestamp > this.maxObservedTimestamp) this.maxObservedTimestamp = segmentTimestamp
    this.threadCache!.put(cache, cacheKey, cacheKeyBytes, value, true, recordContextFor(this.storeContext))
  }

  /** Cache entries in the given segments and suffix bounds merged over `inner` (whose keys are cache keys). */
  merge(
    fromSegment: number,
    toSegment: number,
    lowerSuffix: Buffer | null,
    upperSuffix: Buffer | null,
    reverse: boolean,
    accept: (cacheKey: Buffer) => boolean,
    inner: KeyValueIterator<Buffer, Buffer>,
  ): KeyValueIterator<Buffer, Buffer> {
    // Segment ids are written signed: a negative one (a query from a negative time) would sort
    // after every stored segment. Nothing is stored before segment 0.
    const cacheSource = new SegmentedCacheSource(this.open().entries, Math.max(0, fromSegment), toSegment, lowerSuffix, upperSuffix, reverse, accept)
    return new MergedKeyValueIterator([cacheSource, new IteratorSource(inner)], reverse)
  }

  flush(): void {
    this.threadCache!.flush(this.open())
  }

  /** Flushes and drops the named cache. */
  close(): void {
    const cache = this.cache
    if (cache === null) return
    this.threadCache!.flush(cache)
    this.threadCache!.close(cache)
    this.cache = null
  }

  /** @throws InvalidStateStoreError when not initialised or closed. */
  open(): NamedCache {
    if (this.cache === null) {
      if (this.context === null) throw new InvalidStateStoreError('KS_ERR_STORE_NOT_INITIALIZED', this.storeName, `Store ${this.storeName} is not initialized.`)
      throw InvalidStateStoreError.closed(this.storeName)
    }
    return this.cache
  }
}
