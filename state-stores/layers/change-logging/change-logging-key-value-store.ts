import type { KeyValue } from '../../../processor-api/key-value.js'
import type { ChangelogRecord, StateStore, StateStoreContext } from '../../../processor-api/state-store.js'
import type { KeyValueBytesStore } from '../../bytes/key-value-bytes-store.js'
import type { KeyValueIterator } from '../../key-value-store.js'
import { WrappedStore } from '../wrapped-store.js'
import { ChangeLogger } from './change-logger.js'

/**
 * Sends every put and delete of a key-value store to its changelog through
 * `context.logChange` (Kafka's `ChangeLoggingKeyValueBytesStore`; with `timestamped`, Kafka's
 * `ChangeLoggingTimestampedKeyValueBytesStore`).
 */
export class ChangeLoggingKeyValueStore extends WrappedStore<KeyValueBytesStore> implements KeyValueBytesStore {
  private readonly logger: ChangeLogger

  constructor(wrapped: KeyValueBytesStore, options: { timestamped: boolean }) {
    super(wrapped, { logging: true, timestamped: options.timestamped })
    this.logger = new ChangeLogger(wrapped.name, options.timestamped)
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    // An engine that evicts by itself (the LRU map): log each eviction as a deletion, as Kafka does.
    this.wrapped.setEvictionListener?.((key) => this.logger.log(key, null))
    return this.wrapped.init(this.logger.init(context), root)
  }

  get(key: Buffer): Buffer | null {
    return this.wrapped.get(key)
  }

  put(key: Buffer, value: Buffer | null): void {
    this.wrapped.put(key, value)
    this.logger.log(key, value)
  }

  putIfAbsent(key: Buffer, value: Buffer): Buffer | null {
    const previous = this.wrapped.putIfAbsent(key, value)
    if (previous === null) this.logger.log(key, value)
    return previous
  }

  putAll(entries: ReadonlyArray<KeyValue<Buffer, Buffer | null>>): void {
    this.wrapped.putAll(entries)
    for (const e of entries) this.logger.log(e.key, e.value)
  }

  delete(key: Buffer): Buffer | null {
    const old = this.wrapped.delete(key)
    this.logger.log(key, null)
    return old
  }

  range(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.range(from, to)
  }

  reverseRange(from: Buffer | null, to: Buffer | null): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.reverseRange(from, to)
  }

  all(): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.all()
  }

  reverseAll(): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.reverseAll()
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.prefixScan(prefix)
  }

  approximateNumEntries(): number {
    return this.wrapped.approximateNumEntries()
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    return this.wrapped.restoreBatch(records)
  }
}
