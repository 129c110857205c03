/**
 * An in-memory key-value store holding at most `maxCacheSize` keys (Kafka's
 * `MemoryNavigableLRUCache`, from `Stores.lruMap`): reads and writes mark a key as recently
 * used; inserting past the limit evicts the least recently used key. A change-logging layer
 * logs each eviction as a tombstone, so a restore rebuilds the same contents.
 */
import type { StateStoreContext } from '../../processor-api/state-store.js'
import type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from '../bytes/key-value-bytes-store.js'
import { engineCapabilities } from '../bytes/store-capabilities.js'
import { StoreArgumentError } from '../errors.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { fromKeyString, toKeyString } from '../internal/bytes.js'
import { KeyValueEngine } from '../internal/key-value-engine.js'
import { MergedKeyValueIterator, SortedMapSource } from '../internal/merged-iterator.js'
import type { SegmentStorage, StorageBound, StorageState, StorageWrite } from '../internal/segment-storage.js'
import { LruList, type LruNode } from '../internal/lru-list.js'
import { SortedMap } from '../internal/sorted-map.js'

/** Called with the key of each evicted entry. */
export type EvictionListener = (key: Buffer) => void

interface LruEntry extends LruNode {
  readonly key: string
  value: Buffer
}

const valueOf = (e: LruEntry): Buffer => e.value

/** The single-segment LRU backend of `MemoryLruStore`. */
class LruStorage implements SegmentStorage {
  readonly persistent = false
  readonly writeBehind = false
  private map = new SortedMap<LruEntry>()
  private lru = new LruList<LruEntry>()
  listener: EvictionListener | null = null

  constructor(private readonly maxEntries: number) {}

  open(_context: StateStoreContext, _storeName: string): null {
    return null
  }

  get(_segment: number, key: Buffer): Buffer | undefined {
    const e = this.map.get(toKeyString(key))
    if (e === undefined) return undefined
    this.lru.touch(e)
    return e.value
  }

  put(_segment: number, key: Buffer, value: Buffer | null): void {
    const k = toKeyString(key)
    const existing = this.map.get(k)
    if (value === null) {
      if (existing !== undefined) {
        this.lru.remove(existing)
        this.map.delete(k)
      }
      return
    }
    if (existing !== undefined) {
      existing.value = value
      this.lru.touch(existing)
      return
    }
    const entry: LruEntry = { key: k, value, lruPrev: null, lruNext: null }
    this.map.set(k, entry)
    this.lru.append(entry)
    while (this.map.size > this.maxEntries) {
      const eldest = this.lru.oldest()!
      this.lru.remove(eldest)
      this.map.delete(eldest.key)
      this.listener?.(fromKeyString(eldest.key))
    }
  }

  iterate(_segment: number, lower: StorageBound | null, upper: StorageBound | null, reverse: boolean): KeyValueIterator<Buffer, Buffer> {
    const source = new SortedMapSource(
      this.map,
      lower === null ? null : { key: toKeyString(lower.key), inclusive: lower.inclusive },
      upper === null ? null : { key: toKeyString(upper.key), inclusive: upper.inclusive },
      reverse,
      fromKeyString,
      valueOf,
    )
    return new MergedKeyValueIterator([source], reverse)
  }

  segments(): readonly number[] {
    return [0]
  }

  dropSegment(): void {
    this.close()
  }

  count(): number {
    return this.map.size
  }

  persist(_changelogOffset: number | null, _state: StorageState): Promise<void> {
    return Promise.resolve()
  }

  committedOffset(): null {
    return null
  }

  /** Evictions while restoring are not reported: the changelog already holds them (Kafka's `restoring` flag). */
  restore(writes: readonly StorageWrite[], _state: StorageState): void {
    const listener = this.listener
    this.listener = null
    try {
      for (const w of writes) this.put(0, w.key, w.value)
    } finally {
      this.listener = listener
    }
  }

  close(): void {
    this.map = new SortedMap()
    this.lru = new LruList()
  }
}

/** An LRU-bounded in-memory key-value engine (see the module doc). */
export class MemoryLruStore extends KeyValueEngine {
  private readonly lru: LruStorage

  /** @throws StoreArgumentError when `maxCacheSize` is negative or not an integer (0 keeps nothing, as in Kafka). */
  constructor(name: string, maxCacheSize: number) {
    if (!Number.isInteger(maxCacheSize) || maxCacheSize < 0) {
      throw new StoreArgumentError(`maxCacheSize must be a non-negative integer, got ${maxCacheSize}`, { storeName: name })
    }
    const storage = new LruStorage(maxCacheSize)
    super(name, storage, engineCapabilities({ evicts: true }))
    this.lru = storage
  }

  /** Registers the callback told about every evicted key (the change-logging layer logs a tombstone). */
  setEvictionListener(listener: EvictionListener | null): void {
    this.lru.listener = listener
  }
}

/** Supplies `MemoryLruStore`s (what `Stores.lruMap(name, maxCacheSize)` returns). */
export class MemoryLruBytesStoreSupplier implements KeyValueBytesStoreSupplier {
  readonly metricsScope = 'in-memory-lru'
  constructor(
    readonly name: string,
    readonly maxCacheSize: number,
  ) {}
  get(): KeyValueBytesStore {
    return new MemoryLruStore(this.name, this.maxCacheSize)
  }
}
