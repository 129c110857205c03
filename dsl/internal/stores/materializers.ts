import { DslArgumentError } from '../../errors.js'
import type { MaterializedInternal } from '../materialized-internal.js'
import { StoreFactory } from '../store-factory.js'
import { createDslStoreBuilder } from './dsl-store-builders.js'

/**
 * The store of a table or aggregation (Kafka's `KeyValueStoreMaterializer`): a timestamped
 * key-value store, persistent by default, with caching and logging as materialized.
 */
export function keyValueStoreFactory<K, V>(m: MaterializedInternal<K, V>): StoreFactory {
  return new StoreFactory(m.storeName, () =>
    createDslStoreBuilder<K, V>({
      name: m.storeName,
      kind: 'timestampedKeyValue',
      storeType: m.storeType,
      storeSupplier: m.storeSupplier,
      keySerde: m.keySerde,
      valueSerde: m.valueSerde,
      cachingEnabled: m.cachingEnabled,
      loggingEnabled: m.loggingEnabled,
      logConfig: m.logConfig,
    }),
  )
}

/** Window size and grace of the windows a window store holds. */
export interface WindowSpec {
  readonly sizeMs: number
  readonly graceMs: number
  /** The aggregation emits on window close (Kafka then uses its time-ordered window store). */
  readonly emitOnWindowClose?: boolean
}

/**
 * The store of a windowed aggregation (Kafka's `WindowStoreMaterializer`): a timestamped window
 * store retaining window size + grace unless the user set a longer retention.
 * @throws DslArgumentError when the retention is shorter than window size + grace.
 */
export function windowStoreFactory<K, V>(m: MaterializedInternal<K, V>, windows: WindowSpec): StoreFactory {
  const retentionMs = m.retentionMs ?? windows.sizeMs + windows.graceMs
  if (windows.sizeMs + windows.graceMs > retentionMs) {
    throw new DslArgumentError(
      'retentionMs',
      `The retention period of the window store ${m.storeName} must be no smaller than its window size plus the grace period. Got size=[${windows.sizeMs}], grace=[${windows.graceMs}], retention=[${retentionMs}]`,
    )
  }
  // For emit-on-window-close, Kafka's default (RocksDB) store is its time-ordered window store,
  // whose range scans keep windows starting exactly `retention` before the observed stream time
  // (`getActualFrom` without the +1 of the other stores): the window that closes when stream time
  // reaches the next window (no grace) is still there to emit. The engine below clamps one ms
  // later, so it is given one ms more retention; point reads and writes never reach that window
  // (it is closed, and the processor skips closed windows before touching the store).
  const timeOrdered = windows.emitOnWindowClose === true && m.storeSupplier === undefined && m.storeType !== 'in_memory'
  return new StoreFactory(m.storeName, () =>
    createDslStoreBuilder<K, V>({
      name: m.storeName,
      kind: 'timestampedWindow',
      storeType: m.storeType,
      storeSupplier: m.storeSupplier,
      keySerde: m.keySerde,
      valueSerde: m.valueSerde,
      cachingEnabled: m.cachingEnabled,
      loggingEnabled: m.loggingEnabled,
      logConfig: m.logConfig,
      retentionMs: timeOrdered ? retentionMs + 1 : retentionMs,
      windowSizeMs: windows.sizeMs,
      retainDuplicates: false,
    }),
  )
}

/**
 * The store of a session aggregation (Kafka's `SessionStoreMaterializer`): retention defaults to
 * gap + grace. Emitting on window close, caching is off (as in Kafka) and the engine keeps
 * sessions one Kafka segment interval (retention / 2, at least 60 s) past the retention: Kafka's
 * time-ordered session store expires whole segments and its emit scan has no per-record
 * retention bound, so a session just closed (end + gap + grace passed, and so past the
 * retention) is still there to emit. The aggregation applies the user's retention to merges.
 */
export function sessionStoreFactory<K, V>(m: MaterializedInternal<K, V>, gapMs: number, graceMs: number, emitOnWindowClose = false): StoreFactory {
  const retentionMs = sessionRetentionMs(m, gapMs, graceMs)
  if (gapMs + graceMs > retentionMs) {
    throw new DslArgumentError(
      'retentionMs',
      `The retention period of the session store ${m.storeName} must be no smaller than the session inactivity gap plus the grace period. Got gap=[${gapMs}], grace=[${graceMs}], retention=[${retentionMs}]`,
    )
  }
  const timeOrdered = emitOnWindowClose && m.storeSupplier === undefined
  return new StoreFactory(m.storeName, () =>
    createDslStoreBuilder<K, V>({
      name: m.storeName,
      kind: 'session',
      storeType: m.storeType,
      storeSupplier: m.storeSupplier,
      keySerde: m.keySerde,
      valueSerde: m.valueSerde,
      cachingEnabled: m.cachingEnabled && !emitOnWindowClose,
      loggingEnabled: m.loggingEnabled,
      logConfig: m.logConfig,
      retentionMs: timeOrdered ? retentionMs + Math.max(Math.floor(retentionMs / 2), 60_000) : retentionMs,
    }),
  )
}

/** The retention of a session aggregation's store: the materialized one, or gap + grace. */
export function sessionRetentionMs<K, V>(m: MaterializedInternal<K, V>, gapMs: number, graceMs: number): number {
  return m.retentionMs ?? gapMs + graceMs
}
