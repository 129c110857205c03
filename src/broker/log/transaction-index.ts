import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { syncDirectory } from './internal/atomic-file.js'

/** The file, in the partition directory, that holds the partition's aborted transactions. */
export const TRANSACTION_INDEX_FILE = 'transaction.index'

/** Bytes per entry: version i16 | producerId i64 | firstOffset i64 | lastOffset i64 | lastStableOffset i64 (Kafka's `AbortedTxn`). */
const ENTRY_BYTES = 34

/** One aborted transaction on a partition (Kafka's `AbortedTxn`). */
export interface AbortedTxn {
  readonly producerId: bigint
  /** Offset of the transaction's first batch on this partition. */
  readonly firstOffset: bigint
  /** Offset of its ABORT marker. */
  readonly lastOffset: bigint
  /** The partition's LSO right after the abort: later entries never start below it (lets lookups stop early). */
  readonly lastStableOffset: bigint
}

/** An aborted transaction as a read_committed Fetch reports it. */
export interface AbortedTransactionRef {
  readonly producerId: bigint
  readonly firstOffset: bigint
}

/**
 * The aborted transactions of one partition, ordered by marker offset, kept in memory and (file
 * mode) appended to `transaction.index` as fixed 34-byte entries, like Kafka's per-segment
 * `.txnindex` but one file per partition. A missing or unreadable file is rebuilt from the log
 * by the producer state manager.
 */
export class TransactionIndex {
  private entries: AbortedTxn[] = []
  private readonly dir: string | undefined
  private fd = -1

  private constructor(dir: string | undefined) {
    this.dir = dir
  }

  /** An empty in-memory index (memory mode, or before a rebuild). */
  static inMemory(): TransactionIndex {
    return new TransactionIndex(undefined)
  }

