import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { SessionBytesStore, SessionBytesStoreSupplier } from '../bytes/session-bytes-store.js'
import { SessionEngine } from '../internal/session-engine.js'
import { LevelDbStorage } from './internal/leveldb-storage.js'

/** A persistent session engine on LevelDB (Kafka's `RocksDBSessionStore`), segmented by session end. */
export class LevelDbSessionStore extends SessionEngine {
  constructor(name: string, retentionPeriodMs: number, segmentIntervalMs: number) {
    super(
      name,
      new LevelDbStorage(true),
      engineCapabilities({ persistent: true, writeBehind: true, segmented: true, prefixScan: false }),
      retentionPeriodMs,
      segmentIntervalMs,
    )
  }
}

/** Supplies `LevelDbSessionStore`s (what `Stores.persistentSessionStore(...)` returns). */
export class LevelDbSessionBytesStoreSupplier implements SessionBytesStoreSupplier {
  readonly metricsScope = 'leveldb-session-state'
  constructor(
    readonly name: string,
    readonly retentionPeriodMs: number,
    readonly segmentIntervalMs: number,
  ) {}
  get(): SessionBytesStore {
    return new LevelDbSessionStore(this.name, this.retentionPeriodMs, this.segmentIntervalMs)
  }
}
