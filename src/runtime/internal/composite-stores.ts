import type { StateStore } from '../../../processor-api/state-store.js'
import type { Windowed } from '../../../processor-api/windowed.js'
import type { KeyValueIterator, ReadOnlyKeyValueStore } from '../../../state-stores/key-value-store.js'
import type { ReadOnlySessionStore } from '../../../state-stores/session-store.js'
import type { ValueAndTimestamp } from '../../../state-stores/value-and-timestamp.js'
import type { ReadOnlyWindowStore, WindowStoreIterator } from '../../../state-stores/window-store.js'
import { ChainedKeyValueIterator } from './chained-iterator.js'

/** Lists the current instances of a store (one per local task); throws when none is available. */
export type StoreProvider<S> = () => readonly S[]

/** Unwraps `ValueAndTimestamp` values when a plain view is asked of a timestamped store. */
export type ValueMapper<VIn, VOut> = (value: VIn) => VOut

const identity = <V>(v: V): V => v

/**
 * Kafka's `CompositeReadOnlyKeyValueStore`: one read-only view over a store's instances in every
 * local task. Point reads return the first non-null value; ranges chain the instances'
 * iterators (each task holds different keys). Instances are looked up on every call, so the view
 * follows rebalances.
 */
export class CompositeReadOnlyKeyValueStore<K, VIn, V = VIn> implements ReadOnlyKeyValueStore<K, V> {
  constructor(
    private readonly stores: StoreProvider<ReadOnlyKeyValueStore<K, VIn>>,
    private readonly map: ValueMapper<VIn, V> = identity as ValueMapper<VIn, V>,
  ) {}

  get(key: K): V | null {
    for (const s of this.stores()) {
      const v = s.get(key)
      if (v !== null) return this.map(v)
    }
    return null
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.chain((s) => s.range(from, to))
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.chain((s) => s.reverseRange(from, to))
  }

  all(): KeyValueIterator<K, V> {
    return this.chain((s) => s.all())
  }

  reverseAll(): KeyValueIterator<K, V> {
    return this.chain((s) => s.reverseAll())
  }

  prefixScan<P>(prefix: P, prefixSerializer: { serialize(topic: string, data: P | null): Buffer | null }): KeyValueIterator<K, V> {
    return this.chain((s) => s.prefixScan(prefix, prefixSerializer))
  }

  approximateNumEntries(): number {
    let n = 0
    for (const s of this.stores()) n += s.approximateNumEntries()
    return Math.min(n, Number.MAX_SAFE_INTEGER)
  }

  private chain(open: (s: ReadOnlyKeyValueStore<K, VIn>) => KeyValueIterator<K, VIn>): KeyValueIterator<K, V> {
    return new ChainedKeyValueIterator(this.stores().map((s) => () => open(s)), this.map)
  }
}

/** Kafka's `CompositeReadOnlyWindowStore`: a read-only view over a window store's local instances. */
export class CompositeReadOnlyWindowStore<K, VIn, V = VIn> implements ReadOnlyWindowStore<K, V> {
  constructor(
    private readonly stores: StoreProvider<ReadOnlyWindowStore<K, VIn>>,
    private readonly map: ValueMapper<VIn, V> = identity as ValueMapper<VIn, V>,
  ) {}

