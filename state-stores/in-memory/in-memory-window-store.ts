import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { WindowBytesStore, WindowBytesStoreSupplier } from '../bytes/window-bytes-store.js'
import { WindowEngine } from '../internal/window-engine.js'
import { InMemoryStorage } from './in-memory-storage.js'

/**
 * An in-memory window engine (Kafka's `InMemoryWindowStore`), segmented by window start so
 * that retention drops whole segments.
 */
export class InMemoryWindowStore extends WindowEngine {
  constructor(name: string, retentionPeriodMs: number, windowSizeMs: number, segmentIntervalMs: number, retainDuplicates: boolean) {
    super(
      name,
      new InMemoryStorage(),
      engineCapabilities({ segmented: true, prefixScan: false }),
      retentionPeriodMs,
      windowSizeMs,
      segmentIntervalMs,
      retainDuplicates,
    )
  }
}

/** Supplies `InMemoryWindowStore`s (what `Stores.inMemoryWindowStore(...)` returns). */
export class InMemoryWindowBytesStoreSupplier implements WindowBytesStoreSupplier {
  readonly metricsScope = 'in-memory-window'
  constructor(
    readonly name: string,
    readonly retentionPeriodMs: number,
    readonly windowSizeMs: number,
    readonly segmentIntervalMs: number,
    readonly retainDuplicates: boolean,
  ) {}
  get(): WindowBytesStore {
    return new InMemoryWindowStore(this.name, this.retentionPeriodMs, this.windowSizeMs, this.segmentIntervalMs, this.retainDuplicates)
  }
}
