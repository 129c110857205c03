/** The `Stores` factory. */
import type { Serde } from '../processor-api/serde/serde.js'
import type { KeyValueBytesStoreSupplier } from './bytes/key-value-bytes-store.js'
import type { SessionBytesStoreSupplier } from './bytes/session-bytes-store.js'
import type { WindowBytesStoreSupplier } from './bytes/window-bytes-store.js'
import { KeyValueStoreBuilder, TimestampedKeyValueStoreBuilder } from './builders/key-value-store-builder.js'
import { SessionStoreBuilder } from './builders/session-store-builder.js'
import { TimestampedWindowStoreBuilder, WindowStoreBuilder } from './builders/window-store-builder.js'
import { StoreArgumentError } from './errors.js'
import { InMemoryKeyValueBytesStoreSupplier } from './in-memory/in-memory-key-value-store.js'
import { InMemorySessionBytesStoreSupplier } from './in-memory/in-memory-session-store.js'
import { InMemoryWindowBytesStoreSupplier } from './in-memory/in-memory-window-store.js'
import { MemoryLruBytesStoreSupplier } from './in-memory/memory-lru-store.js'
import { LevelDbKeyValueBytesStoreSupplier } from './leveldb/leveldb-key-value-store.js'
import { LevelDbSessionBytesStoreSupplier } from './leveldb/leveldb-session-store.js'
import { LevelDbWindowBytesStoreSupplier } from './leveldb/leveldb-window-store.js'
import { LevelDbVersionedBytesStoreSupplier } from './leveldb/leveldb-versioned-store.js'
import type { VersionedBytesStoreSupplier } from './versioned/versioned-bytes-store.js'
import { VersionedKeyValueStoreBuilder } from './versioned/versioned-key-value-store-builder.js'

/** Kafka's default segment interval: half the retention, at least one minute. */
function defaultSegmentInterval(retentionMs: number): number {
  return Math.max(Math.floor(retentionMs / 2), 60_000)
}

/** Kafka: `Objects.requireNonNull(name, "name cannot be null")`; an empty name is rejected too (it names a directory and a topic). */
function checkName(name: string): void {
  if (name === null || name === undefined) throw new StoreArgumentError('name cannot be null')
  if (typeof name !== 'string' || name.length === 0) throw new StoreArgumentError('name cannot be empty')
}

/** Kafka's default segment interval of a versioned store (`RocksDbVersionedKeyValueBytesStoreSupplier`), by history retention. */
function defaultVersionedSegmentInterval(historyRetentionMs: number): number {
  if (historyRetentionMs <= 60_000) return Math.max(Math.floor(historyRetentionMs / 3), 2_000)
  if (historyRetentionMs <= 300_000) return Math.max(Math.floor(historyRetentionMs / 5), 20_000)
  if (historyRetentionMs <= 3_600_000) return Math.max(Math.floor(historyRetentionMs / 12), 60_000)
  return Math.max(Math.floor(historyRetentionMs / 24), 300_000)
}

/** Kafka's messages: `<what> cannot be negative`; a duration that is not a finite number is rejected as Kafka rejects one that does not fit a long. */
function checkMs(name: string, what: string, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new StoreArgumentError(`${what} must be a finite number of milliseconds, got ${String(ms)}`, { storeName: name })
  }
  if (ms < 0) throw new StoreArgumentError(`${what} cannot be negative`, { storeName: name })
}

function checkWindow(name: string, retentionMs: number, windowSizeMs: number): void {
  checkName(name)
  checkMs(name, 'retentionPeriod', retentionMs)
  checkMs(name, 'windowSize', windowSizeMs)
  if (windowSizeMs > retentionMs) {
    throw new StoreArgumentError(
      `The retention period of the window store ${name} must be no smaller than its window size. Got size=[${windowSizeMs}], retention=[${retentionMs}]`,
      { storeName: name },
    )
  }
}

