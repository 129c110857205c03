/**
 * One store's part of a `ThreadCache` (Kafka's `NamedCache`): entries in key order (for
 * range merges) and in least-recently-used order (for eviction), plus the dirty entries in the
 * order they were last written (the flush order), each order an intrusive linked list.
 */
import type { CachedRecordContext } from '../../../processor-api/state-store.js'
import { LruList, type LruNode } from '../../internal/lru-list.js'
import { SortedMap } from '../../internal/sorted-map.js'

/**
 * Bytes an entry costs beyond its key and value bytes. Kafka counts the record context; in V8
 * the entry object, the key's string and Buffer objects, the value's Buffer object, the map and
 * list links and the record context take about 400 bytes more (heap snapshots of a 5M-key count
 * measured ~450 bytes per entry with a 10-byte key and an 8-byte value), so the budget
 * (`cacheMaxBytes`) bounds the heap the cache really holds.
 */
export const ENTRY_OVERHEAD_BYTES = 400

/** A cached value; null marks a deletion still to be written down. */
export interface CacheEntry extends LruNode {
  readonly key: string
  value: Buffer | null
  dirty: boolean
  /** The context of the write that dirtied the entry; null for clean entries. */
  context: CachedRecordContext | null
  /** The key as the bytes the dirtying write was given (handed to the flush, so it need not rebuild them); null for clean entries. */
  keyBytes: Buffer | null
  size: number
  /** Neighbours in the dirty (flush) order while the entry is dirty. */
  dirtyPrev: CacheEntry | null
  dirtyNext: CacheEntry | null
}

/**
 * The dirty entries of one flush or eviction, in write order, as parallel arrays (a snapshot:
 * the flush callback may write to the cache again). `keys[i]` is the cache key (latin1 string
 * of the key bytes) and `keyBytes[i]` those bytes, `values[i]` null a deletion, `contexts[i]`
 * the context of the last write.
 */
export interface DirtyBatch {
  readonly keys: string[]
  readonly keyBytes: Buffer[]
  readonly values: Array<Buffer | null>
  readonly contexts: Array<CachedRecordContext | null>
}

/** Receives the dirty entries of one flush or eviction, in write order. */
export type FlushCallback = (batch: DirtyBatch) => void

/** One store's entries within a `ThreadCache`. */
export class NamedCache {
  /** Entries by key, in key order (for range merges). */
  readonly entries = new SortedMap<CacheEntry>()
  private readonly lru = new LruList<CacheEntry>()
  /** Dirty entries in the order they were last written (an intrusive list: moving one costs no hashing). */
  private dirtyHead: CacheEntry | null = null
  private dirtyTail: CacheEntry | null = null
  /** Bytes held by this cache. */
  sizeBytes = 0

  constructor(
    readonly name: string,
    private readonly onFlush: FlushCallback,
  ) {}

  get size(): number {
    return this.entries.size
  }

