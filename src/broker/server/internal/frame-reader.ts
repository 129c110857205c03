import { FrameSizeError } from '../../broker-error.js'

/**
 * Reassembles int32-size-prefixed frames from socket chunks. Every byte is copied at most once:
 * a frame inside one chunk is returned as a view of it, a frame spanning chunks is copied into
 * one buffer of exactly its size (no growing concatenation, so no quadratic copying).
 */
export class FrameReader {
  private readonly chunks: Buffer[] = []
  /** Read position inside `chunks[0]`. */
  private headOffset = 0
  private buffered = 0
  private readonly maxFrameBytes: number

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes
  }

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number {
    return this.buffered
  }

  /** Adds a chunk read from the socket. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.buffered += chunk.length
  }

  /**
   * The next complete frame without its size prefix, or null when more bytes are needed.
   * @throws FrameSizeError as soon as the size prefix is negative or above the limit.
   */
  next(): Buffer | null {
    if (this.buffered < 4) return null
    const size = this.peekSize()
    if (size < 0 || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes)
    if (this.buffered < 4 + size) return null
    this.skip(4)
    return this.take(size)
  }

  /** Drops everything buffered (the connection is closing). */
  clear(): void {
    this.chunks.length = 0
    this.headOffset = 0
    this.buffered = 0
  }

  private peekSize(): number {
    const first = this.chunks[0]!
    if (first.length - this.headOffset >= 4) return first.readInt32BE(this.headOffset)
    const four = Buffer.allocUnsafe(4)
    this.copyOut(four, 4, false)
    return four.readInt32BE(0)
  }

  private skip(n: number): void {
    let left = n
    while (left > 0) {
      const first = this.chunks[0]!
      const avail = first.length - this.headOffset
      if (avail > left) {
        this.headOffset += left
        break
      }
      left -= avail
      this.chunks.shift()
      this.headOffset = 0
    }
    this.buffered -= n
  }

  private take(size: number): Buffer {
    const first = this.chunks[0]
    if (size === 0) return Buffer.alloc(0)
    if (first !== undefined && first.length - this.headOffset >= size) {
      const frame = first.subarray(this.headOffset, this.headOffset + size)
      this.skip(size)
      return frame
    }
    const frame = Buffer.allocUnsafe(size)
    this.copyOut(frame, size, true)
    return frame
  }

  /** Copies `size` bytes from the head into `target`; consumes them when `consume`. */
  private copyOut(target: Buffer, size: number, consume: boolean): void {
    let written = 0
    let index = 0
    let offset = this.headOffset
    while (written < size) {
      const chunk = this.chunks[index]!
      const n = Math.min(chunk.length - offset, size - written)
      chunk.copy(target, written, offset, offset + n)
      written += n
      if (offset + n === chunk.length) {
        index++
        offset = 0
      } else {
        offset += n
      }
    }
    if (consume) {
      this.chunks.splice(0, index)
      this.headOffset = offset
      this.buffered -= size
    }
  }
}
