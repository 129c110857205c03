/**
 * One store's part of a `ThreadCache` (Kafka's `NamedCache`): entries in key order (for
 * range merges) and in least-recently-used order (for eviction), plus the dirty keys in the
 * order they were last written (the flush order).
 */
import type { CachedRecordContext } from '../../../processor-api/state-store.js'
import { LruList, type LruNode } from '../../internal/lru-list.js'
import { SortedMap } from '../../internal/sorted-map.js'

/** Bytes an entry costs beyond its key and value (Kafka counts its record context too). */
export const ENTRY_OVERHEAD_BYTES = 64

/** A cached value; null marks a deletion still to be written down. */
export interface CacheEntry extends LruNode {
  readonly key: string
  value: Buffer | null
  dirty: boolean
  /** The context of the write that dirtied the entry; null for clean entries. */
  context: CachedRecordContext | null
  size: number
}

/** A dirty entry handed to the flush callback. */
export interface DirtyEntry {
  /** The cache key (latin1 string of the key bytes). */
  readonly key: string
  readonly value: Buffer | null
  readonly context: CachedRecordContext | null
}

/** Receives the dirty entries of one flush or eviction, in write order. */
export type FlushCallback = (entries: DirtyEntry[]) => void

/** One store's entries within a `ThreadCache`. */
export class NamedCache {
  /** Entries by key, in key order (for range merges). */
  readonly entries = new SortedMap<CacheEntry>()
  private readonly lru = new LruList<CacheEntry>()
  private dirtyKeys = new Set<string>()
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

  /** Puts an entry; returns the change in bytes held. */
  put(key: string, value: Buffer | null, dirty: boolean, context: CachedRecordContext | null): number {
    const size = key.length + (value === null ? 0 : value.length) + ENTRY_OVERHEAD_BYTES
    const existing = this.entries.get(key)
    let delta: number
    if (existing !== undefined) {
      delta = size - existing.size
      existing.value = value
      existing.size = size
      if (dirty) {
        existing.dirty = true
        existing.context = context
      }
      this.lru.touch(existing)
    } else {
      delta = size
      const entry: CacheEntry = { key, value, dirty, context: dirty ? context : null, size, lruPrev: null, lruNext: null }
      this.entries.set(key, entry)
      this.lru.append(entry)
    }
    if (dirty) {
      // Move to the end: flush order is the order of the last write.
      this.dirtyKeys.delete(key)
      this.dirtyKeys.add(key)
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
      this.dirtyKeys.delete(key)
      return e.size + this.flushDirty({ key, value: e.value, context: e.context })
    }
    return e.size
  }

  /** Writes every dirty entry down through the flush callback; returns bytes freed (deleted entries). */
  flush(): number {
    if (this.dirtyKeys.size === 0) return 0
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
    this.dirtyKeys = new Set()
    this.sizeBytes = 0
    return freed
  }

  /** Returns the bytes of the deletion entries it dropped afterwards (writes made by the callback are counted by their own puts). */
  private flushDirty(evicted: DirtyEntry | null): number {
    const batch: DirtyEntry[] = []
    if (evicted !== null) batch.push(evicted)
    const deleted: string[] = []
    for (const key of this.dirtyKeys) {
      const e = this.entries.get(key)
      if (e === undefined) continue
      batch.push({ key, value: e.value, context: e.context })
      e.dirty = false
      e.context = null
      if (e.value === null) deleted.push(key)
    }
    // Clear before calling out: the callback may write to this cache again.
    this.dirtyKeys = new Set()
    this.onFlush(batch)
    let freed = 0
    for (const key of deleted) {
      const e = this.entries.get(key)
      // Only drop entries that are still clean deletions (the callback may have rewritten them).
      if (e !== undefined && !e.dirty && e.value === null) {
        this.lru.remove(e)
        this.entries.delete(key)
        this.sizeBytes -= e.size
        freed += e.size
      }
    }
    return freed
  }
}
