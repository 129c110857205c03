/**
 * State stores: key-value, window and session stores (plus timestamped variants) on in-memory
 * or LevelDB engines, layered Metered → Caching → ChangeLogging → engine. Start with `Stores`
 * (suppliers and builders) and the typed interfaces `KeyValueStore`, `WindowStore`, `SessionStore`.
 */
export type { KeyValueIterator, KeyValueStore, ReadOnlyKeyValueStore, TimestampedKeyValueStore } from './key-value-store.js'
export type { ReadOnlyWindowStore, TimestampedWindowStore, WindowStore, WindowStoreIterator } from './window-store.js'
export type { ReadOnlySessionStore, SessionStore } from './session-store.js'
export { ValueAndTimestamp } from './value-and-timestamp.js'
export { ValueAndTimestampSerde } from './value-and-timestamp-serde.js'
export type { CacheFlushListener, CachedStateStore, Change } from './cached-state-store.js'
export { isCachedStateStore } from './cached-state-store.js'
export { Stores } from './stores.js'
export { AbstractStoreBuilder } from './builders/abstract-store-builder.js'
export { KeyValueStoreBuilder, TimestampedKeyValueStoreBuilder } from './builders/key-value-store-builder.js'
export { TimestampedWindowStoreBuilder, WindowStoreBuilder } from './builders/window-store-builder.js'
export { SessionStoreBuilder } from './builders/session-store-builder.js'
export { MeteredKeyValueStore } from './layers/metered/metered-key-value-store.js'
export { MeteredWindowStore } from './layers/metered/metered-window-store.js'
export { MeteredSessionStore } from './layers/metered/metered-session-store.js'
export { StoreMetrics } from './layers/metered/store-metrics.js'
export { DEFAULT_CACHE_MAX_BYTES, ThreadCache, attachThreadCache, cacheMaxBytesOf } from './layers/caching/thread-cache.js'
export type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from './bytes/key-value-bytes-store.js'
export type { WindowBytesStore, WindowBytesStoreSupplier } from './bytes/window-bytes-store.js'
export type { SessionBytesStore, SessionBytesStoreSupplier } from './bytes/session-bytes-store.js'
export type { StoreCapabilities } from './bytes/store-capabilities.js'
export type { BytesFlushListener } from './bytes/bytes-flush-listener.js'
export { InvalidStateStoreError, StoreArgumentError, StoreIoError } from './errors.js'
export type { InvalidStateStoreCode } from './errors.js'
