import { rmSync } from 'node:fs'
import { type Logger, silentLogger } from '../../logging/index.js'
import { LogClosedError, LogStorageError, OffsetOutOfRangeError, toLogStorageError } from './errors.js'
import { checkAppendPolicy } from './internal/append-policy.js'
import { loadLog, writeLogStartOffset } from './internal/log-loader.js'
import { readSegments, visitBatches } from './internal/log-read.js'
import { belowLogStart, deleteRecordsTarget, type RetentionRule, retentionBytesRule, retentionMsRule } from './internal/log-retention.js'
import { RecordSetScan } from './internal/record-set-validator.js'
import { Segment } from './internal/segment.js'
import { countDeletable, searchTimestamp } from './internal/segment-search.js'
import type { AppendOptions, AppendResult, LogReadResult, PartitionLogOptions, ReadOptions, SegmentInfo } from './partition-log-types.js'
import { ProducerStateManager } from './producer-state.js'
import { defaultLogConfig, type LogConfig } from './topic-config.js'

export type { AppendOptions, AppendResult, LogReadResult, PartitionLogOptions, ReadOptions, SegmentInfo } from './partition-log-types.js'

const MAX_REL_OFFSET = 0x7fffffff

/**
 * The log of one topic-partition: append-only segments with sparse offset and time indexes,
 * kept in files (durable once `append` returns: the write syscall is done) or in memory.
 * Every method is synchronous; nothing awaits per batch. Offsets and timestamps are bigint.
 */
export class PartitionLog {
  readonly topic: string
  readonly partition: number
  /** The partition directory, or undefined in memory mode. */
  readonly dir: string | undefined
  private cfg: LogConfig
  private readonly segs: Segment[]
  private startOffset: bigint
  private readonly clock: () => number
  private readonly logger: Logger
  private readonly tailCacheBytes: number
  private readonly leaderEpoch: number
  private readonly scan = new RecordSetScan()
  /**
   * Idempotence and transactions on this partition: producer epochs/sequences, open transactions
   * (the last stable offset) and the aborted transaction index. Every append updates it.
   */
  readonly producerState: ProducerStateManager
  private unflushedRecords = 0
  private lastFlushMs: number
  private closed = false

  private constructor(options: PartitionLogOptions, segments: Segment[], logStartOffset: bigint) {
    this.topic = options.topic
    this.partition = options.partition
    this.dir = options.dir
    this.cfg = options.config ?? defaultLogConfig()
    this.segs = segments
    this.startOffset = logStartOffset
    this.clock = options.clock ?? Date.now
    this.logger = (options.logger ?? silentLogger).child({ component: 'log', topic: options.topic, partition: options.partition })
    this.tailCacheBytes = options.dir === undefined ? Number.POSITIVE_INFINITY : (options.tailCacheBytes ?? 4 * 1024 * 1024)
    this.leaderEpoch = options.leaderEpoch ?? 0
    this.lastFlushMs = this.clock()
    this.producerState = new ProducerStateManager({ topic: this.topic, partition: this.partition, dir: this.dir, logger: this.logger })
  }

  /**
   * Opens (or creates) the log. In file mode the directory is scanned, the active segment's tail
   * validated (torn or corrupt bytes truncated) and missing or damaged indexes rebuilt.
   *
   * @throws LogStorageError the directory or its files cannot be read or written
   */
  static open(options: PartitionLogOptions): PartitionLog {
    const config = options.config ?? defaultLogConfig()
    const now = (options.clock ?? Date.now)()
    if (options.dir === undefined) return new PartitionLog(options, [Segment.inMemory(0n, now)], 0n)
    try {
      const loaded = loadLog(options.dir, config.indexIntervalBytes, now, options.logger ?? silentLogger)
      const log = new PartitionLog({ ...options, config }, loaded.segments, loaded.logStartOffset)
      // Producer state (sequences, open transactions, aborted index) from its snapshot + the log after it.
      log.producerState.load(log, now)
      return log
    } catch (err) {
      throw new LogStorageError(`Cannot open the log of ${options.topic}-${options.partition} in ${options.dir}: ${String(err)}`, {
        topic: options.topic,
        partition: options.partition,
        cause: err,
      })
    }
  }

  /** The first offset still readable. */
  get logStartOffset(): bigint {
    return this.startOffset
  }

  /** The offset the next appended record gets. */
  get logEndOffset(): bigint {
    return this.active.nextOffset
  }

