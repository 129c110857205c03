import { LogPolicyViolationError, OffsetOutOfRangeError } from '../errors.js'
import type { LogConfig } from '../topic-config.js'
import type { Segment } from './segment.js'

/** Whether a segment (with the one after it, if any) may go; see `countDeletable`. */
export type SegmentPredicate = (seg: Segment, next: Segment | undefined) => boolean

/** One reason to delete the oldest segments, as Kafka's retention names it in its logs. */
export interface RetentionRule {
  readonly reason: string
  readonly predicate: SegmentPredicate
}

/** Segments wholly below the log start offset (the next segment starts at or before it). */
export function belowLogStart(logStartOffset: bigint): RetentionRule {
  return { reason: 'log start offset', predicate: (_, next) => next !== undefined && next.baseOffset <= logStartOffset }
}

/** The oldest segments while the log exceeds `retention.bytes`, or null when that limit is off or not reached. */
export function retentionBytesRule(cfg: LogConfig, sizeBytes: number): RetentionRule | null {
  if (!cfg.deleteEnabled || cfg.retentionBytes < 0 || sizeBytes < cfg.retentionBytes) return null
  let diff = sizeBytes - cfg.retentionBytes
  return {
    reason: 'retention.bytes',
    predicate: (seg) => {
      if (diff - seg.size < 0) return false
      diff -= seg.size
      return true
    },
  }
}

/** Segments whose largest timestamp is older than `retention.ms`, or null when that limit is off. */
export function retentionMsRule(cfg: LogConfig, nowMs: number): RetentionRule | null {
  if (!cfg.deleteEnabled || cfg.retentionMs < 0) return null
  return { reason: 'retention.ms', predicate: (seg) => nowMs - Number(seg.largestTimestamp) > cfg.retentionMs }
}

/**
 * The new log start offset DeleteRecords asks for (`-1n` means the high watermark), checked as Kafka does.
 *
 * @throws LogPolicyViolationError the topic's cleanup.policy does not include delete
 * @throws OffsetOutOfRangeError the offset is negative or above the high watermark
 */
export function deleteRecordsTarget(offset: bigint, highWatermark: bigint, cfg: LogConfig, ctx: { topic: string; partition: number }): bigint {
  const tp = `${ctx.topic}-${ctx.partition}`
  if (!cfg.deleteEnabled) throw new LogPolicyViolationError(`Records of partition ${tp} can not be deleted due to the configured policy`, ctx)
  const target = offset === -1n ? highWatermark : offset
  if (target < 0n) throw new OffsetOutOfRangeError(`The offset ${target} for partition ${tp} is not valid`, target, ctx)
  if (target > highWatermark) {
    throw new OffsetOutOfRangeError(
      `Cannot increment the log start offset to ${target} of partition ${tp} since it is larger than the high watermark ${highWatermark}`,
      target,
      ctx,
    )
  }
  return target
}
