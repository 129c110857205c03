import { writeAt } from './index-file.js'

/** Bytes per entry on disk: relative offset (int32) + position (int32), as Kafka's `.index`. */
export const OFFSET_INDEX_ENTRY_BYTES = 8

/**
 * The sparse offset index of one segment: entries `(lastOffset - baseOffset, position of the batch)`
 * with both columns strictly increasing. Held in memory for lookups; in file mode each entry is
 * also appended to the `.index` file (after the data it points to has been written).
 */
export class OffsetIndex {
  private rel = new Int32Array(16)
  private pos = new Int32Array(16)
  /** Number of entries. */
  count = 0
  private persisted = 0
  private readonly path: string | null

  constructor(path: string | null) {
    this.path = path
  }

  /**
   * Entries decoded from an `.index` file's bytes. A trailing partial entry is ignored; the
   * caller sanity-checks the entries (see `firstInvalid`).
   */
  static fromBytes(path: string | null, bytes: Buffer): OffsetIndex {
    const index = new OffsetIndex(path)
    const n = Math.floor(bytes.length / OFFSET_INDEX_ENTRY_BYTES)
    index.grow(n)
    for (let i = 0; i < n; i++) {
      index.rel[i] = bytes.readInt32BE(i * OFFSET_INDEX_ENTRY_BYTES)
      index.pos[i] = bytes.readInt32BE(i * OFFSET_INDEX_ENTRY_BYTES + 4)
    }
    index.count = n
    index.persisted = n
    return index
  }

  /** Relative offset of entry `i`. */
  relAt(i: number): number {
    return this.rel[i] as number
  }

  /** Position of entry `i`. */
  positionAt(i: number): number {
    return this.pos[i] as number
  }

  /**
   * Index of the first entry that breaks the invariants (strictly increasing columns, relative
   * offset ≥ 0, position < `segmentSize`), or `count` when all are sound.
   */
  firstInvalid(segmentSize: number): number {
    let prevRel = -1
    let prevPos = -1
    for (let i = 0; i < this.count; i++) {
      const r = this.rel[i] as number
      const p = this.pos[i] as number
      if (r <= prevRel || p <= prevPos || p >= segmentSize) return i
      prevRel = r
      prevPos = p
    }
    return this.count
  }

  /** Adds an entry in memory; `persist()` writes it to the file. */
  append(rel: number, position: number): void {
    if (this.count === this.rel.length) this.grow(this.count * 2)
    this.rel[this.count] = rel
    this.pos[this.count] = position
    this.count++
  }

  /** Writes entries not yet in the file (one write call). Throws the fs error. The file is opened per call:
   * index writes are rare (one entry per `index.interval.bytes`) and this keeps one descriptor per segment. */
  persist(): void {
    if (this.path === null || this.persisted === this.count) return
    const n = this.count - this.persisted
    const buf = Buffer.allocUnsafe(n * OFFSET_INDEX_ENTRY_BYTES)
    for (let i = 0; i < n; i++) {
      buf.writeInt32BE(this.rel[this.persisted + i] as number, i * OFFSET_INDEX_ENTRY_BYTES)
      buf.writeInt32BE(this.pos[this.persisted + i] as number, i * OFFSET_INDEX_ENTRY_BYTES + 4)
    }
    writeAt(this.path, buf, this.persisted * OFFSET_INDEX_ENTRY_BYTES)
    this.persisted = this.count
  }

  /** Position of the last entry whose relative offset is ≤ `rel` (0 when none). */
  lookup(rel: number): number {
    const i = this.floorIndex(rel)
    return i < 0 ? 0 : (this.pos[i] as number)
  }

  /** Index of the last entry whose relative offset is ≤ `rel`, or -1. */
  floorIndex(rel: number): number {
    let lo = 0
    let hi = this.count - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if ((this.rel[mid] as number) <= rel) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** Keeps the first `n` entries (in memory; the file is cut by `persistedBytes` callers). */
  truncateTo(n: number): void {
    if (n >= this.count) return
    this.count = n
    if (this.persisted > n) this.persisted = n
  }

  /** Size the file should have once `persist()` ran. */
  get persistedBytes(): number {
    return this.persisted * OFFSET_INDEX_ENTRY_BYTES
  }

  private grow(n: number): void {
    if (n <= this.rel.length) return
    const rel = new Int32Array(n)
    const pos = new Int32Array(n)
    rel.set(this.rel.subarray(0, this.count))
    pos.set(this.pos.subarray(0, this.count))
    this.rel = rel
    this.pos = pos
  }
}