  /** Same as `logEndOffset` on a single node (every appended record is "replicated"). */
  get highWatermark(): bigint {
    return this.active.nextOffset
  }

  /**
   * The last stable offset: the first offset of the earliest open transaction, or the high
   * watermark when none is open. read_committed readers see only what lies below it.
   */
  get lastStableOffset(): bigint {
    const unstable = this.producerState.firstUnstableOffset
    const hw = this.highWatermark
    return unstable >= 0n && unstable < hw ? unstable : hw
  }

  /** Bytes stored over all segments. */
  get sizeBytes(): number {
    let n = 0
    for (const s of this.segs) n += s.size
    return n
  }

  /** The effective config in force. */
  get config(): LogConfig {
    return this.cfg
  }

  /** Applies a changed topic config (AlterConfigs); takes effect from the next append/maintenance. */
  updateConfig(config: LogConfig): void {
    this.cfg = config
  }

  /**
   * Appends one or more record batches (v2) exactly as received, assigning offsets from the log
   * end: only baseOffset and partitionLeaderEpoch (and, for LogAppendTime, attributes, maxTimestamp
   * and the CRC) are rewritten, in the stored copy. A trailing partial batch is ignored, as Kafka
   * does. Rolls a new segment first when `segment.bytes`/`segment.ms` say so. When it returns,
   * the data has been written to the OS (file mode).
   *
   * @throws CorruptRecordBatchError bad size, magic or CRC (CORRUPT_MESSAGE)
   * @throws InvalidRecordBatchError Kafka's batch rules broken (INVALID_RECORD)
   * @throws RecordTooLargeError above max.message.bytes / segment.bytes
   * @throws LogStorageError the write failed (nothing of the append remains)
   * @throws LogClosedError the log was closed
   */
  append(batches: Buffer, opts: AppendOptions = {}): AppendResult {
    this.ensureOpen()
    const cfg = this.cfg
    const origin = opts.origin ?? 'client'
    const ctx = { topic: this.topic, partition: this.partition }
    const scan = this.scan.scan(batches, { maxMessageBytes: cfg.maxMessageBytes, origin, verifyCrc: opts.verifyCrc ?? true, ...ctx })
    if (scan.count === 0) return { baseOffset: -1n, lastOffset: -1n, logAppendTime: -1n, recordCount: 0 }
    checkAppendPolicy(batches, scan, cfg, origin, ctx)
    const nowMs = this.clock()
    const logAppendTime = opts.logAppendTimeMs ?? (cfg.messageTimestampType === 'LogAppendTime' ? BigInt(nowMs) : null)
    const firstOffset = this.active.nextOffset
    const lastOffset = firstOffset + BigInt(scan.totalOffsets) - 1n
    this.maybeRoll(scan.totalBytes, logAppendTime ?? scan.maxTimestamp, lastOffset, nowMs)
    try {
      this.active.append(batches, scan, firstOffset, {
        leaderEpoch: this.leaderEpoch,
        logAppendTime,
        indexIntervalBytes: cfg.indexIntervalBytes,
        nowMs,
        cacheBytes: this.tailCacheBytes,
      })
    } catch (err) {
      throw this.storageError('append to', err)
    }
    try {
      this.active.persistIndexes()
    } catch (err) {
      this.logger.warn({ err }, 'Could not write index entries; they are rebuilt on the next start')
    }
    // Record producer sequences and open/close transactions (markers come with origin 'coordinator').
    this.producerState.onAppend(batches, scan.positions, scan.deltas, scan.count, firstOffset, logAppendTime ?? -1n, nowMs)
    this.unflushedRecords += scan.recordCount
    if (this.unflushedRecords >= cfg.flushMessages) this.flush()
    return { baseOffset: firstOffset, lastOffset, logAppendTime: logAppendTime ?? -1n, recordCount: scan.recordCount }
  }

