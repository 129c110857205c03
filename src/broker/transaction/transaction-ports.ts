/**
 * What the transaction coordinator needs from the rest of the broker: writing markers into
 * partition logs, completing consumer-group offsets, knowing which partitions exist and handing
 * out producer ids. The broker wires these to the log manager and the group coordinator.
 */

/** Writes transaction markers (control batches) into data partitions. */
export interface TransactionMarkerWriter {
  /**
   * Appends a COMMIT (`committed`) or ABORT marker of `producerId`/`producerEpoch` to the
   * partition. Returns false when the partition no longer exists (nothing to close).
   *
   * @throws Error the log could not be written (the coordinator retries later)
   */
  writeMarker(topic: string, partition: number, producerId: bigint, producerEpoch: number, committed: boolean): boolean
}

/** The group coordinator's transactional offsets (TxnOffsetCommit staged them as pending). */
export interface TransactionalOffsets {
  /** Applies (commit) or discards (abort) every pending offset of `producerId`. */
  completeTransactionalOffsets(producerId: bigint, commit: boolean): void
}

/** Hands out producer ids never used before. */
export interface ProducerIdSource {
  allocate(): bigint
}