  /**
   * Opens the index of the partition in `dir`. Returns null when the file does not exist (the
   * caller rebuilds it). A torn last entry is cut off; entries at or past `logEndOffset` (the log
   * lost its tail) are dropped.
   */
  static open(dir: string, logEndOffset: bigint): TransactionIndex | null {
    const path = join(dir, TRANSACTION_INDEX_FILE)
    if (!existsSync(path)) return null
    const bytes = readFileSync(path)
    const index = new TransactionIndex(dir)
    let dropped = bytes.length % ENTRY_BYTES !== 0
    for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
      const entry = {
        producerId: bytes.readBigInt64BE(at + 2),
        firstOffset: bytes.readBigInt64BE(at + 10),
        lastOffset: bytes.readBigInt64BE(at + 18),
        lastStableOffset: bytes.readBigInt64BE(at + 26),
      }
      const prev = index.entries[index.entries.length - 1]
      if (bytes.readInt16BE(at) !== 0 || entry.lastOffset >= logEndOffset || (prev !== undefined && entry.lastOffset <= prev.lastOffset)) {
        dropped = true
        continue
      }
      index.entries.push(entry)
    }
    if (dropped) index.rewrite(index.entries)
    else index.fd = openSync(path, 'a')
    return index
  }

  /**
   * Creates an empty index file in `dir`, replacing any existing one (a rebuild). Not fsynced: a
   * file lost in a machine crash is simply rebuilt from the log on the next open.
   */
  static create(dir: string): TransactionIndex {
    const index = new TransactionIndex(dir)
    index.fd = openSync(join(dir, TRANSACTION_INDEX_FILE), 'w', 0o644)
    closeSync(index.fd)
    index.fd = openSync(join(dir, TRANSACTION_INDEX_FILE), 'a')
    return index
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.length
  }

  /** Marker offset of the newest entry, or -1n. */
  get lastOffset(): bigint {
    return this.entries[this.entries.length - 1]?.lastOffset ?? -1n
  }

  /** Every entry, ordered by marker offset (tests, compaction). */
  all(): readonly AbortedTxn[] {
    return this.entries
  }

  /**
   * Records an aborted transaction. Entries must arrive in marker order; one at or below the
   * newest entry is a replay of something already indexed and is ignored.
   */
  append(entry: AbortedTxn): void {
    if (entry.lastOffset <= this.lastOffset) return
    this.entries.push(entry)
    if (this.fd < 0) return
    const buf = Buffer.allocUnsafe(ENTRY_BYTES)
    encodeEntry(buf, 0, entry)
    let done = 0
    while (done < ENTRY_BYTES) done += writeSync(this.fd, buf, done, ENTRY_BYTES - done)
  }

  /**
   * The aborted transactions a read_committed fetch of `[fetchOffset, upperOffset)` must report:
   * those whose marker is at or after `fetchOffset` and whose data starts before `upperOffset`,
   * sorted by first offset (Kafka's `collectAbortedTxns`).
   */
  collect(fetchOffset: bigint, upperOffset: bigint): AbortedTransactionRef[] {
    const out: AbortedTransactionRef[] = []
    const entries = this.entries
    for (let i = firstAtOrAfter(entries, fetchOffset); i < entries.length; i++) {
      const e = entries[i] as AbortedTxn
      if (e.firstOffset < upperOffset) out.push({ producerId: e.producerId, firstOffset: e.firstOffset })
      if (e.lastStableOffset >= upperOffset) break
    }
    if (out.length > 1) out.sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0))
    return out
  }

  /** Entries overlapping `[from, to)`: marker at or after `from`, data starting before `to` (compaction). */
  overlapping(from: bigint, to: bigint): AbortedTxn[] {
    const out: AbortedTxn[] = []
    for (let i = firstAtOrAfter(this.entries, from); i < this.entries.length; i++) {
      const e = this.entries[i] as AbortedTxn
      if (e.firstOffset < to) out.push(e)
    }
    return out
  }

  /** Forgets entries whose marker is below `offset` (the log start moved past them). */
  pruneBelow(offset: bigint): void {
    const keep = firstAtOrAfter(this.entries, offset)
    if (keep === 0) return
    this.rewrite(this.entries.slice(keep))
  }

  /**
   * The entries after compaction of `[from, to)`: those with markers outside the range unchanged,
   * those inside replaced by `retained` (sorted by marker offset).
   */
  replacementFor(from: bigint, to: bigint, retained: readonly AbortedTxn[]): AbortedTxn[] {
    const before = this.entries.filter((e) => e.lastOffset < from)
    const after = this.entries.filter((e) => e.lastOffset >= to)
    return [...before, ...retained, ...after]
  }

  /** Writes `entries` to `<dir>/transaction.index<suffix>` (compaction's `.cleaned` copy), fsynced. */
  writeCopy(suffix: string, entries: readonly AbortedTxn[]): void {
    if (this.dir === undefined) return
    writeEntries(join(this.dir, `${TRANSACTION_INDEX_FILE}${suffix}`), entries)
  }

  /** Adopts `entries` after the file was replaced on disk by a compaction swap (reopens it). */
  adopt(entries: readonly AbortedTxn[]): void {
    this.entries = [...entries]
    if (this.dir === undefined) return
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = openSync(join(this.dir, TRANSACTION_INDEX_FILE), 'a')
  }

  /** Closes the file. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
  }

  private rewrite(entries: readonly AbortedTxn[]): void {
    this.entries = [...entries]
    if (this.dir === undefined) return
    if (this.fd >= 0) closeSync(this.fd)
    const path = join(this.dir, TRANSACTION_INDEX_FILE)
    const tmp = `${path}.tmp`
    writeEntries(tmp, entries)
    renameSync(tmp, path)
    syncDirectory(this.dir)
    this.fd = openSync(path, 'a')
  }
}

/** Removes the index file of the partition in `dir` (forces a rebuild on the next open). */
export function deleteTransactionIndex(dir: string): void {
  try {
    unlinkSync(join(dir, TRANSACTION_INDEX_FILE))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
}

function encodeEntry(buf: Buffer, at: number, e: AbortedTxn): void {
  buf.writeInt16BE(0, at)
  buf.writeBigInt64BE(e.producerId, at + 2)
  buf.writeBigInt64BE(e.firstOffset, at + 10)
  buf.writeBigInt64BE(e.lastOffset, at + 18)
  buf.writeBigInt64BE(e.lastStableOffset, at + 26)
}

function writeEntries(path: string, entries: readonly AbortedTxn[]): void {
  const buf = Buffer.allocUnsafe(entries.length * ENTRY_BYTES)
  entries.forEach((e, i) => encodeEntry(buf, i * ENTRY_BYTES, e))
  const fd = openSync(path, 'w', 0o644)
  try {
    let done = 0
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Index of the first entry whose marker offset is ≥ `offset` (entries are sorted by it). */
function firstAtOrAfter(entries: readonly AbortedTxn[], offset: bigint): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((entries[mid] as AbortedTxn).lastOffset < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
