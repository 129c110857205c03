/**
 * The record cache shared by the caching layers of one task (or of a whole stream thread,
 * when the engine attaches one): a single byte budget over named per-store caches, as
 * Kafka's `ThreadCache`. When a put takes the total over budget, entries of the store being
 * written are evicted (least recently used first); evicting a dirty entry flushes that store.
 */
import type { AppConfigs } from '../../../processor-api/processor-context.js'
import type { StateStoreContext } from '../../../processor-api/state-store.js'
import { StoreArgumentError } from '../../errors.js'
import type { CacheEntry, FlushCallback } from './named-cache.js'
import { NamedCache } from './named-cache.js'

/** Kafka's default `statestore.cache.max.bytes`: 10 MiB. */
export const DEFAULT_CACHE_MAX_BYTES = 10 * 1024 * 1024

/** A byte-budgeted record cache shared by the caching layers of a task or thread (Kafka's `ThreadCache`). */
export class ThreadCache {
  private readonly caches = new Map<string, NamedCache>()
  private totalBytes = 0
  /** Entries evicted so far (a metric). */
  evictions = 0

  /** @throws StoreArgumentError when `maxBytes` is negative or not a number. */
  constructor(readonly maxBytes: number = DEFAULT_CACHE_MAX_BYTES) {
    if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new StoreArgumentError(`cache size must be a non-negative number of bytes, got ${maxBytes}`)
  }

  /** Bytes held by all named caches. */
  get sizeBytes(): number {
    return this.totalBytes
  }

  /** Creates (or replaces the callback of) the named cache for one store. */
  namedCache(name: string, onFlush: FlushCallback): NamedCache {
    const existing = this.caches.get(name)
    if (existing !== undefined) {
      this.totalBytes -= existing.clear()
      this.caches.delete(name)
    }
    const cache = new NamedCache(name, onFlush)
    this.caches.set(name, cache)
    return cache
  }

  get(cache: NamedCache, key: string): CacheEntry | undefined {
    return cache.get(key)
  }

  /** Puts an entry (`keyBytes`: the bytes of `key`), then evicts from `cache` while the total is over budget. */
  put(cache: NamedCache, key: string, keyBytes: Buffer, value: Buffer | null, dirty: boolean, context: CacheEntry['context']): void {
    this.totalBytes += cache.put(key, keyBytes, value, dirty, context)
    while (this.totalBytes > this.maxBytes && cache.size > 0) {
      this.totalBytes -= cache.evict()
      this.evictions++
    }
  }

  /** Flushes one named cache. */
  flush(cache: NamedCache): void {
    this.totalBytes -= cache.flush()
  }

  /** Drops the clean entries of a named cache (its store is being restored). */
  dropClean(cache: NamedCache): void {
    this.totalBytes -= cache.dropClean()
  }

  /** Drops a named cache (its store closed). */
  close(cache: NamedCache): void {
    if (this.caches.get(cache.name) !== cache) return
    this.totalBytes -= cache.clear()
    this.caches.delete(cache.name)
  }
}

const attached = new WeakMap<object, ThreadCache>()

/**
 * Makes the caching layers initialised with `context` share `cache` (the engine calls this
 * once per task or per stream thread, before initialising stores). Without it, one cache per
 * context is created on first use, sized by `cacheMaxBytesOf(context.appConfigs)`.
 */
export function attachThreadCache(context: StateStoreContext, cache: ThreadCache): void {
  attached.set(context, cache)
}

/** The cache for `context` (see `attachThreadCache`). */
export function threadCacheFor(context: StateStoreContext): ThreadCache {
  let cache = attached.get(context)
  if (cache === undefined) {
    cache = new ThreadCache(cacheMaxBytesOf(context.appConfigs))
    attached.set(context, cache)
  }
  return cache
}

/**
 * The cache budget from application configs: `cacheMaxBytes`, or Kafka's
 * `statestore.cache.max.bytes` / `cache.max.bytes.buffering`; 10 MiB when none is set.
 */
export function cacheMaxBytesOf(configs: AppConfigs): number {
  for (const key of ['cacheMaxBytes', 'statestore.cache.max.bytes', 'cache.max.bytes.buffering']) {
    const v = configs[key]
    if (typeof v === 'number') return v
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  }
  return DEFAULT_CACHE_MAX_BYTES
}
