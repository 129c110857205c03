import { SuppliedStoreBuilder } from '../builders/supplied-store-builder.js'
import { InvalidStateStoreError } from '../errors.js'
import { ChangeLoggingVersionedStore } from './change-logging-versioned-store.js'
import { MeteredVersionedKeyValueStore } from './metered-versioned-key-value-store.js'
import type { VersionedBytesStore, VersionedBytesStoreSupplier } from './versioned-bytes-store.js'

/** Kafka's `windowstore.changelog.additional.retention.ms` default, added to the changelog's compaction lag. */
const ADDITIONAL_CHANGELOG_RETENTION_MS = 24 * 60 * 60 * 1000

/**
 * Builds versioned key-value stores (Kafka's `VersionedKeyValueStoreBuilder`):
 * Metered → ChangeLogging? → engine; there is no caching layer. As in Kafka, the changelog keeps
 * every version for the history retention plus one day (`min.compaction.lag.ms`) before
 * compaction may drop all but the last per key.
 */
export class VersionedKeyValueStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredVersionedKeyValueStore<K, V>, VersionedBytesStoreSupplier, K, V> {
  /** The history retention of the stores built (the supplier's). */
  get historyRetentionMs(): number {
    return this.supplier.historyRetentionMs
  }

  /** Topic configs of the changelog: Kafka's compaction lag for versioned changelogs, plus the user's. */
  override get logConfig(): { readonly [topicConfig: string]: string } {
    return { 'min.compaction.lag.ms': String(this.supplier.historyRetentionMs + ADDITIONAL_CHANGELOG_RETENTION_MS), ...super.logConfig }
  }

  /** @throws InvalidStateStoreError (`KS_ERR_STORE_INVALID`) always: "Versioned stores do not support caching" (Kafka's IllegalStateException). */
  override withCachingEnabled(): never {
    throw new InvalidStateStoreError('KS_ERR_STORE_INVALID', this.name, 'Versioned stores do not support caching')
  }

  build(): MeteredVersionedKeyValueStore<K, V> {
    let store: VersionedBytesStore = this.supplier.get()
    if (this.loggingEnabled) store = new ChangeLoggingVersionedStore(store)
    return new MeteredVersionedKeyValueStore(store, { keySerde: this.keySerde, valueSerde: this.valueSerde })
  }
}
