import { writeAt } from './index-file.js'

/** Bytes per entry on disk: timestamp (int64) + relative offset (int32), as Kafka's `.timeindex`. */
export const TIME_INDEX_ENTRY_BYTES = 12

/**
 * The time index of one segment: entries `(max timestamp so far, relative offset of the batch
 * holding it)`, both non-decreasing, a new entry only when the timestamp grows. Used to start the
 * search of ListOffsets-by-timestamp near the answer, and its last entry gives a closed segment's
 * largest timestamp (for `retention.ms`).
 */
export class TimeIndex {
  private ts = new BigInt64Array(16)
  private rel = new Int32Array(16)
  /** Number of entries. */
  count = 0
  private persisted = 0
  private readonly path: string | null

  constructor(path: string | null) {
    this.path = path
  }

  /** Entries decoded from a `.timeindex` file's bytes (a trailing partial entry is ignored). */
  static fromBytes(path: string | null, bytes: Buffer): TimeIndex {
    const index = new TimeIndex(path)
    const n = Math.floor(bytes.length / TIME_INDEX_ENTRY_BYTES)
    index.grow(n)
    for (let i = 0; i < n; i++) {
      index.ts[i] = bytes.readBigInt64BE(i * TIME_INDEX_ENTRY_BYTES)
      index.rel[i] = bytes.readInt32BE(i * TIME_INDEX_ENTRY_BYTES + 8)
    }
    index.count = n
    index.persisted = n
    return index
  }

  /** Index of the first entry breaking the invariants (non-decreasing columns, rel ≥ 0, rel ≤ `maxRel`), or `count`. */
  firstInvalid(maxRel: number): number {
    let prevTs = -1n << 63n
    let prevRel = 0
    for (let i = 0; i < this.count; i++) {
      const t = this.ts[i] as bigint
      const r = this.rel[i] as number
      if (t < prevTs || r < prevRel || r > maxRel) return i
      prevTs = t
      prevRel = r
    }
    return this.count
  }

  /** The last entry, or undefined when empty. */
  last(): { timestamp: bigint; rel: number } | undefined {
    if (this.count === 0) return undefined
    return { timestamp: this.ts[this.count - 1] as bigint, rel: this.rel[this.count - 1] as number }
  }

  /** Adds `(timestamp, rel)` when `timestamp` is larger than the last entry's (Kafka's `maybeAppend`). */
  maybeAppend(timestamp: bigint, rel: number): void {
    if (this.count > 0 && timestamp <= (this.ts[this.count - 1] as bigint)) return
    if (this.count === this.ts.length) this.grow(this.count * 2)
    this.ts[this.count] = timestamp
    this.rel[this.count] = rel
    this.count++
  }

  /** Writes entries not yet in the file (one write call). Throws the fs error. The file is opened per call:
   * index writes are rare (one entry per `index.interval.bytes`) and this keeps one descriptor per segment. */
  persist(): void {
    if (this.path === null || this.persisted === this.count) return
    const n = this.count - this.persisted
    const buf = Buffer.allocUnsafe(n * TIME_INDEX_ENTRY_BYTES)
    for (let i = 0; i < n; i++) {
      buf.writeBigInt64BE(this.ts[this.persisted + i] as bigint, i * TIME_INDEX_ENTRY_BYTES)
      buf.writeInt32BE(this.rel[this.persisted + i] as number, i * TIME_INDEX_ENTRY_BYTES + 8)
    }
    writeAt(this.path, buf, this.persisted * TIME_INDEX_ENTRY_BYTES)
    this.persisted = this.count
  }

  /** Relative offset of the last entry whose timestamp is ≤ `timestamp`, or -1 when none. */
  lookup(timestamp: bigint): number {
    let lo = 0
    let hi = this.count - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if ((this.ts[mid] as bigint) <= timestamp) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found < 0 ? -1 : (this.rel[found] as number)
  }

  /** Keeps only the first `n` entries. */
  truncateTo(n: number): void {
    if (n >= this.count) return
    this.count = n
    if (this.persisted > n) this.persisted = n
  }

  /** Number of leading entries whose relative offset is < `rel`. */
  countBelow(rel: number): number {
    let n = 0
    while (n < this.count && (this.rel[n] as number) < rel) n++
    return n
  }

  /** Size the file should have once `persist()` ran. */
  get persistedBytes(): number {
    return this.persisted * TIME_INDEX_ENTRY_BYTES
  }

  private grow(n: number): void {
    if (n <= this.ts.length) return
    const ts = new BigInt64Array(n)
    const rel = new Int32Array(n)
    ts.set(this.ts.subarray(0, this.count))
    rel.set(this.rel.subarray(0, this.count))
    this.ts = ts
    this.rel = rel
  }
}
