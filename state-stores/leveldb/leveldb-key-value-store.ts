import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { KeyValueBytesStore, KeyValueBytesStoreSupplier } from '../bytes/key-value-bytes-store.js'
import { KeyValueEngine } from '../internal/key-value-engine.js'
import { LevelDbStorage } from './internal/leveldb-storage.js'

/**
 * A persistent key-value engine on LevelDB (the role of Kafka's `RocksDBStore`), opened at
 * `<stateDir>/<storeName>`. Point reads use `getSync`; writes are staged in memory and
 * written with the checkpoint in one batch by `persist()`.
 */
export class LevelDbKeyValueStore extends KeyValueEngine {
  constructor(name: string) {
    super(name, new LevelDbStorage(false), engineCapabilities({ persistent: true, writeBehind: true }))
  }
}

/** Supplies `LevelDbKeyValueStore`s (what `Stores.persistentKeyValueStore(name)` returns). */
export class LevelDbKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
  readonly metricsScope = 'leveldb-state'
  constructor(readonly name: string) {}
  get(): KeyValueBytesStore {
    return new LevelDbKeyValueStore(this.name)
  }
}
