import { type Logger, silentLogger } from '../../../logging/index.js'
import { ATTR_CONTROL, ATTR_TRANSACTIONAL, ATTRIBUTES, LAST_OFFSET_DELTA, LEADER_EPOCH, PRODUCER_ID } from '../internal/batch-header.js'
import { forEachBatch } from '../internal/batch-reader.js'
import { RecordSetScan } from '../internal/record-set-validator.js'
import { Segment } from '../internal/segment.js'
import type { PartitionLog } from '../partition-log.js'
import type { AbortedTxn } from '../transaction-index.js'
import { controlTypeOf, filterBatch, type OffsetMap } from './batch-filter.js'
import { type CleanerCheckpoint, readCleanerCheckpoint, writeCleanerCheckpoint } from './cleaner-checkpoint.js'
import { CleanedTransactions } from './cleaned-transactions.js'
import { scanRecords } from './record-scan.js'
import { CLEANED_SUFFIX, swapInCleaned } from './segment-swap.js'

const INT32_MAX = 0x7fffffff
/** Largest run of kept batches written with one append. */
const RUN_BYTES = 8 * 1024 * 1024

/** How to build a cleaner. */
export interface LogCleanerOptions {
  readonly logger?: Logger
  /** Distinct keys one pass indexes (Kafka's dedupe buffer); the rest of the dirty section waits for the next pass. Default 2,000,000. */
  readonly maxKeysPerPass?: number
}

/** What one cleaning pass did. */
export interface CleanResult {
  readonly segmentsBefore: number
  readonly segmentsAfter: number
  readonly bytesBefore: number
  readonly bytesAfter: number
  /** Where the next pass's dirty section starts. */
  readonly firstDirtyOffset: bigint
}

/**
 * Log compaction for `cleanup.policy=compact` (Kafka's `LogCleaner`), run from maintenance. A pass
 * is due when the dirty share of the cleanable bytes reaches `min.cleanable.dirty.ratio`, when a
 * kept tombstone's or marker's delete horizon has passed, or when `max.compaction.lag.ms` is
 * exceeded. The cleanable range is the closed segments below the last stable offset and outside
 * `min.compaction.lag.ms`. A pass indexes the latest offset of every key in the dirty section,
 * then rewrites the cleanable segments in groups of up to `segment.bytes` (see `filterBatch`) and
 * swaps each group's cleaned segment in atomically (`swapInCleaned`). Synchronous: it runs
 * between requests, so reads never see a half-cleaned log.
 */
export class LogCleaner {
  private readonly logger: Logger
  private readonly maxKeys: number
  /** Checkpoints by log (file mode: also in the partition directory, read once). */
  private readonly checkpoints = new WeakMap<PartitionLog, CleanerCheckpoint>()
  private readonly scan = new RecordSetScan()

