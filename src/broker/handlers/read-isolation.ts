import type { PartitionLog } from '../log/partition-log.js'

/** One aborted transaction overlapping a fetch (Fetch v4+ `aborted_transactions`). */
export interface AbortedTransaction {
  readonly producerId: bigint
  readonly firstOffset: bigint
}

/**
 * What `read_committed` reads need from the transaction state: the last stable offset of a
 * partition and the aborted transactions overlapping a fetched range. Fetch and ListOffsets ask
 * through this, so the transaction coordinator plugs in without changing the handlers.
 */
export interface ReadIsolation {
  /** The last stable offset: the first offset of the earliest open transaction, else the high watermark. */
  lastStableOffset(log: PartitionLog): bigint
  /**
   * Aborted transactions whose data lies in `[fetchOffset, upperOffset)`, sorted by first offset
   * (kafkajs consumes the list front to back).
   */
  abortedTransactions(log: PartitionLog, fetchOffset: bigint, upperOffset: bigint): readonly AbortedTransaction[]
}

const NONE: readonly AbortedTransaction[] = Object.freeze([])

/** Isolation without transactions: LSO = high watermark, nothing aborted. */
export const noTransactions: ReadIsolation = Object.freeze({
  lastStableOffset: (log: PartitionLog) => log.highWatermark,
  abortedTransactions: () => NONE,
})
