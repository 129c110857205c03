import type { Record } from '../processor-api/record.js'

/** A new value and the value it replaced (Kafka's internal `Change<V>`); either may be null. */
export interface Change<V> {
  readonly newValue: V | null
  readonly oldValue: V | null
}

/**
 * Called by a caching layer for every dirty entry it evicts or flushes, so the owning processor
 * can forward exactly one update per key per commit (what makes a KTable emit deduplicated).
 * The record's timestamp and headers are those of the write that produced the entry.
 */
export type CacheFlushListener<K, V> = (record: Record<K, Change<V>>) => void

/** Implemented by stores that have a caching layer (check with `isCachedStateStore`). */
export interface CachedStateStore<K, V> {
  /**
   * Registers the listener. With `sendOldValues` the listener gets the value the store held
   * before the entry was first dirtied; otherwise `oldValue` is always null.
   * Returns false when the store has no caching layer (the caller must forward itself).
   */
  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): boolean
}

/** True when `store` has `setFlushListener` (a metered store; it may still report no cache). */
export function isCachedStateStore<K, V>(store: unknown): store is CachedStateStore<K, V> {
  return typeof (store as { setFlushListener?: unknown } | null)?.setFlushListener === 'function'
}
