/** One buffer of the list; `[start, start + used)` are the segment positions it holds. */
export interface Chunk {
  readonly buf: Buffer
  readonly start: number
  used: number
  /** No more bytes may be appended (its tail was truncated and may have been handed out). */
  sealed: boolean
}

const INITIAL_CHUNK_BYTES = 64 * 1024
const MAX_CHUNK_BYTES = 1024 * 1024

/**
 * The in-memory bytes of a segment: the whole segment in memory mode, or the recently appended
 * tail in file mode (so consumers that keep up are served without a syscall). Batches are copied
 * in whole and never straddle two chunks, so every view starting at a batch boundary holds whole
 * batches. Bytes once appended are never overwritten: slices handed to readers stay valid.
 */
export class ChunkList {
  private chunks: Chunk[] = []
  private capacity = 0
  private nextChunkBytes = INITIAL_CHUNK_BYTES
  /** Segment position of the first byte held (== `endPos` when empty). */
  startPos: number
  /** Segment position after the last byte held. */
  endPos: number

  constructor(startPos: number) {
    this.startPos = startPos
    this.endPos = startPos
  }

  /** Bytes of buffer memory held (capacity, not just used bytes). */
  get heldBytes(): number {
    return this.capacity
  }

  /**
   * Copies `src[from, from + len)` to the end; returns the chunk and the offset inside its buffer
   * where the copy starts (so the caller can rewrite header fields in the copy).
   */
  append(src: Buffer, from: number, len: number): { chunk: Chunk; at: number } {
    let chunk = this.chunks[this.chunks.length - 1]
    if (chunk === undefined || chunk.sealed || chunk.buf.length - chunk.used < len) {
      const size = Math.max(this.nextChunkBytes, len)
      this.nextChunkBytes = Math.min(MAX_CHUNK_BYTES, this.nextChunkBytes * 2)
      chunk = { buf: Buffer.allocUnsafe(size), start: this.endPos, used: 0, sealed: false }
      this.chunks.push(chunk)
      this.capacity += size
    }
    const at = chunk.used
    src.copy(chunk.buf, at, from, from + len)
    chunk.used += len
    this.endPos += len
    return { chunk, at }
  }

  /**
   * The bytes from segment position `pos` up to `maxLen` long, ending at the end of the chunk
   * holding `pos`. `undefined` when `pos` is not held.
   */
  view(pos: number, maxLen: number): Buffer | undefined {
    if (pos < this.startPos || pos >= this.endPos) return undefined
    const chunk = this.find(pos)
    const at = pos - chunk.start
    const end = Math.min(chunk.used, at + maxLen)
    return chunk.buf.subarray(at, end)
  }

  /** Drops the oldest chunks while more than `maxBytes` are held (always keeps the newest). */
  evict(maxBytes: number): void {
    let drop = 0
    while (this.capacity > maxBytes && drop < this.chunks.length - 1) {
      this.capacity -= (this.chunks[drop] as Chunk).buf.length
      drop++
    }
    if (drop > 0) {
      this.chunks = this.chunks.slice(drop)
      this.startPos = (this.chunks[0] as Chunk).start
    }
  }

  /** Forgets everything at and after segment position `pos`; later appends start a new chunk. */
  truncate(pos: number): void {
    if (pos >= this.endPos) return
    if (pos <= this.startPos) {
      this.clear(pos)
      return
    }
    while (this.chunks.length > 0) {
      const last = this.chunks[this.chunks.length - 1] as Chunk
      if (last.start < pos) {
        last.used = pos - last.start
        last.sealed = true
        break
      }
      this.capacity -= last.buf.length
      this.chunks.pop()
    }
    this.endPos = pos
  }

  /** Drops every chunk; the list then starts (empty) at `pos`. */
  clear(pos: number): void {
    this.chunks = []
    this.capacity = 0
    this.startPos = pos
    this.endPos = pos
  }

  private find(pos: number): Chunk {
    const chunks = this.chunks
    let lo = 0
    let hi = chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if ((chunks[mid] as Chunk).start <= pos) lo = mid
      else hi = mid - 1
    }
    return chunks[lo] as Chunk
  }
}
