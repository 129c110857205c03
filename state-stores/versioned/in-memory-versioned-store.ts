import { engineCapabilities } from '../bytes/store-capabilities.js'
import { InMemoryStorage } from '../in-memory/in-memory-storage.js'
import type { VersionedBytesStore, VersionedBytesStoreSupplier } from './versioned-bytes-store.js'
import { VersionedEngine } from './versioned-engine.js'

/**
 * An in-memory versioned key-value engine: the LevelDB engine's layout over in-memory segments.
 * Kafka has no in-memory versioned store and `Stores` offers none; this one serves tests (and
 * users who build a store from the supplier themselves). It restores its whole changelog after a
 * restart.
 */
export class InMemoryVersionedStore extends VersionedEngine {
  constructor(name: string, historyRetentionMs: number, segmentIntervalMs: number) {
    super(name, new InMemoryStorage(), engineCapabilities({ segmented: true, prefixScan: false }), historyRetentionMs, segmentIntervalMs)
  }
}

/** Supplies `InMemoryVersionedStore`s. */
export class InMemoryVersionedBytesStoreSupplier implements VersionedBytesStoreSupplier {
  readonly metricsScope = 'in-memory-versioned'
  constructor(
    readonly name: string,
    readonly historyRetentionMs: number,
    readonly segmentIntervalMs: number,
  ) {}
  get(): VersionedBytesStore {
    return new InMemoryVersionedStore(this.name, this.historyRetentionMs, this.segmentIntervalMs)
  }
}
