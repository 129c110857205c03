import type { LogReadResult, PartitionLog } from '../log/partition-log.js'

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
  /**
   * Optional: the whole read_committed read of one partition (data below the LSO, the LSO and the
   * aborted transactions of exactly the returned range), free to shape the read, e.g. not to end
   * it between an aborted transaction's data and its ABORT marker. Fetch uses it when present.
   */
  readCommitted?(log: PartitionLog, fetchOffset: bigint, maxBytes: number, minOneBatch: boolean): CommittedRead
}

/** The outcome of {@link ReadIsolation.readCommitted}. */
export interface CommittedRead {
  readonly read: LogReadResult
  readonly lastStableOffset: bigint
  readonly abortedTransactions: readonly AbortedTransaction[]
}

const NONE: readonly AbortedTransaction[] = Object.freeze([])

/** Isolation without transactions: LSO = high watermark, nothing aborted. */
export const noTransactions: ReadIsolation = Object.freeze({
  lastStableOffset: (log: PartitionLog) => log.highWatermark,
  abortedTransactions: () => NONE,
})
