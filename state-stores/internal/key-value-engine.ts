/**
 * The key-value engine over a backend's segment 0: Kafka's in-memory and RocksDB key-value
 * stores, minus RocksDB. Public methods check state and arguments; the backend stores bytes.
 */
import type { KeyValue } from '../../processor-api/key-value.js'
import type { ChangelogRecord } from '../../processor-api/state-store.js'
import type { KeyValueBytesStore } from '../bytes/key-value-bytes-store.js'
import type { StoreCapabilities } from '../bytes/store-capabilities.js'
import type { KeyValueIterator } from '../key-value-store.js'
import { prefixUpperBound } from './bytes.js'
import { isInvertedRange } from './key-range.js'
import { AbstractKeyValueIterator, emptyIterator, pullFrom } from './key-value-iterators.js'
import { InvalidStateStoreError } from '../errors.js'
import { MergedKeyValueIterator } from './merged-iterator.js'
import type { SegmentStorage } from './segment-storage.js'
import { StorageEngine } from './storage-engine.js'

const SEGMENT = 0

/** A key-value engine over any `SegmentStorage` (the in-memory and LevelDB stores extend it). */
export class KeyValueEngine extends StorageEngine implements KeyValueBytesStore {
  constructor(name: string, storage: SegmentStorage, capabilities: StoreCapabilities) {
    super(name, storage, capabilities)
  }

  get(key: Buffer): Buffer | null {
    this.checkOpen()
    return this.storage.get(SEGMENT, key) ?? null
  }

  put(key: Buffer, value: Buffer | null): void {
    this.checkOpen()
    this.storage.put(SEGMENT, key, value)
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    this.checkOpen()
    const existing = this.storage.get(SEGMENT, key)
    if (existing !== undefined) return existing
    this.storage.put(SEGMENT, key, value)
    return null
  }

  putAll(entries: ReadonlyArray<KeyValue<Buffer, Buffer | null>>): void {
    this.checkOpen()
    for (const e of entries) this.storage.put(SEGMENT, e.key, e.value)
  }

  delete(key: Buffer): Buffer | null {
    this.checkOpen()
    const old = this.storage.get(SEGMENT, key)
    if (old === undefined) return null
    this.storage.put(SEGMENT, key, null)
    return old
  }

  range(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.scan(from, to, false)
  }

  reverseRange(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.scan(from, to, true)
  }

  all(): KeyValueIterator<Buffer, Buffer> {
    return this.scan(null, null, false)
  }

  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.scan(null, null, true)
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    this.checkOpen()
    const upper = prefixUpperBound(prefix)
    return this.guarded(
      this.storage.iterate(SEGMENT, { key: prefix, inclusive: true }, upper === null ? null : { key: upper, inclusive: false }, false),
    )
  }

  approximateNumEntries(): number {
    this.checkOpen()
    return this.storage.count()
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    this.checkOpen()
    // Changelog records are storage writes for segment 0 as they are.
    return this.storage.restore(records, this.state())
  }

  private scan(from: Buffer | null, to: Buffer | null, reverse: boolean): KeyValueIterator<Buffer, Buffer> {
    this.checkOpen()
    // Kafka returns an empty iterator (and logs a warning) for an inverted range.
    if (isInvertedRange(from, to)) return emptyIterator()
    return this.guarded(
      this.storage.iterate(SEGMENT, from === null ? null : { key: from, inclusive: true }, to === null ? null : { key: to, inclusive: true }, reverse),
    )
  }

  /** Kafka's key-value iterators throw once their store is closed (`InvalidStateStoreException`). */
  private guarded(it: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<Buffer, Buffer> {
    if (it instanceof MergedKeyValueIterator) {
      it.closedError = this.closedError
      return it
    }
    return new OpenStoreIterator(it, this)
  }

  private readonly closedError = (): Error | null => (this.isOpen ? null : InvalidStateStoreError.closed(this.name))
}

/** Reads `source` while `store` is open; rejects with `KS_ERR_STORE_CLOSED` after. */
class OpenStoreIterator extends AbstractKeyValueIterator<Buffer, Buffer> {
  constructor(
    private readonly source: KeyValueIterator<Buffer, Buffer>,
    private readonly store: { readonly isOpen: boolean; readonly name: string },
  ) {
    super()
  }

  protected nextEntry(): Promise<KeyValue<Buffer, Buffer> | undefined> | KeyValue<Buffer, Buffer> | undefined {
    if (!this.store.isOpen) return Promise.reject(InvalidStateStoreError.closed(this.store.name))
    return pullFrom(this.source)
  }

  protected override async onClose(): Promise<void> {
    try {
      await this.source.close()
    } catch (err) {
      // The engine's iterator went with the closed store.
      if (this.store.isOpen) throw err
    }
  }
}
