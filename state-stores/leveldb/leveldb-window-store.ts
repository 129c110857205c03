import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { WindowBytesStore, WindowBytesStoreSupplier } from '../bytes/window-bytes-store.js'
import { WindowEngine } from '../internal/window-engine.js'
import { LevelDbStorage } from './internal/leveldb-storage.js'

/**
 * A persistent window engine on LevelDB (Kafka's `RocksDBWindowStore`): one database per
 * store, segments as key prefixes, an expired segment dropped with one range clear.
 */
export class LevelDbWindowStore extends WindowEngine {
  constructor(name: string, retentionPeriodMs: number, windowSizeMs: number, segmentIntervalMs: number, retainDuplicates: boolean) {
    super(
      name,
      new LevelDbStorage(true),
      engineCapabilities({ persistent: true, writeBehind: true, segmented: true, prefixScan: false }),
      retentionPeriodMs,
      windowSizeMs,
      segmentIntervalMs,
      retainDuplicates,
    )
  }
}

/** Supplies `LevelDbWindowStore`s (what `Stores.persistentWindowStore(...)` returns). */
export class LevelDbWindowBytesStoreSupplier implements WindowBytesStoreSupplier {
  readonly metricsScope = 'leveldb-window-state'
  constructor(
    readonly name: string,
    readonly retentionPeriodMs: number,
    readonly windowSizeMs: number,
    readonly segmentIntervalMs: number,
    readonly retainDuplicates: boolean,
  ) {}
  get(): WindowBytesStore {
    return new LevelDbWindowStore(this.name, this.retentionPeriodMs, this.windowSizeMs, this.segmentIntervalMs, this.retainDuplicates)
  }
}
