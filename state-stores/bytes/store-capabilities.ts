/**
 * What a store (an engine or a layer stack) can do, declared as data so that callers never
 * need `instanceof` checks (the abstract-level manifest pattern).
 */
export interface StoreCapabilities {
  /** Data survives a restart (LevelDB); false for in-memory engines. */
  readonly persistent: boolean
  /** `reverseRange`/`reverseAll` (and backward window/session fetches) are supported. */
  readonly reverseRange: boolean
  /** `prefixScan` is supported (key-value stores). */
  readonly prefixScan: boolean
  /** Writes are staged in memory and made durable only by `persist()` (write-behind). */
  readonly writeBehind: boolean
  /** Data is kept in time segments that retention drops whole (window and session stores). */
  readonly segmented: boolean
  /** A caching layer sits in the stack (it emits through a flush listener). */
  readonly caching: boolean
  /** A change-logging layer sits in the stack. */
  readonly logging: boolean
  /** Values carry the timestamp of their last update (`ValueAndTimestamp`). */
  readonly timestamped: boolean
  /** The engine evicts entries by itself (an LRU map), so logging must record evictions. */
  readonly evicts: boolean
}

/** Capabilities of a bare engine before any layer is added. */
export function engineCapabilities(
  overrides: Partial<Pick<StoreCapabilities, 'persistent' | 'writeBehind' | 'segmented' | 'evicts' | 'prefixScan'>>,
): StoreCapabilities {
  return {
    persistent: false,
    reverseRange: true,
    prefixScan: true,
    writeBehind: false,
    segmented: false,
    caching: false,
    logging: false,
    timestamped: false,
    evicts: false,
    ...overrides,
  }
}
