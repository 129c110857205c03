import type { ChangelogRecord, StateStore, StateStoreContext } from '../../processor-api/state-store.js'
import { InvalidStateStoreError } from '../errors.js'
import { underlyingContext } from '../layers/change-logging/restore-converting-context.js'
import { WrappedStore } from '../layers/wrapped-store.js'
import type { VersionedRecord } from '../versioned-key-value-store.js'
import type { VersionedBytesStore } from './versioned-bytes-store.js'

/**
 * Sends every put and delete of a versioned store to its changelog (Kafka's
 * `ChangeLoggingVersionedKeyValueBytesStore`): the key, the value (null for a delete) and the
 * version's timestamp as the record timestamp, so that restore replays the same puts in order.
 * Like Kafka, it logs a put or delete even when the store did not apply it (too old): restore
 * skips it again.
 */
export class ChangeLoggingVersionedStore extends WrappedStore<VersionedBytesStore> implements VersionedBytesStore {
  private context: StateStoreContext | null = null

  constructor(wrapped: VersionedBytesStore) {
    super(wrapped, { logging: true })
  }

  override init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.context = underlyingContext(context)
    return this.wrapped.init(context, root)
  }

  put(key: Buffer, value: Buffer | null, timestamp: number): number {
    const validTo = this.wrapped.put(key, value, timestamp)
    this.log(key, value, timestamp)
    return validTo
  }

  delete(key: Buffer, timestamp: number): VersionedRecord<Buffer> | null {
    const old = this.wrapped.delete(key, timestamp)
    this.log(key, null, timestamp)
    return old
  }

  get(key: Buffer, asOfTimestamp?: number): VersionedRecord<Buffer> | null {
    return this.wrapped.get(key, asOfTimestamp)
  }

  restoreBatch(records: ReadonlyArray<ChangelogRecord>): void | Promise<void> {
    return this.wrapped.restoreBatch(records)
  }

  private log(key: Buffer, value: Buffer | null, timestamp: number): void {
    const context = this.context
    if (context === null) throw new InvalidStateStoreError('KS_ERR_STORE_NOT_INITIALIZED', this.name, `Store ${this.name} is not initialized.`)
    context.logChange(this.name, key, value, timestamp)
  }
}
