import { fstatSync, ftruncateSync, readFileSync, readSync, truncateSync, unlinkSync, writeSync } from 'node:fs'
import { crc32c } from '../../../wire/crc32c.js'
import { ATTR_TIMESTAMP_TYPE, ATTRIBUTES, CRC, HEADER_SIZE, LEADER_EPOCH, MAX_TIMESTAMP } from './batch-header.js'
import { type Chunk, ChunkList } from './chunk-list.js'
import { OffsetIndex } from './offset-index.js'
import type { RecordSetScan } from './record-set-validator.js'
import { SegmentFds, type SegmentPaths, segmentPaths } from './segment-files.js'
import { TimeIndex } from './time-index.js'

/** Per-append settings the partition log passes down. */
export interface SegmentAppendOptions {
  readonly leaderEpoch: number
  /** Set: stamp every batch as LogAppendTime with this max timestamp (CRC recomputed). */
  readonly logAppendTime: bigint | null
  readonly indexIntervalBytes: number
  readonly nowMs: number
  /** File mode: bytes of recently appended data kept in memory. */
  readonly cacheBytes: number
}

/**
 * One segment of a partition log: the batches with offsets `[baseOffset, nextOffset)`, stored
 * contiguously (a `.log` file, or buffers in memory mode), a sparse offset index and a time
 * index. Offsets inside the segment are kept relative (int32) in the indexes.
 */
export class Segment {
  readonly baseOffset: bigint
  /** Bytes of valid data. */
  size: number
  /** The offset after the last batch (== baseOffset when empty). */
  nextOffset: bigint
  /** Largest batch max timestamp (-1n when none). */
  maxTimestamp = -1n
  /** Last offset of the first batch that holds `maxTimestamp`. */
  offsetOfMaxTimestamp: bigint
  /** Creation time (ms), used by `segment.ms` when batches carry no timestamp. */
  readonly createdMs: number
  /** Last append (or file mtime), used as the largest timestamp when batches carry none. */
  lastModifiedMs: number
  readonly offsetIndex: OffsetIndex
  readonly timeIndex: TimeIndex
  /** Bytes appended since the last offset index entry. */
  bytesSinceLastIndexEntry = 0
  /** File paths (file mode) or null (memory mode). */
  readonly paths: SegmentPaths | null
  private readonly fds: SegmentFds | null
  private readonly chunks: ChunkList
  private firstBatchTimestamp: bigint | undefined

  private constructor(
    baseOffset: bigint,
    size: number,
    nowMs: number,
    lastModifiedMs: number,
    paths: SegmentPaths | null,
    fds: SegmentFds | null,
    offsetIndex: OffsetIndex,
    timeIndex: TimeIndex,
  ) {
    this.baseOffset = baseOffset
    this.size = size
    this.nextOffset = baseOffset
    this.offsetOfMaxTimestamp = baseOffset
    this.createdMs = nowMs
    this.lastModifiedMs = lastModifiedMs
    this.paths = paths
    this.fds = fds
    this.offsetIndex = offsetIndex
    this.timeIndex = timeIndex
    this.chunks = new ChunkList(size)
  }

  /** A new, empty segment held in memory only. */
  static inMemory(baseOffset: bigint, nowMs: number): Segment {
    return new Segment(baseOffset, 0, nowMs, nowMs, null, null, new OffsetIndex(null), new TimeIndex(null))
  }

  /**
   * A new, empty segment in `dir` (existing files of the same name are emptied). `suffix` names
   * the files `<base>.log<suffix>`... (compaction writes `.cleaned` segments before swapping them in).
   */
  static create(dir: string, baseOffset: bigint, nowMs: number, suffix = ''): Segment {
    const paths = segmentPaths(dir, baseOffset, suffix)
    const fds = SegmentFds.open(paths, true)
    return new Segment(baseOffset, 0, nowMs, nowMs, paths, fds, new OffsetIndex(paths.index), new TimeIndex(paths.timeIndex))
  }

  /**
   * Opens an existing segment's files and loads its indexes as they are on disk. The caller
   * checks them and recovers the segment when needed (`nextOffset`/`maxTimestamp` are only
   * known after that).
   */
  static open(dir: string, baseOffset: bigint, nowMs: number): Segment {
    const paths = segmentPaths(dir, baseOffset)
    const fds = SegmentFds.open(paths, false)
    const stat = fstatSync(fds.log)
    const offsetIndex = OffsetIndex.fromBytes(paths.index, readFileSync(paths.index))
    const timeIndex = TimeIndex.fromBytes(paths.timeIndex, readFileSync(paths.timeIndex))
    const segment = new Segment(baseOffset, stat.size, nowMs, stat.mtimeMs, paths, fds, offsetIndex, timeIndex)
    const last = timeIndex.last()
    if (last) {
      segment.maxTimestamp = last.timestamp
      segment.offsetOfMaxTimestamp = baseOffset + BigInt(last.rel)
    }
    return segment
  }