  /** The entry (marking it most recently used), or undefined. */
  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key)
    if (e !== undefined) this.lru.touch(e)
    return e
  }

  /** Puts an entry (`keyBytes`: the bytes `key` was made from); returns the change in bytes held. */
  put(key: string, keyBytes: Buffer, value: Buffer | null, dirty: boolean, context: CachedRecordContext | null): number {
    const size = key.length + (value === null ? 0 : value.length) + ENTRY_OVERHEAD_BYTES
    const existing = this.entries.get(key)
    let delta: number
    let entry: CacheEntry
    if (existing !== undefined) {
      entry = existing
      delta = size - existing.size
      existing.value = value
      existing.size = size
      this.lru.touch(existing)
      if (dirty) {
        existing.context = context
        existing.keyBytes = keyBytes
        // Move to the end: flush order is the order of the last write.
        if (existing.dirty) {
          if (this.dirtyTail !== existing) {
            this.unlinkDirty(existing)
            this.appendDirty(existing)
          }
        } else {
          existing.dirty = true
          this.appendDirty(existing)
        }
      }
    } else {
      delta = size
      entry = {
        key,
        value,
        dirty,
        context: dirty ? context : null,
        keyBytes: dirty ? keyBytes : null,
        size,
        lruPrev: null,
        lruNext: null,
        dirtyPrev: null,
        dirtyNext: null,
      }
      this.entries.set(key, entry)
      this.lru.append(entry)
      if (dirty) this.appendDirty(entry)
    }
    this.sizeBytes += delta
    return delta
  }

  /** Evicts the least recently used entry (flushing every dirty entry when it is dirty); returns bytes freed. */
  evict(): number {
    const e = this.lru.oldest()
    if (e === null) return 0
    const key = e.key
    this.lru.remove(e)
    this.entries.delete(key)
    this.sizeBytes -= e.size
    if (e.dirty) {
      this.unlinkDirty(e)
      e.dirty = false
      return e.size + this.flushDirty(e)
    }
    return e.size
  }

  /** Writes every dirty entry down through the flush callback; returns bytes freed (deleted entries). */
  flush(): number {
    if (this.dirtyHead === null) return 0
    return this.flushDirty(null)
  }

  /** Drops the clean entries (restore changed the store below them); returns bytes freed. */
  dropClean(): number {
    const doomed: string[] = []
    for (const [key, e] of this.entries.unorderedEntries()) if (!e.dirty) doomed.push(key)
    let freed = 0
    for (const key of doomed) {
      const e = this.entries.get(key)!
      freed += e.size
      this.lru.remove(e)
      this.entries.delete(key)
    }
    this.sizeBytes -= freed
    return freed
  }

  /** Drops every entry without flushing; returns bytes freed. */
  clear(): number {
    const freed = this.sizeBytes
    this.entries.clear()
    this.lru.clear()
    this.dirtyHead = null
    this.dirtyTail = null
    this.sizeBytes = 0
    return freed
  }

  /**
   * Hands the evicted entry (if any) and every dirty entry to the flush callback, marking them
   * clean first. Returns the bytes of the deletion entries it dropped afterwards (writes made
   * by the callback are counted by their own puts).
   */
  private flushDirty(evicted: CacheEntry | null): number {
    const keys: string[] = []
    const keyBytes: Buffer[] = []
    const values: Array<Buffer | null> = []
    const contexts: Array<CachedRecordContext | null> = []
    if (evicted !== null) {
      keys.push(evicted.key)
      keyBytes.push(evicted.keyBytes!)
      values.push(evicted.value)
      contexts.push(evicted.context)
      evicted.context = null
      evicted.keyBytes = null
    }
    let deletions = false
    for (let e = this.dirtyHead; e !== null; ) {
      const next: CacheEntry | null = e.dirtyNext
      keys.push(e.key)
      keyBytes.push(e.keyBytes!)
      values.push(e.value)
      contexts.push(e.context)
      if (e.value === null) deletions = true
      e.dirty = false
      e.context = null
      e.keyBytes = null
      e.dirtyPrev = null
      e.dirtyNext = null
      e = next
    }
    // Clear before calling out: the callback may write to this cache again.
    this.dirtyHead = null
    this.dirtyTail = null
    this.onFlush({ keys, keyBytes, values, contexts })
    if (!deletions) return 0
    let freed = 0
    const start = evicted === null ? 0 : 1
    for (let i = start; i < keys.length; i++) {
      if (values[i] !== null) continue
      const e = this.entries.get(keys[i]!)
      // Only drop entries that are still clean deletions (the callback may have rewritten them).
      if (e !== undefined && !e.dirty && e.value === null) {
        this.lru.remove(e)
        this.entries.delete(e.key)
        this.sizeBytes -= e.size
        freed += e.size
      }
    }
    return freed
  }

  private appendDirty(e: CacheEntry): void {
    const tail = this.dirtyTail
    e.dirtyPrev = tail
    e.dirtyNext = null
    if (tail === null) this.dirtyHead = e
    else tail.dirtyNext = e
    this.dirtyTail = e
  }

  private unlinkDirty(e: CacheEntry): void {
    const prev = e.dirtyPrev
    const next = e.dirtyNext
    if (prev === null) this.dirtyHead = next
    else prev.dirtyNext = next
    if (next === null) this.dirtyTail = prev
    else next.dirtyPrev = prev
    e.dirtyPrev = null
    e.dirtyNext = null
  }
}
