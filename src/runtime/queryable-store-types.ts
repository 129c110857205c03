import type { StateStore } from '../../processor-api/state-store.js'
import type { ReadOnlyKeyValueStore } from '../../state-stores/key-value-store.js'
import type { ReadOnlySessionStore } from '../../state-stores/session-store.js'
import type { ValueAndTimestamp } from '../../state-stores/value-and-timestamp.js'
import type { ReadOnlyWindowStore } from '../../state-stores/window-store.js'
import {
  CompositeReadOnlyKeyValueStore,
  CompositeReadOnlySessionStore,
  CompositeReadOnlyWindowStore,
  isTimestampedStore,
  unwrapValue,
} from './internal/composite-stores.js'

/**
 * The kind of store an interactive query asks for (Kafka's `QueryableStoreType`): which store
 * instances it accepts and how it wraps the local instances into one read-only view.
 */
export interface QueryableStoreType<T> {
  /** For error messages: `keyValueStore`, `windowStore`... */
  readonly name: string
  /** True when `store` can be queried as this type. */
  accepts(store: StateStore): boolean
  /** The read-only view over the instances `stores()` lists at each call. */
  create(stores: () => readonly StateStore[]): T
}

function isKeyValue(s: StateStore): boolean {
  const x = s as unknown as { [m: string]: unknown }
  return typeof x['get'] === 'function' && typeof x['putIfAbsent'] === 'function' && typeof x['prefixScan'] === 'function'
}

function isWindow(s: StateStore): boolean {
  const x = s as unknown as { [m: string]: unknown }
  return typeof x['fetchAll'] === 'function' && typeof x['windowSizeMs'] === 'number'
}

function isSession(s: StateStore): boolean {
  const x = s as unknown as { [m: string]: unknown }
  return typeof x['findSessions'] === 'function' && typeof x['fetchSession'] === 'function'
}

/** Whether the store instances are timestamped, decided once from the first instance seen (all instances of a store are alike). */
function timestampedOf(stores: () => readonly StateStore[]): () => boolean {
  let known: boolean | null = null
  return () => {
    if (known === null) {
      const first = stores()[0]
      if (first === undefined) return false
      known = isTimestampedStore(first)
    }
    return known
  }
}

/**
 * Factories of the built-in queryable store types (Kafka's `QueryableStoreTypes`). A plain
 * `keyValueStore()` or `windowStore()` view of a timestamped store returns the values without
 * their timestamps, as in Kafka.
 *
 * @example
 * const counts = app.store('orders-per-customer', QueryableStoreTypes.keyValueStore<string, number>())
 * counts.get('alice') // 3
 */
export const QueryableStoreTypes = {
  /** Key-value stores, plain or timestamped (timestamps dropped). */
  keyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {
    return {
      name: 'keyValueStore',
      accepts: isKeyValue,
      create: (stores) => {
        const timestamped = timestampedOf(stores)
        const list = (): ReadOnlyKeyValueStore<K, unknown>[] => stores() as unknown as ReadOnlyKeyValueStore<K, unknown>[]
        const unwrap = (v: unknown): V => (timestamped() ? unwrapValue(v as ValueAndTimestamp<V>) : (v as V))
        return new CompositeReadOnlyKeyValueStore<K, unknown, V>(list, unwrap)
      },
    }
  },
  /** Timestamped key-value stores: values with the timestamp of their last update. */
  timestampedKeyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> {
    return {
      name: 'timestampedKeyValueStore',
      accepts: (s) => isKeyValue(s) && isTimestampedStore(s),
      create: (stores) => new CompositeReadOnlyKeyValueStore(() => stores() as unknown as ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>[]),
    }
  },
  /** Window stores, plain or timestamped (timestamps dropped). */
  windowStore<K, V>(): QueryableStoreType<ReadOnlyWindowStore<K, V>> {
    return {
      name: 'windowStore',
      accepts: isWindow,
      create: (stores) => {
        const timestamped = timestampedOf(stores)
        const list = (): ReadOnlyWindowStore<K, unknown>[] => stores() as unknown as ReadOnlyWindowStore<K, unknown>[]
        const unwrap = (v: unknown): V => (timestamped() ? unwrapValue(v as ValueAndTimestamp<V>) : (v as V))
        return new CompositeReadOnlyWindowStore<K, unknown, V>(list, unwrap)
      },
    }
  },
  /** Timestamped window stores. */
  timestampedWindowStore<K, V>(): QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> {
    return {
      name: 'timestampedWindowStore',
      accepts: (s) => isWindow(s) && isTimestampedStore(s),
      create: (stores) => new CompositeReadOnlyWindowStore(() => stores() as unknown as ReadOnlyWindowStore<K, ValueAndTimestamp<V>>[]),
    }
  },
  /** Session stores. */
  sessionStore<K, V>(): QueryableStoreType<ReadOnlySessionStore<K, V>> {
    return {
      name: 'sessionStore',
      accepts: isSession,
      create: (stores) => new CompositeReadOnlySessionStore(() => stores() as unknown as ReadOnlySessionStore<K, V>[]),
    }
  },
} as const