  /** Whether this segment lives in memory only. */
  get inMemory(): boolean {
    return this.fds === null
  }

  /** Relative form of `offset` for the indexes. */
  rel(offset: bigint): number {
    return Number(offset - this.baseOffset)
  }

  /** Largest timestamp in the segment, or its last-modified time when no batch has one (Kafka's `largestTimestamp`). */
  get largestTimestamp(): bigint {
    return this.maxTimestamp >= 0n ? this.maxTimestamp : BigInt(Math.floor(this.lastModifiedMs))
  }

  /**
   * How long this segment has waited to be rolled (Kafka's `timeWaitedForRoll`): measured in
   * record time from the first batch's max timestamp when it has one, else in wall time.
   */
  timeWaitedForRoll(nowMs: number, incomingMaxTimestamp: bigint): number {
    if (this.firstBatchTimestamp === undefined && this.size > 0) {
      this.firstBatchTimestamp = this.view(0, HEADER_SIZE).readBigInt64BE(MAX_TIMESTAMP)
    }
    const first = this.firstBatchTimestamp ?? -1n
    return first >= 0n ? Number(incomingMaxTimestamp - first) : nowMs - this.createdMs
  }

  /**
   * Bytes from position `pos`, at most `maxLen`, at least one byte when `pos < size`. Memory views
   * are zero-copy and end at a batch boundary; file reads return `min(maxLen, size - pos)` bytes.
   */
  view(pos: number, maxLen: number): Buffer {
    const cached = this.chunks.view(pos, maxLen)
    if (cached !== undefined) return cached
    if (this.fds === null || pos >= this.size) return Buffer.alloc(0)
    return this.readRaw(pos, Math.min(maxLen, this.size - pos))
  }

  /** Reads `len` bytes of the file at `pos` regardless of `size` (recovery scans past it). */
  readRaw(pos: number, len: number): Buffer {
    if (this.fds === null) return this.view(pos, len)
    const buf = Buffer.allocUnsafe(len)
    let done = 0
    while (done < len) {
      const n = readSync(this.fds.log, buf, done, len - done, pos + done)
      if (n === 0) return buf.subarray(0, done)
      done += n
    }
    return buf
  }

  /** Forgets the loaded metadata so recovery can rebuild it from `startPos` on. */
  resetForScan(startPos: number, keepOffsetEntries: number): void {
    this.size = startPos
    this.bytesSinceLastIndexEntry = 0
    this.offsetIndex.truncateTo(keepOffsetEntries)
    if (startPos === 0) {
      this.timeIndex.truncateTo(0)
      this.maxTimestamp = -1n
      this.offsetOfMaxTimestamp = this.baseOffset
      this.nextOffset = this.baseOffset
      this.firstBatchTimestamp = undefined
    }
  }

  /**
   * Appends the batches `scan` found in `src`, assigning offsets from `firstOffset` and rewriting
   * baseOffset and leader epoch in the stored copy. Index entries are only added in memory (see
   * `persistIndexes`), so they reach the files after the data they point at. On failure nothing
   * of this append remains and the fs error is rethrown.
   */
  append(src: Buffer, scan: RecordSetScan, firstOffset: bigint, opts: SegmentAppendOptions): void {
    const before = this.snapshot()
    let offset = firstOffset
    let region: Chunk | undefined
    let regionFrom = 0
    let regionTo = 0
    try {
      for (let i = 0; i < scan.count; i++) {
        const size = scan.sizes[i] as number
        const { chunk, at } = this.chunks.append(src, scan.positions[i] as number, size)
        const buf = chunk.buf
        buf.writeBigInt64BE(offset, at)
        buf.writeInt32BE(opts.leaderEpoch, at + LEADER_EPOCH)
        if (opts.logAppendTime !== null) {
          buf.writeInt16BE(buf.readInt16BE(at + ATTRIBUTES) | ATTR_TIMESTAMP_TYPE, at + ATTRIBUTES)
          buf.writeBigInt64BE(opts.logAppendTime, at + MAX_TIMESTAMP)
          buf.writeUInt32BE(crc32c(buf, at + ATTRIBUTES, at + size), at + CRC)
        }
        const last = offset + BigInt(scan.deltas[i] as number)
        this.indexBatch(last, buf.readBigInt64BE(at + MAX_TIMESTAMP), size, opts.indexIntervalBytes)
        offset = last + 1n
        if (this.fds !== null) {
          if (region === chunk && regionTo === at) regionTo = at + size
          else {
            if (region !== undefined) this.writeRegion(region, regionFrom, regionTo)
            region = chunk
            regionFrom = at
            regionTo = at + size
          }
        }
      }
      if (region !== undefined) this.writeRegion(region, regionFrom, regionTo)
    } catch (err) {
      this.restore(before)
      throw err
    }
    this.lastModifiedMs = opts.nowMs
    if (this.fds !== null) this.chunks.evict(opts.cacheBytes)
  }