  fetch(key: K, windowStartMs: number): V | null
  fetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  fetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  fetch(key: K | null, a: K | number | null, b?: number, c?: number): V | null | WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.fetchRange(key, a as K | null, b!, c)
    const timeFrom = a as number
    if (b === undefined) {
      for (const s of this.stores()) {
        const v = s.fetch(key as K, timeFrom)
        if (v !== null) return this.map(v)
      }
      return null
    }
    return new ChainedKeyValueIterator(this.stores().map((s) => () => s.fetch(key as K, timeFrom, b)), this.map)
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): WindowStoreIterator<V>
  backwardFetch(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V>
  backwardFetch(key: K | null, a: K | number | null, b: number, c?: number): WindowStoreIterator<V> | KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.backwardFetchRange(key, a as K | null, b, c)
    return new ChainedKeyValueIterator(this.stores().map((s) => () => s.backwardFetch(key as K, a as number, b)), this.map)
  }

  fetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.fetchRange(keyFrom, keyTo, timeFrom, timeTo))
  }

  backwardFetchRange(keyFrom: K | null, keyTo: K | null, timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.backwardFetchRange(keyFrom, keyTo, timeFrom, timeTo))
  }

  fetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.fetchAll(timeFrom, timeTo))
  }

  backwardFetchAll(timeFrom: number, timeTo: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.backwardFetchAll(timeFrom, timeTo))
  }

  all(): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.all())
  }

  backwardAll(): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.backwardAll())
  }

  private chain(open: (s: ReadOnlyWindowStore<K, VIn>) => KeyValueIterator<Windowed<K>, VIn>): KeyValueIterator<Windowed<K>, V> {
    return new ChainedKeyValueIterator(this.stores().map((s) => () => open(s)), this.map)
  }
}

/** Kafka's `CompositeReadOnlySessionStore`: a read-only view over a session store's local instances. */
export class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
  constructor(private readonly stores: StoreProvider<ReadOnlySessionStore<K, V>>) {}

  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  findSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  findSessions(key: K | null, a: K | number | null, b: number, c?: number): KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.findSessionsInRange(key, a as K | null, b, c)
    return this.chain((s) => s.findSessions(key as K, a as number, b))
  }

  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  backwardFindSessions(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V>
  backwardFindSessions(key: K | null, a: K | number | null, b: number, c?: number): KeyValueIterator<Windowed<K>, V> {
    if (c !== undefined) return this.backwardFindSessionsInRange(key, a as K | null, b, c)
    return this.chain((s) => s.backwardFindSessions(key as K, a as number, b))
  }

  findSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.findSessionsInRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime))
  }

  backwardFindSessionsInRange(keyFrom: K | null, keyTo: K | null, earliestSessionEndTime: number, latestSessionStartTime: number): KeyValueIterator<Windowed<K>, V> {
    return this.chain((s) => s.backwardFindSessionsInRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime))
  }

  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null {
    for (const s of this.stores()) {
      const v = s.fetchSession(key, sessionStartTime, sessionEndTime)
      if (v !== null) return v
    }
    return null
  }

  fetch(key: K): KeyValueIterator<Windowed<K>, V>
  fetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
  fetch(key: K | null, keyTo?: K | null): KeyValueIterator<Windowed<K>, V> {
    return keyTo === undefined ? this.chain((s) => s.fetch(key as K)) : this.chain((s) => s.fetch(key, keyTo))
  }

  backwardFetch(key: K): KeyValueIterator<Windowed<K>, V>
  backwardFetch(keyFrom: K | null, keyTo: K | null): KeyValueIterator<Windowed<K>, V>
  backwardFetch(key: K | null, keyTo?: K | null): KeyValueIterator<Windowed<K>, V> {
    return keyTo === undefined ? this.chain((s) => s.backwardFetch(key as K)) : this.chain((s) => s.backwardFetch(key, keyTo))
  }

  private chain(open: (s: ReadOnlySessionStore<K, V>) => KeyValueIterator<Windowed<K>, V>): KeyValueIterator<Windowed<K>, V> {
    return new ChainedKeyValueIterator(this.stores().map((s) => () => open(s)), identity)
  }
}

/** True when the store's values are `ValueAndTimestamp`s (its capability manifest says so). */
export function isTimestampedStore(store: StateStore): boolean {
  const s = store as unknown as { capabilities?: { timestamped?: unknown } }
  return s.capabilities?.timestamped === true
}

/** Reads the value out of a `ValueAndTimestamp`. */
export function unwrapValue<V>(vt: ValueAndTimestamp<V>): V {
  return vt.value
}
