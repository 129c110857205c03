import type { SessionBytesStore, SessionBytesStoreSupplier } from '../bytes/session-bytes-store.js'
import { CachingSessionStore } from '../layers/caching/caching-session-store.js'
import { ChangeLoggingSessionStore } from '../layers/change-logging/change-logging-session-store.js'
import { MeteredSessionStore } from '../layers/metered/metered-session-store.js'
import { SuppliedStoreBuilder } from './supplied-store-builder.js'

/** Builds session stores (Kafka's `SessionStoreBuilder`). */
export class SessionStoreBuilder<K, V> extends SuppliedStoreBuilder<MeteredSessionStore<K, V>, SessionBytesStoreSupplier, K, V> {
  build(): MeteredSessionStore<K, V> {
    let store: SessionBytesStore = this.supplier.get()
    if (this.loggingEnabled) store = new ChangeLoggingSessionStore(store)
    if (this.cachingEnabled) store = new CachingSessionStore(store)
    return new MeteredSessionStore(store, { keySerde: this.keySerde, valueSerde: this.valueSerde })
  }
}