  /**
   * Writes index entries added by appends to the index files. Separate from `append` because a
   * failure here must not fail an append whose data is already written (recovery rebuilds).
   */
  persistIndexes(): void {
    this.offsetIndex.persist()
    this.timeIndex.persist()
  }

  /**
   * Updates size, offsets, max timestamp and the indexes for a batch of `size` bytes ending at
   * offset `last` that was just stored at position `this.size` (appends and recovery share it).
   */
  indexBatch(last: bigint, maxTimestamp: bigint, size: number, indexIntervalBytes: number): void {
    const position = this.size
    if (position === 0) this.firstBatchTimestamp = maxTimestamp
    if (maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = maxTimestamp
      this.offsetOfMaxTimestamp = last
    }
    if (this.bytesSinceLastIndexEntry > indexIntervalBytes) {
      this.offsetIndex.append(this.rel(last), position)
      this.timeIndex.maybeAppend(this.maxTimestamp, this.rel(this.offsetOfMaxTimestamp))
      this.bytesSinceLastIndexEntry = 0
    }
    this.bytesSinceLastIndexEntry += size
    this.size = position + size
    this.nextOffset = last + 1n
  }

  /**
   * Cuts the segment to `size` bytes (recovery of a torn tail): the file, the cached bytes, and
   * index entries pointing at or past the cut. `nextOffset` and `maxTimestamp` are the caller's.
   */
  truncateTo(size: number): void {
    if (this.fds !== null) ftruncateSync(this.fds.log, size)
    this.chunks.truncate(size)
    this.size = Math.min(this.size, size)
    const keep = this.offsetIndex.firstInvalid(size)
    this.offsetIndex.truncateTo(keep)
  }

  /** Rewrites both index files from the in-memory entries (after recovery changed them). */
  rewriteIndexFiles(): void {
    if (this.paths === null) return
    truncateSync(this.paths.index, this.offsetIndex.persistedBytes)
    truncateSync(this.paths.timeIndex, this.timeIndex.persistedBytes)
    this.offsetIndex.persist()
    this.timeIndex.persist()
  }

  /**
   * The segment stops being the active one: final time index entry, then fsync in the background.
   * Never throws: index write and fsync failures go to `onError` (recovery rebuilds indexes).
   */
  becomeInactive(onError: (err: unknown) => void): void {
    if (this.size > 0) this.timeIndex.maybeAppend(this.maxTimestamp, this.rel(this.offsetOfMaxTimestamp))
    if (this.fds === null) return
    try {
      this.persistIndexes()
    } catch (err) {
      onError(err)
    }
    this.chunks.clear(this.size)
    this.fds.syncInBackground(onError)
  }

  /** fsyncs data and indexes now. */
  flush(): void {
    this.fds?.syncNow()
  }

  /** Releases the files (descriptors close once background fsyncs end); memory mode drops the data. */
  close(): void {
    this.fds?.close()
    if (this.fds === null) return
    this.chunks.clear(this.size)
  }

  /** Closes and removes the segment's files. */
  delete(): void {
    this.close()
    if (this.paths === null) return
    for (const p of [this.paths.log, this.paths.index, this.paths.timeIndex]) {
      try {
        unlinkSync(p)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
  }

  private writeRegion(chunk: Chunk, from: number, to: number): void {
    const fd = (this.fds as SegmentFds).log
    const filePos = chunk.start + from
    let done = 0
    while (from + done < to) done += writeSync(fd, chunk.buf, from + done, to - from - done, filePos + done)
  }

  private snapshot(): SegmentSnapshot {
    return {
      size: this.size,
      nextOffset: this.nextOffset,
      maxTimestamp: this.maxTimestamp,
      offsetOfMaxTimestamp: this.offsetOfMaxTimestamp,
      bytesSince: this.bytesSinceLastIndexEntry,
      firstBatchTimestamp: this.firstBatchTimestamp,
      offsetEntries: this.offsetIndex.count,
      timeEntries: this.timeIndex.count,
    }
  }

  private restore(s: SegmentSnapshot): void {
    this.chunks.truncate(s.size)
    if (this.fds !== null) {
      try {
        ftruncateSync(this.fds.log, s.size)
      } catch {
        // the write failed already; recovery on the next start will cut any leftover
      }
    }
    this.size = s.size
    this.nextOffset = s.nextOffset
    this.maxTimestamp = s.maxTimestamp
    this.offsetOfMaxTimestamp = s.offsetOfMaxTimestamp
    this.bytesSinceLastIndexEntry = s.bytesSince
    this.firstBatchTimestamp = s.firstBatchTimestamp
    this.offsetIndex.truncateTo(s.offsetEntries)
    this.timeIndex.truncateTo(s.timeEntries)
  }
}

interface SegmentSnapshot {
  readonly size: number
  readonly nextOffset: bigint
  readonly maxTimestamp: bigint
  readonly offsetOfMaxTimestamp: bigint
  readonly bytesSince: number
  readonly firstBatchTimestamp: bigint | undefined
  readonly offsetEntries: number
  readonly timeEntries: number
}
