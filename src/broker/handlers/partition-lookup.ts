import type { PartitionLog } from '../log/partition-log.js'

/** How the data-path handlers (Produce, Fetch, ListOffsets, DeleteRecords) find a partition's log. */
export interface PartitionLookup {
  /** The log of `topic`-`partition`, or undefined when the topic or partition does not exist. */
  partitionLog(topic: string, partition: number): PartitionLog | undefined
}
