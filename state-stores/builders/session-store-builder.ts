import type { Serde } from '../../processor-api/serde/serde.js'
import type { SessionBytesStore, SessionBytesStoreSupplier } from '../bytes/session-bytes-store.js'
import { StoreArgumentError } from '../errors.js'
import { CachingSessionStore } from '../layers/caching/caching-session-store.js'
import { ChangeLoggingSessionStore } from '../layers/change-logging/change-logging-session-store.js'
import { MeteredSessionStore } from '../layers/metered/metered-session-store.js'
import { AbstractStoreBuilder } from './abstract-store-builder.js'

/** Builds session stores (Kafka's `SessionStoreBuilder`). */
export class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<MeteredSessionStore<K, V>> {
  /** @throws StoreArgumentError when `supplier` is missing. */
  constructor(
    readonly supplier: SessionBytesStoreSupplier,
    readonly keySerde: Serde<K> | null,
    readonly valueSerde: Serde<V> | null,
  ) {
    if (supplier === null || supplier === undefined) throw new StoreArgumentError('supplier cannot be null')
    super(supplier.name)
  }

  build(): MeteredSessionStore<K, V> {
    let store: SessionBytesStore = this.supplier.get()
    if (this.loggingEnabled) store = new ChangeLoggingSessionStore(store)
    if (this.cachingEnabled) store = new CachingSessionStore(store)
    return new MeteredSessionStore(store, { keySerde: this.keySerde, valueSerde: this.valueSerde })
  }
}
