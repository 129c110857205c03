import { engineCapabilities } from '../bytes/store-capabilities.js'
import type { SessionBytesStore, SessionBytesStoreSupplier } from '../bytes/session-bytes-store.js'
import { SessionEngine } from '../internal/session-engine.js'
import { InMemoryStorage } from './in-memory-storage.js'

/** An in-memory session engine (Kafka's `InMemorySessionStore`), segmented by session end. */
export class InMemorySessionStore extends SessionEngine {
  constructor(name: string, retentionPeriodMs: number, segmentIntervalMs: number) {
    super(name, new InMemoryStorage(), engineCapabilities({ segmented: true, prefixScan: false }), retentionPeriodMs, segmentIntervalMs)
  }
}

/** Supplies `InMemorySessionStore`s (what `Stores.inMemorySessionStore(...)` returns). */
export class InMemorySessionBytesStoreSupplier implements SessionBytesStoreSupplier {
  readonly metricsScope = 'in-memory-session'
  constructor(
    readonly name: string,
    readonly retentionPeriodMs: number,
    readonly segmentIntervalMs: number,
  ) {}
  get(): SessionBytesStore {
    return new InMemorySessionStore(this.name, this.retentionPeriodMs, this.segmentIntervalMs)
  }
}
