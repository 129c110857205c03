import type { KeyValue } from '../../../processor-api/key-value.js'
import type { CachedRecordContext, ChangelogRecord, StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { BytesFlushListener } from '../../bytes/bytes-flush-listener.js'
import type { KeyValueBytesStore } from '../../bytes/key-value-bytes-store.js'
import { InvalidStateStoreError } from '../../errors.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { fromKeyString, prefixUpperBound, rememberKeyString, toKeyString } from '../../internal/bytes.js'
import { isInvertedRange } from '../../internal/key-range.js'
import { emptyIterator } from '../../internal/key-value-iterators.js'
import { IteratorSource, MergedKeyValueIterator, SortedMapSource } from '../../internal/merged-iterator.js'
import type { KeyBound } from '../../internal/sorted-map.js'
import { RestoreConvertingContext, underlyingContext } from '../change-logging/restore-converting-context.js'
import { WrappedStore } from '../wrapped-store.js'
import { recordContextFor } from './cache-record-context.js'
import type { CacheEntry, DirtyBatch, NamedCache } from './named-cache.js'
import { threadCacheFor, type ThreadCache } from './thread-cache.js'

const entryValue = (e: CacheEntry): Buffer | null => e.value
const EMPTY = Buffer.alloc(0)

/**
 * A write-behind cache over a key-value store (Kafka's `CachingKeyValueStore`): writes stay
 * in the task's `ThreadCache`, deduplicated per key, until eviction or `flush()` writes them
 * down and calls the flush listener once per key with `{ newValue, oldValue }` under the
 * record context of the last write. Reads hit the cache first; ranges merge cache and store.
 */
export class CachingKeyValueStore extends WrappedStore<KeyValueBytesStore> implements KeyValueBytesStore {
  private context: StateStoreContext | null = null
  private threadCache: ThreadCache | null = null
  private cache: NamedCache | null = null
  private listener: BytesFlushListener<Buffer> | null = null
  private sendOldValues = false

  constructor(wrapped: KeyValueBytesStore) {
    super(wrapped, { caching: true })
  }

  setFlushListener(listener: BytesFlushListener<Buffer>, sendOldValues: boolean): boolean {
    this.listener = listener
    this.sendOldValues = sendOldValues
    return true
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.context = underlyingContext(context)
    this.threadCache = threadCacheFor(context)
    const cache = this.threadCache.namedCache(`${context.taskId.toString()}-${this.name}`, (entries) => this.writeDown(entries))
    this.cache = cache
    const threadCache = this.threadCache
    // Restore writes below the cache: drop clean entries so reads see the restored data.
    const restoring = new RestoreConvertingContext(context, (records) => {
      threadCache.dropClean(cache)
      return records
    })
    return this.wrapped.init(restoring, root)
  }

  get(key: Buffer): Buffer | null {
    const cache = this.open()
    const k = toKeyString(key)
    const hit = cache.get(k)
    if (hit !== undefined) return hit.value
    const value = this.wrapped.get(key)
    // Kafka caches clean entries on a read miss (only when the key exists).
    if (value !== null) this.threadCache!.put(cache, k, key, value, false, null)
    return value
  }

  put(key: Buffer, value: Buffer | null): void {
    const cache = this.open()
    this.threadCache!.put(cache, toKeyString(key), key, value, true, recordContextFor(this.context!))
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    const existing = this.get(key)
    if (existing === null) this.put(key, value)
    return existing
  }

  putAll(entries: ReadonlyArray<KeyValue<Buffer, Buffer | null>>): void {
    for (const e of entries) this.put(e.key, e.value)
  }

  delete(key: Buffer): Buffer | null {
    const old = this.get(key)
    this.put(key, null)
    return old
  }

  range(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.merged(from, to, false)
  }

  reverseRange(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.merged(from, to, true)
  }

  all(): KeyValueIterator<Buffer, Buffer> {
    return this.merged(null, null, false)
  }

  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.merged(null, null, true)
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    const cache = this.open()
    const upper = prefixUpperBound(prefix)
    const cacheSource = new SortedMapSource(
      cache.entries,
      { key: toKeyString(prefix), inclusive: true },
      upper === null ? null : { key: toKeyString(upper), inclusive: false },
      false,
      fromKeyString,
      entryValue,
    )
    return new MergedKeyValueIterator([cacheSource, new IteratorSource(this.wrapped.prefixScan(prefix))], false)
  }

  approximateNumEntries(): number {
    this.open()
    return this.wrapped.approximateNumEntries()
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    return this.wrapped.restoreBatch(records)
  }

  override flush(): void {
    const cache = this.open()
    this.threadCache!.flush(cache)
    this.wrapped.flush()
  }

  override close(): void | Promise<void> {
    const cache = this.cache
    if (cache !== null && this.wrapped.isOpen) {
      this.threadCache!.flush(cache)
      this.threadCache!.close(cache)
    }
    this.cache = null
    return this.wrapped.close()
  }

  private merged(from: Buffer | null, to: Buffer | null, reverse: boolean): KeyValueIterator<Buffer, Buffer> {
    const cache = this.open()
    if (isInvertedRange(from, to)) return emptyIterator()
    const lower: KeyBound | null = from === null ? null : { key: toKeyString(from), inclusive: true }
    const upper: KeyBound | null = to === null ? null : { key: toKeyString(to), inclusive: true }
    const cacheSource = new SortedMapSource(cache.entries, lower, upper, reverse, fromKeyString, entryValue)
    const inner = reverse ? this.wrapped.reverseRange(from, to) : this.wrapped.range(from, to)
    return new MergedKeyValueIterator([cacheSource, new IteratorSource(inner)], reverse)
  }

  /** Writes flushed entries to the store below and forwards them to the listener (Kafka's `putAndMaybeForward`). */
  private writeDown(batch: DirtyBatch): void {
    const context = this.context!
    const listener = this.listener
    const { keys, keyBytes, values, contexts } = batch
    for (let i = 0; i < keys.length; i++) {
      const key = keyBytes[i]!
      rememberKeyString(key, keys[i]!)
      const newValue = values[i]!
      const rc = contexts[i] ?? recordContextFor(context)
      const oldValue = listener !== null && (newValue === null || this.sendOldValues) ? this.wrapped.get(key) : null
      // Neither in the store nor in the cache: nothing to write or forward.
      if (listener !== null && newValue === null && oldValue === null) continue
      this.pending.key = key
      this.pending.newValue = newValue
      this.pending.oldValue = oldValue
      this.pending.rc = rc
      context.withRecordContext(rc, this.writePending)
    }
  }

  /** The entry `writePending` writes (one closure per store instead of one per flushed entry). */
  private readonly pending: { key: Buffer; newValue: Buffer | null; oldValue: Buffer | null; rc: CachedRecordContext | null } = {
    key: EMPTY,
    newValue: null,
    oldValue: null,
    rc: null,
  }

  /** Writes `pending` below and forwards it; reads it before calling out, so a nested flush may reuse it. */
  private readonly writePending = (): void => {
    const { key, newValue, oldValue, rc } = this.pending
    this.wrapped.put(key, newValue)
    const listener = this.listener
    if (listener !== null) listener(key, newValue, this.sendOldValues ? oldValue : null, rc!)
  }

  private open(): NamedCache {
    if (this.cache === null || !this.wrapped.isOpen) {
      if (this.context === null) throw new InvalidStateStoreError('KS_ERR_STORE_NOT_INITIALIZED', this.name, `Store ${this.name} is not initialized.`)
      throw InvalidStateStoreError.closed(this.name)
    }
    return this.cache
  }
}
