import type { CachedRecordContext } from '../../processor-api/state-store.js'

/**
 * What a caching layer calls for each dirty entry it writes down (on eviction or flush), with
 * raw bytes; the metered layer deserializes and builds the typed `Record<K, Change<V>>`.
 * `recordContext` is the context of the write that produced the entry; the call happens
 * inside `context.withRecordContext(recordContext, ...)`.
 */
export type BytesFlushListener<K> = (key: K, newValue: Buffer | null, oldValue: Buffer | null, recordContext: CachedRecordContext) => void

/** Implemented by caching layers: registers the flush listener; returns true. */
export interface BytesFlushListenerTarget<K> {
  setFlushListener(listener: BytesFlushListener<K>, sendOldValues: boolean): boolean
}
