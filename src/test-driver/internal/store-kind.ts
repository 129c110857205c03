import type { StateStore } from '../../../processor-api/state-store.js'

/** The built-in store interfaces the driver's typed getters distinguish. */
export type StoreKind = 'key-value' | 'window' | 'session' | 'other'

/**
 * Which built-in interface a store implements, judged by the methods it has (stores declare
 * capabilities as data; the driver never uses `instanceof`).
 */
export function storeKindOf(store: StateStore): StoreKind {
  const s = store as unknown as { [method: string]: unknown }
  if (typeof s['findSessions'] === 'function' && typeof s['fetchSession'] === 'function') return 'session'
  if (typeof s['fetchAll'] === 'function' && typeof s['windowSizeMs'] === 'number') return 'window'
  if (typeof s['putIfAbsent'] === 'function' && typeof s['get'] === 'function') return 'key-value'
  return 'other'
}

/** True when the store's values are `ValueAndTimestamp`s (its capability manifest says `timestamped`). */
export function isTimestampedStore(store: StateStore): boolean {
  const s = store as unknown as { capabilities?: { timestamped?: unknown }; timestamped?: unknown }
  return s.capabilities?.timestamped === true || s.timestamped === true
}