  constructor(options: LogCleanerOptions = {}) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'log-cleaner' })
    this.maxKeys = options.maxKeysPerPass ?? 2_000_000
  }

  /** Cleans `log` if a pass is due (see the class doc); returns what it did, or null. */
  maybeClean(log: PartitionLog, nowMs: number): CleanResult | null {
    return this.run(log, nowMs, false)
  }

  /** Cleans whatever is cleanable now, whatever the dirty ratio (tools, tests). */
  clean(log: PartitionLog, nowMs: number): CleanResult | null {
    return this.run(log, nowMs, true)
  }

  /** The checkpoint of `log` (where the dirty section starts), if a pass ran. */
  checkpoint(log: PartitionLog): CleanerCheckpoint | null {
    const cached = this.checkpoints.get(log)
    if (cached !== undefined || log.dir === undefined) return cached ?? null
    const stored = readCleanerCheckpoint(log.dir)
    if (stored !== null) this.checkpoints.set(log, stored)
    return stored
  }

  private run(log: PartitionLog, nowMs: number, force: boolean): CleanResult | null {
    const cfg = log.config
    if (!cfg.compactEnabled) return null
    const closed = log.closedSegments()
    let uncleanable = log.lastStableOffset
    if (cfg.minCompactionLagMs > 0) {
      const young = closed.find((seg) => Number(seg.largestTimestamp) > nowMs - cfg.minCompactionLagMs)
      if (young !== undefined && young.baseOffset < uncleanable) uncleanable = young.baseOffset
    }
    const cleanable = closed.filter((seg) => seg.nextOffset <= uncleanable)
    const first = cleanable[0]
    const lastSeg = cleanable[cleanable.length - 1]
    if (first === undefined || lastSeg === undefined) return null
    const end = lastSeg.nextOffset
    const cp = this.checkpoint(log)
    let firstDirty = cp === null || cp.firstDirtyOffset > log.logEndOffset ? first.baseOffset : cp.firstDirtyOffset
    if (firstDirty < first.baseOffset) firstDirty = first.baseOffset
    if (firstDirty > end) firstDirty = end
    let dirtyBytes = 0
    let cleanBytes = 0
    for (const seg of cleanable) {
      if (seg.nextOffset > firstDirty) dirtyBytes += seg.size
      else cleanBytes += seg.size
    }
    const ratio = dirtyBytes === 0 ? 0 : dirtyBytes / (dirtyBytes + cleanBytes)
    const firstDirtySeg = cleanable.find((seg) => seg.nextOffset > firstDirty)
    const due =
      force ||
      (dirtyBytes > 0 && ratio >= cfg.minCleanableDirtyRatio) ||
      (cp !== null && cp.deleteHorizonMs >= 0 && nowMs >= cp.deleteHorizonMs) ||
      (firstDirtySeg !== undefined && nowMs - Number(firstDirtySeg.largestTimestamp) > cfg.maxCompactionLagMs)
    if (!due) return null
    return this.cleanRange(log, cleanable, firstDirty, end, nowMs)
  }

  private cleanRange(log: PartitionLog, cleanable: readonly Segment[], firstDirty: bigint, end: bigint, nowMs: number): CleanResult {
    const index = log.producerState.transactionIndex
    const map = this.buildOffsetMap(cleanable, firstDirty, end, index.overlapping(firstDirty, end))
    const start = (cleanable[0] as Segment).baseOffset
    const toClean = cleanable.filter((seg) => seg.baseOffset <= map.latestOffset)
    const txns = new CleanedTransactions(index.overlapping(start, map.latestOffset + 1n))
    const cfg = log.config
    const ctx = { map, nowMs, deleteRetentionMs: cfg.deleteRetentionMs, txns }
    let horizon = -1
    let bytesBefore = 0
    let bytesAfter = 0
    if (log.dir !== undefined) log.producerState.takeSnapshot(log.logEndOffset) // producer state must not depend on removed batches
    let groups = 0
    for (let i = 0; i < toClean.length; ) {
      // A group grows while its cleaned bytes plus the next segment's bytes stay within segment.bytes
      // (cleaning never grows a segment), so small cleaned segments merge on the first pass.
      const groupBase = (toClean[i] as Segment).baseOffset
      const group: Segment[] = []
      const out = log.dir === undefined ? Segment.inMemory(groupBase, nowMs) : Segment.create(log.dir, groupBase, nowMs, CLEANED_SUFFIX)
      const writer = new RunWriter(out, this.scan, log, cfg.indexIntervalBytes, nowMs)
      try {
        do {
          const seg = toClean[i++] as Segment
          group.push(seg)
          bytesBefore += seg.size
          forEachBatch(seg, 0, (buf, at, size) => {
            const filtered = filterBatch(buf.subarray(at, at + size), ctx)
            if (filtered.deleteHorizonMs >= 0 && (horizon < 0 || filtered.deleteHorizonMs < horizon)) horizon = filtered.deleteHorizonMs
            if (filtered.bytes !== null) writer.add(filtered.bytes)
            return false
          })
          writer.flush()
        } while (i < toClean.length && fitsGroup(out.size, toClean[i] as Segment, groupBase, cfg.segmentBytes))
        out.becomeInactive((err) => this.logger.warn({ err }, 'Background fsync of a cleaned segment failed'))
        out.flush()
      } catch (err) {
        out.delete()
        throw err
      }
      bytesAfter += out.size
      groups++
      const groupNext = (group[group.length - 1] as Segment).nextOffset
      const entries = index.replacementFor(groupBase, groupNext, txns.retained.splice(0))
      let cleaned = out
      if (log.dir !== undefined) {
        out.close()
        index.writeCopy(CLEANED_SUFFIX, entries)
        swapInCleaned(log.dir, groupBase, group, true)
        cleaned = Segment.open(log.dir, groupBase, nowMs)
      }
      cleaned.nextOffset = groupNext
      index.adopt(entries)
      log.replaceSegments(group, cleaned)
    }
    const checkpoint: CleanerCheckpoint = { firstDirtyOffset: map.latestOffset + 1n, deleteHorizonMs: horizon }
    if (log.dir !== undefined) writeCleanerCheckpoint(log.dir, checkpoint)
    this.checkpoints.set(log, checkpoint)
    this.logger.info(
      { topic: log.topic, partition: log.partition, segments: toClean.length, bytesBefore, bytesAfter, keys: map.offsets.size },
      'Cleaned log',
    )
    return {
      segmentsBefore: toClean.length,
      segmentsAfter: groups,
      bytesBefore,
      bytesAfter,
      firstDirtyOffset: checkpoint.firstDirtyOffset,
    }
  }

  /**
   * The latest offset of every key in `[firstDirty, end)` (Kafka's `buildOffsetMap`), skipping
   * aborted transactional data, stopping early at `maxKeysPerPass` distinct keys.
   */
  private buildOffsetMap(segments: readonly Segment[], firstDirty: bigint, end: bigint, aborted: readonly AbortedTxn[]): OffsetMap {
    const offsets = new Map<string, bigint>()
    const txns = new CleanedTransactions(aborted)
    let latestOffset = firstDirty - 1n
    let full = false
    for (const seg of segments) {
      if (full || seg.baseOffset >= end) break
      if (seg.nextOffset <= firstDirty) continue
      forEachBatch(seg, 0, (buf, at, size) => {
        const base = buf.readBigInt64BE(at)
        const last = base + BigInt(buf.readInt32BE(at + LAST_OFFSET_DELTA))
        if (last < firstDirty) return false
        if (base >= end || offsets.size >= this.maxKeys) return (full = true)
        const attrs = buf.readInt16BE(at + ATTRIBUTES)
        const pid = buf.readBigInt64BE(at + PRODUCER_ID)
        if ((attrs & ATTR_CONTROL) !== 0) txns.onControlBatch(pid, controlTypeOf(buf.subarray(at, at + size)), last)
        else if (!txns.onDataBatch(pid, (attrs & ATTR_TRANSACTIONAL) !== 0, last)) {
          scanRecords(buf, at, size, (delta, data, keyStart, keyEnd) => {
            if (keyStart >= 0) offsets.set(data.toString('latin1', keyStart, keyEnd), base + BigInt(delta))
          })
        }
        latestOffset = last
        return false
      })
    }
    return { offsets, latestOffset }
  }
}

