/** The option and result types of `PartitionLog`'s API. */
import type { Logger } from '../../logging/index.js'
import type { AppendOrigin } from './internal/record-set-validator.js'
import type { LogConfig } from './topic-config.js'

/** How to open a partition log. */
export interface PartitionLogOptions {
  readonly topic: string
  readonly partition: number
  /** Directory holding the segment files; omit for an in-memory log (same API, nothing on disk). */
  readonly dir?: string
  /** Effective topic config; Kafka's defaults when omitted. Change later with `updateConfig`. */
  readonly config?: LogConfig
  /** Wall clock in ms (segment.ms rolls, LogAppendTime, flush.ms); defaults to `Date.now`. */
  readonly clock?: () => number
  readonly logger?: Logger
  /** File mode: bytes of the newest appended data kept in memory for reads without I/O (default 4 MiB). */
  readonly tailCacheBytes?: number
  /** Written into every stored batch's partitionLeaderEpoch (default 0: a single node never changes leader). */
  readonly leaderEpoch?: number
}

/** Per-append options. */
export interface AppendOptions {
  /** Stamp the batches as LogAppendTime with this time (default: the clock, when the topic's `message.timestamp.type` is LogAppendTime). */
  readonly logAppendTimeMs?: bigint
  /** `client` (default) applies Kafka's client checks (base offset 0, no control batches...); `coordinator` is for broker-written batches such as transaction markers. */
  readonly origin?: AppendOrigin
  /** Verify each batch's CRC32C (default true); pass false only when the caller already did. */
  readonly verifyCrc?: boolean
}

/** What an append assigned. `baseOffset`/`lastOffset` are -1n when the record set held no complete batch. */
export interface AppendResult {
  readonly baseOffset: bigint
  readonly lastOffset: bigint
  /** The LogAppendTime stamped into the batches, or -1n for CreateTime. */
  readonly logAppendTime: bigint
  readonly recordCount: number
}

/** Options of a read. */
export interface ReadOptions {
  /** Return the first batch even when it is larger than `maxBytes` (Kafka's minOneMessage). */
  readonly minOneBatch: boolean
  /** Exclusive cap: no batch reaching this offset is returned (pass the high watermark or LSO). */
  readonly maxOffset: bigint
}

/** Whole batches as stored (baseOffset rewritten), ready to be sent as a Fetch `records` field. */
export interface LogReadResult {
  /** Slices of stored data; contiguous batches share one slice. Do not modify. */
  readonly records: Buffer[]
  /** Total bytes in `records`. */
  readonly size: number
}

/** A read-only description of one segment (for tests, compaction and diagnostics). */
export interface SegmentInfo {
  readonly baseOffset: bigint
  readonly nextOffset: bigint
  readonly sizeBytes: number
  readonly maxTimestamp: bigint
}
