import type { Logger } from '../../logging/index.js'
import type { OffsetLogOptions } from './internal/offset-log.js'
import type { Scheduler } from './scheduler.js'

/**
 * How to build a `GroupCoordinator`. Names match the broker config keys (`BrokerConfig`) so the
 * broker can pass them straight through; defaults are Kafka's.
 */
export interface GroupCoordinatorOptions {
  /** Broker data dir: offsets and group metadata go to `<dataDir>/__consumer_offsets/`. Absent: in memory. */
  readonly dataDir?: string | undefined
  /** Timers and clock; default `SystemScheduler` (unref'ed setTimeout). */
  readonly scheduler?: Scheduler
  readonly logger?: Logger
  /** `group.initial.rebalance.delay.ms` (default 3000; 0 completes a first join at once). */
  readonly groupInitialRebalanceDelayMs?: number
  /** `group.min.session.timeout.ms` (default 6000). */
  readonly groupMinSessionTimeoutMs?: number
  /** `group.max.session.timeout.ms` (default 1800000). */
  readonly groupMaxSessionTimeoutMs?: number
  /** `offset.metadata.max.bytes` (default 4096): longer commit metadata gets OFFSET_METADATA_TOO_LARGE. */
  readonly offsetMetadataMaxBytes?: number
  /**
   * Whether a partition exists; commits to others get UNKNOWN_TOPIC_OR_PARTITION (Kafka checks
   * this in KafkaApis). Absent: every partition is accepted.
   */
  readonly partitionExists?: (topic: string, partition: number) => boolean
  /** Tuning of the on-disk log (compaction threshold, fsync). */
  readonly offsetsLog?: OffsetLogOptions
}