/** Whether `next` may join a group whose cleaned segment holds `cleanedBytes`: within `segment.bytes` and an int32 offset span. */
function fitsGroup(cleanedBytes: number, next: Segment, groupBase: bigint, maxBytes: number): boolean {
  return cleanedBytes + next.size <= maxBytes && next.nextOffset - 1n - groupBase <= BigInt(INT32_MAX)
}

/** Appends kept batches to the cleaned segment, contiguous ones (offsets without gaps) in one write. */
class RunWriter {
  private run: Buffer[] = []
  private runBytes = 0
  private runStart = -1n
  private runNext = -1n

  constructor(
    private readonly out: Segment,
    private readonly scan: RecordSetScan,
    private readonly log: PartitionLog,
    private readonly indexIntervalBytes: number,
    private readonly nowMs: number,
  ) {}

  add(batch: Buffer): void {
    const base = batch.readBigInt64BE(0)
    if (this.run.length > 0 && (base !== this.runNext || this.runBytes >= RUN_BYTES)) this.flush()
    if (this.run.length === 0) this.runStart = base
    this.run.push(batch)
    this.runBytes += batch.length
    this.runNext = base + BigInt(batch.readInt32BE(LAST_OFFSET_DELTA)) + 1n
  }

  flush(): void {
    if (this.run.length === 0) return
    const bytes = this.run.length === 1 ? (this.run[0] as Buffer) : Buffer.concat(this.run, this.runBytes)
    const scan = this.scan.scan(bytes, {
      maxMessageBytes: Number.MAX_SAFE_INTEGER,
      origin: 'coordinator',
      verifyCrc: false,
      topic: this.log.topic,
      partition: this.log.partition,
    })
    this.out.append(bytes, scan, this.runStart, {
      leaderEpoch: bytes.readInt32BE(LEADER_EPOCH),
      logAppendTime: null,
      indexIntervalBytes: this.indexIntervalBytes,
      nowMs: this.nowMs,
      cacheBytes: 0,
    })
    this.run = []
    this.runBytes = 0
  }
}