/**
 * Factory of store suppliers and builders, with Kafka's `Stores` names. Durations are numbers
 * of milliseconds. Builders default to logging on and caching off (the DSL turns caching on).
 *
 * @example
 * topology.addStateStore(
 *   Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('counts'), Serdes.String(), Serdes.Long()),
 *   'counter',
 * )
 */
export const Stores = {
  /** A LevelDB key-value store supplier. @throws StoreArgumentError when `name` is empty. */
  persistentKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name)
    return new LevelDbKeyValueBytesStoreSupplier(name)
  },

  /** A LevelDB supplier for timestamped key-value stores (same engine; use with `timestampedKeyValueStoreBuilder`). */
  persistentTimestampedKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name)
    return new LevelDbKeyValueBytesStoreSupplier(name)
  },

  /** An in-memory key-value store supplier. @throws StoreArgumentError when `name` is empty. */
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name)
    return new InMemoryKeyValueBytesStoreSupplier(name)
  },

  /**
   * An in-memory key-value store keeping at most `maxCacheSize` keys, evicting the least
   * recently used (Kafka's `lruMap`); evictions are logged as deletions. A size of 0 keeps
   * nothing (every put is evicted at once), as in Kafka.
   * @throws StoreArgumentError when `name` is empty, `maxCacheSize` is negative ("maxCacheSize
   * cannot be negative", Kafka's message) or not an integer.
   */
  lruMap(name: string, maxCacheSize: number): KeyValueBytesStoreSupplier {
    checkName(name)
    if (typeof maxCacheSize === 'number' && maxCacheSize < 0) throw new StoreArgumentError('maxCacheSize cannot be negative', { storeName: name })
    if (!Number.isInteger(maxCacheSize)) {
      throw new StoreArgumentError(`maxCacheSize must be an integer, got ${String(maxCacheSize)}`, { storeName: name })
    }
    return new MemoryLruBytesStoreSupplier(name, maxCacheSize)
  },

  /**
   * A LevelDB window store supplier (segments of max(retention / 2, 60 s)).
   * @throws StoreArgumentError on an empty name, a negative duration, or windowSize > retention.
   */
  persistentWindowStore(name: string, retentionMs: number, windowSizeMs: number, retainDuplicates: boolean): WindowBytesStoreSupplier {
    checkWindow(name, retentionMs, windowSizeMs)
    return new LevelDbWindowBytesStoreSupplier(name, retentionMs, windowSizeMs, defaultSegmentInterval(retentionMs), retainDuplicates)
  },

  /** A LevelDB supplier for timestamped window stores (use with `timestampedWindowStoreBuilder`). */
  persistentTimestampedWindowStore(name: string, retentionMs: number, windowSizeMs: number, retainDuplicates: boolean): WindowBytesStoreSupplier {
    checkWindow(name, retentionMs, windowSizeMs)
    return new LevelDbWindowBytesStoreSupplier(name, retentionMs, windowSizeMs, defaultSegmentInterval(retentionMs), retainDuplicates)
  },

  /** An in-memory window store supplier. @throws StoreArgumentError as `persistentWindowStore`. */
  inMemoryWindowStore(name: string, retentionMs: number, windowSizeMs: number, retainDuplicates: boolean): WindowBytesStoreSupplier {
    checkWindow(name, retentionMs, windowSizeMs)
    return new InMemoryWindowBytesStoreSupplier(name, retentionMs, windowSizeMs, defaultSegmentInterval(retentionMs), retainDuplicates)
  },

  /** A LevelDB session store supplier. @throws StoreArgumentError on an empty name or a negative retention. */
  persistentSessionStore(name: string, retentionMs: number): SessionBytesStoreSupplier {
    checkName(name)
    checkMs(name, 'retentionPeriod', retentionMs)
    return new LevelDbSessionBytesStoreSupplier(name, retentionMs, defaultSegmentInterval(retentionMs))
  },

  /** An in-memory session store supplier. @throws StoreArgumentError as `persistentSessionStore`. */
  inMemorySessionStore(name: string, retentionMs: number): SessionBytesStoreSupplier {
    checkName(name)
    checkMs(name, 'retentionPeriod', retentionMs)
    return new InMemorySessionBytesStoreSupplier(name, retentionMs, defaultSegmentInterval(retentionMs))
  },

  /**
   * A LevelDB versioned key-value store supplier (Kafka's `persistentVersionedKeyValueStore`):
   * old versions stay queryable for `historyRetentionMs`, which is also the grace period of puts.
   * Without `segmentIntervalMs`, Kafka's default by retention (a third of it up to one minute, at
   * least 2 s; ... ; a 24th of it past one hour, at least 5 min). Do not change the segment
   * interval of a store that has data.
   * @throws StoreArgumentError on an empty name, "historyRetention cannot be negative", or
   * "segmentInterval cannot be zero or negative" (Kafka's messages).
   */
  persistentVersionedKeyValueStore(name: string, historyRetentionMs: number, segmentIntervalMs?: number): VersionedBytesStoreSupplier {
    checkName(name)
    checkMs(name, 'historyRetention', historyRetentionMs)
    if (segmentIntervalMs === undefined) {
      return new LevelDbVersionedBytesStoreSupplier(name, historyRetentionMs, defaultVersionedSegmentInterval(historyRetentionMs))
    }
    if (typeof segmentIntervalMs !== 'number' || !Number.isFinite(segmentIntervalMs)) {
      throw new StoreArgumentError(`segmentInterval must be a finite number of milliseconds, got ${String(segmentIntervalMs)}`, { storeName: name })
    }
    if (segmentIntervalMs <= 0) throw new StoreArgumentError('segmentInterval cannot be zero or negative', { storeName: name })
    return new LevelDbVersionedBytesStoreSupplier(name, historyRetentionMs, segmentIntervalMs)
  },

  /** A builder of `VersionedKeyValueStore<K, V>` (no caching: `withCachingEnabled()` throws, as in Kafka); null serdes use the configured defaults. */
  versionedKeyValueStoreBuilder<K, V>(
    supplier: VersionedBytesStoreSupplier,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
  ): VersionedKeyValueStoreBuilder<K, V> {
    return new VersionedKeyValueStoreBuilder(supplier, keySerde, valueSerde)
  },

  /** A builder of `KeyValueStore<K, V>`; null serdes use the configured defaults. */
  keyValueStoreBuilder<K, V>(supplier: KeyValueBytesStoreSupplier, keySerde: Serde<K> | null, valueSerde: Serde<V> | null): KeyValueStoreBuilder<K, V> {
    return new KeyValueStoreBuilder(supplier, keySerde, valueSerde)
  },

  /** A builder of `TimestampedKeyValueStore<K, V>` (values are `ValueAndTimestamp<V>`). */
  timestampedKeyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
  ): TimestampedKeyValueStoreBuilder<K, V> {
    return new TimestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde)
  },

  /** A builder of `WindowStore<K, V>`. */
  windowStoreBuilder<K, V>(supplier: WindowBytesStoreSupplier, keySerde: Serde<K> | null, valueSerde: Serde<V> | null): WindowStoreBuilder<K, V> {
    return new WindowStoreBuilder(supplier, keySerde, valueSerde)
  },

  /** A builder of `TimestampedWindowStore<K, V>`. */
  timestampedWindowStoreBuilder<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
  ): TimestampedWindowStoreBuilder<K, V> {
    return new TimestampedWindowStoreBuilder(supplier, keySerde, valueSerde)
  },

  /** A builder of `SessionStore<K, V>`. */
  sessionStoreBuilder<K, V>(supplier: SessionBytesStoreSupplier, keySerde: Serde<K> | null, valueSerde: Serde<V> | null): SessionStoreBuilder<K, V> {
    return new SessionStoreBuilder(supplier, keySerde, valueSerde)
  },
}
