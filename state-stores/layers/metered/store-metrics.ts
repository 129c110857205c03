/**
 * Operation counters a metered store keeps (a small subset of Kafka's store sensors). Mutable
 * and owned by the store; read them, do not write them.
 */
export class StoreMetrics {
  puts = 0
  gets = 0
  deletes = 0
  putIfAbsents = 0
  putAlls = 0
  /** Range, reverse range, all, prefix scans, window/session fetches. */
  ranges = 0
  flushes = 0
}