  /**
   * Reads whole batches starting with the one that contains `fetchOffset`, up to `maxBytes`
   * (with `minOneBatch`, the first batch is returned even if larger), never including a batch
   * that reaches `opts.maxOffset`. Recent data is served from memory; older data with one read
   * per segment visited. `fetchOffset == logEndOffset` returns nothing.
   *
   * @throws OffsetOutOfRangeError `fetchOffset` is below `logStartOffset` or above `logEndOffset`
   */
  read(fetchOffset: bigint, maxBytes: number, opts: ReadOptions): LogReadResult {
    this.ensureOpen()
    const end = this.active.nextOffset
    if (fetchOffset < this.startOffset || fetchOffset > end) {
      throw new OffsetOutOfRangeError(
        `Received request for offset ${fetchOffset} for partition ${this.topic}-${this.partition}, but we only have log segments in the range ${this.startOffset} to ${end}.`,
        fetchOffset,
        { topic: this.topic, partition: this.partition },
      )
    }
    if (fetchOffset === end || fetchOffset >= opts.maxOffset) return { records: [], size: 0 }
    try {
      return readSegments(this.segs, fetchOffset, maxBytes, opts, this.cfg.indexIntervalBytes + 1024)
    } catch (err) {
      throw this.storageError('read from', err)
    }
  }

  /**
   * The first record whose timestamp is ≥ `timestamp` (ListOffsets by time), searching from the
   * first segment whose largest timestamp reaches it, or null when there is none (or when it is
   * at/after `opts.maxOffset`, the caller's HW or LSO).
   */
  offsetForTimestamp(timestamp: bigint, opts: { maxOffset?: bigint } = {}): { offset: bigint; timestamp: bigint } | null {
    this.ensureOpen()
    const hit = searchTimestamp(this.segs, timestamp, this.startOffset)
    return hit === null || (opts.maxOffset !== undefined && hit.offset >= opts.maxOffset) ? null : hit
  }

  /**
   * Visits every stored batch, oldest first, starting with the one that contains `fromOffset`
   * (rebuilding producer state, compaction, tools). `batch` is the whole stored batch, valid only
   * during the call; return true to stop.
   */
  forEachBatch(fromOffset: bigint, visit: (batch: Buffer, baseOffset: bigint, lastOffset: bigint) => boolean | void): void {
    this.ensureOpen()
    visitBatches(this.segs, fromOffset, visit)
  }

  /**
   * Moves the log start offset to `offset` (DeleteRecords; -1n means the high watermark) and
   * deletes the segments wholly below it. Returns the new log start offset (the low watermark).
   *
   * @throws OffsetOutOfRangeError `offset` is negative (other than -1n) or above the high watermark
   * @throws LogPolicyViolationError the topic's cleanup.policy does not include delete
   */
  deleteRecordsBefore(offset: bigint): bigint {
    this.ensureOpen()
    const target = deleteRecordsTarget(offset, this.highWatermark, this.cfg, { topic: this.topic, partition: this.partition })
    if (target > this.startOffset) {
      this.setLogStartOffset(target)
      this.deleteOldSegments(belowLogStart(this.startOffset))
    }
    return this.startOffset
  }

  /**
   * Deletes old segments as Kafka's retention does: those wholly below the log start offset, and
   * (when cleanup.policy includes delete) the oldest while the log exceeds `retention.bytes` and
   * those whose largest timestamp is older than `retention.ms`. The active segment goes too when
   * it qualifies (a new empty one is rolled first). Returns the number of segments deleted.
   */
  applyRetention(nowMs: number): number {
    this.ensureOpen()
    let deleted = this.deleteOldSegments(belowLogStart(this.startOffset))
    const bySize = retentionBytesRule(this.cfg, this.sizeBytes)
    if (bySize !== null) deleted += this.deleteOldSegments(bySize)
    const byAge = retentionMsRule(this.cfg, nowMs)
    if (byAge !== null) deleted += this.deleteOldSegments(byAge)
    return deleted
  }

  /** fsyncs if `flush.ms` has passed since the last fsync and there is unflushed data (maintenance). */
  maybeFlush(nowMs: number): void {
    if (this.unflushedRecords > 0 && nowMs - this.lastFlushMs >= this.cfg.flushMs) this.flush()
  }

  /**
   * Producer-state housekeeping (maintenance): a snapshot when the log moved since the last one
   * (bounds the replay on the next start) and expiry of producer ids idle for `producerIdExpirationMs`.
   */
  maintainProducerState(nowMs: number, producerIdExpirationMs = 86_400_000): void {
    if (this.closed) return
    this.producerState.expireProducers(nowMs, producerIdExpirationMs)
    try {
      this.producerState.maybeSnapshot(this.logEndOffset)
    } catch (err) {
      this.logger.warn({ err }, 'Could not write the producer state snapshot')
    }
  }

