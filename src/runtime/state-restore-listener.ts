import type { TopicPartition } from './task/raw-record.js'

/**
 * Observes changelog restoration of state stores (Kafka's `StateRestoreListener`), e.g. to
 * report progress or to check where a restore started. Set it with
 * `KafkaStreams.setGlobalStateRestoreListener`. Callbacks must not throw; they run on the
 * stream thread between fetches.
 */
export interface StateRestoreListener {
  /** Restoration of `storeName` from `partition` starts at `startingOffset` and runs up to (excluding) `endingOffset`. */
  onRestoreStart?(partition: TopicPartition, storeName: string, startingOffset: number, endingOffset: number): void
  /** A batch was applied; `batchEndOffset` is the offset of its last record. */
  onBatchRestored?(partition: TopicPartition, storeName: string, batchEndOffset: number, numRestored: number): void
  /** Restoration finished; `totalRestored` records were applied. */
  onRestoreEnd?(partition: TopicPartition, storeName: string, totalRestored: number): void
}
