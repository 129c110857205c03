import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from '../bytes/key-value-bytes-store.js'
import { KeyValueEngine } from '../internal/key-value-engine.js'
import { InMemoryStorage } from './in-memory-storage.js'

/**
 * An in-memory key-value engine (Kafka's `InMemoryKeyValueStore`): keys kept in byte-wise
 * order with O(log n) inserts and O(1) point reads. Not persistent: it restores its whole
 * changelog after a restart.
 */
export class InMemoryKeyValueStore extends KeyValueEngine {
  constructor(name: string) {
    super(name, new InMemoryStorage(), engineCapabilities({}))
  }
}

/** Supplies `InMemoryKeyValueStore`s (what `Stores.inMemoryKeyValueStore(name)` returns). */
export class InMemoryKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
  readonly metricsScope = 'in-memory'
  constructor(readonly name: string) {}
  get(): KeyValueBytesStore {
    return new InMemoryKeyValueStore(this.name)
  }
}
