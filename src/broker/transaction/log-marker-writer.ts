import { LogClosedError } from '../log/errors.js'
import type { PartitionLog } from '../log/partition-log.js'
import { buildEndTxnMarker } from '../protocol/records/end-txn-marker.js'
import type { TransactionMarkerWriter } from './transaction-ports.js'

/** Where markers go: the partition logs, and who to tell about the append (parked fetches). */
export interface MarkerTargets {
  partitionLog(topic: string, partition: number): PartitionLog | undefined
  /** Called after a marker was appended (wakes fetches waiting on the partition: its LSO moved). */
  onAppend?(topic: string, partition: number, bytes: number): void
}

/**
 * Writes COMMIT/ABORT control batches (Kafka's `MemoryRecords.writeEndTransactionalMarker`: one
 * record, one offset, broker time, coordinator epoch 0) straight into the partition logs with
 * origin `coordinator`. The log's producer state then closes the transaction on the partition.
 */
export class LogMarkerWriter implements TransactionMarkerWriter {
  private readonly targets: MarkerTargets
  private readonly clock: () => number

  constructor(targets: MarkerTargets, clock: () => number = Date.now) {
    this.targets = targets
    this.clock = clock
  }

  writeMarker(topic: string, partition: number, producerId: bigint, producerEpoch: number, committed: boolean): boolean {
    const log = this.targets.partitionLog(topic, partition)
    if (log === undefined) return false
    const marker = buildEndTxnMarker({ producerId, producerEpoch, committed, timestamp: BigInt(this.clock()) })
    try {
      log.append(marker, { origin: 'coordinator', verifyCrc: false })
    } catch (err) {
      if (err instanceof LogClosedError) return false // the topic was deleted meanwhile
      throw err
    }
    this.targets.onAppend?.(topic, partition, marker.length)
    return true
  }
}