  /** @internal Compaction: the segments before the active one, oldest first (read-only use). */
  closedSegments(): readonly Segment[] {
    return this.segs.slice(0, -1)
  }

  /**
   * @internal Compaction: puts `cleaned` (files already swapped into place) where the contiguous
   * closed segments `old` were. Synchronous, so no read ever sees a half-swapped log.
   */
  replaceSegments(old: readonly Segment[], cleaned: Segment): void {
    const at = this.segs.indexOf(old[0] as Segment)
    if (at < 0 || old.some((seg, i) => this.segs[at + i] !== seg) || at + old.length >= this.segs.length) {
      throw new Error(`replaceSegments: not contiguous closed segments of ${this.topic}-${this.partition}`)
    }
    this.segs.splice(at, old.length, cleaned)
  }

  /** Describes the segments, oldest first. */
  segments(): SegmentInfo[] {
    return this.segs.map((s) => ({ baseOffset: s.baseOffset, nextOffset: s.nextOffset, sizeBytes: s.size, maxTimestamp: s.maxTimestamp }))
  }

  /**
   * Forces a new active segment when the current one holds data (Kafka's `roll`).
   *
   * @throws LogStorageError the new segment's files cannot be created
   */
  roll(): void {
    this.ensureOpen()
    const old = this.active
    if (old.size === 0) return
    const base = old.nextOffset
    const now = this.clock()
    try {
      const seg = this.dir === undefined ? Segment.inMemory(base, now) : Segment.create(this.dir, base, now)
      old.becomeInactive((err) => this.logger.warn({ err }, 'Background fsync of a rolled segment failed'))
      this.segs.push(seg)
    } catch (err) {
      throw this.storageError('roll', err)
    }
  }

  /** fsyncs the active segment (data and indexes). */
  flush(): void {
    if (this.closed) return
    try {
      this.active.flush()
    } catch (err) {
      throw this.storageError('flush', err)
    }
    this.unflushedRecords = 0
    this.lastFlushMs = this.clock()
  }

  /** Closes the files (a later `open` recovers only what was written). Idempotent. */
  close(): void {
    if (this.closed) return
    this.producerState.close(this.logEndOffset)
    this.closed = true
    for (const s of this.segs) {
      if (s === this.active && !s.inMemory) s.becomeInactive(() => undefined)
      s.close()
    }
  }

  /** Closes the log and removes its directory (topic deletion). */
  delete(): void {
    this.close()
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true })
  }

  private get active(): Segment {
    return this.segs[this.segs.length - 1] as Segment
  }

  private maybeRoll(messagesSize: number, maxTimestamp: bigint, lastOffset: bigint, nowMs: number): void {
    const seg = this.active
    if (seg.size === 0) return
    if (
      seg.size > this.cfg.segmentBytes - messagesSize ||
      seg.timeWaitedForRoll(nowMs, maxTimestamp) > this.cfg.segmentMs ||
      lastOffset - seg.baseOffset > BigInt(MAX_REL_OFFSET)
    ) {
      this.roll()
    }
  }

  private deleteOldSegments({ predicate, reason }: RetentionRule): number {
    const n = countDeletable(this.segs, predicate)
    if (n === 0) return 0
    if (n === this.segs.length) this.roll()
    const doomed = this.segs.splice(0, n)
    const newStart = (this.segs[0] as Segment).baseOffset
    if (newStart > this.startOffset) this.setLogStartOffset(newStart)
    for (const seg of doomed) {
      try {
        seg.delete()
      } catch (err) {
        this.logger.warn({ err, segment: seg.baseOffset.toString() }, 'Could not delete a segment file')
      }
    }
    this.logger.info({ reason, segments: n, logStartOffset: this.startOffset.toString() }, 'Deleted old segments')
    return n
  }

  private setLogStartOffset(offset: bigint): void {
    this.startOffset = offset
    this.producerState.onLogStartOffset(offset)
    if (this.dir === undefined) return
    try {
      writeLogStartOffset(this.dir, offset)
    } catch (err) {
      throw this.storageError('checkpoint the log start offset of', err)
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new LogClosedError(`The log of ${this.topic}-${this.partition} is closed`, { topic: this.topic, partition: this.partition })
  }

  private storageError(what: string, err: unknown): Error {
    return toLogStorageError(what, err, { topic: this.topic, partition: this.partition })
  }
}
