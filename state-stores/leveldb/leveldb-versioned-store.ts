import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { VersionedBytesStore, VersionedBytesStoreSupplier } from '../versioned/versioned-bytes-store.js'
import { VersionedEngine } from '../versioned/versioned-engine.js'
import { LevelDbStorage } from './internal/leveldb-storage.js'

/**
 * A persistent versioned key-value engine on LevelDB (the role of Kafka's `RocksDBVersionedStore`),
 * opened at `<stateDir>/<storeName>`: latest values and history segments in one database, written
 * with the checkpoint and observed stream time in one batch by `persist()`.
 */
export class LevelDbVersionedStore extends VersionedEngine {
  constructor(name: string, historyRetentionMs: number, segmentIntervalMs: number) {
    super(
      name,
      new LevelDbStorage(true),
      engineCapabilities({ persistent: true, writeBehind: true, segmented: true, prefixScan: false }),
      historyRetentionMs,
      segmentIntervalMs,
    )
  }
}

/** Supplies `LevelDbVersionedStore`s (what `Stores.persistentVersionedKeyValueStore` returns). */
export class LevelDbVersionedBytesStoreSupplier implements VersionedBytesStoreSupplier {
  readonly metricsScope = 'leveldb-versioned'
  constructor(
    readonly name: string,
    readonly historyRetentionMs: number,
    readonly segmentIntervalMs: number,
  ) {}
  get(): VersionedBytesStore {
    return new LevelDbVersionedStore(this.name, this.historyRetentionMs, this.segmentIntervalMs)
  }
}
