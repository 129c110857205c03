import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { CoordinatorStorageError } from '../errors.js'
import { crc32 } from './crc32.js'

/** Frame header: payload length (u32 BE) + CRC-32 of the payload (u32 BE). */
const HEADER_BYTES = 8
/** A frame larger than this is treated as corruption, not a record. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024
/** The file inside `<dataDir>/__consumer_offsets/`. */
export const OFFSET_LOG_FILE = 'coordinator.log'

/** Options of the on-disk offsets log. */
export interface OffsetLogOptions {
  /** Rewrite the file once it is larger than this and 4x its last compacted size. Default 4 MiB (bounds load time). */
  readonly compactionMinBytes?: number
  /** fsync after every append (default false: written to the fd, surviving a process crash). */
  readonly fsync?: boolean
}

/** What loading found. */
export interface OffsetLogLoad {
  readonly payloads: Buffer[]
  /** Bytes cut from the end because the last frame was torn or corrupt. */
  readonly truncatedBytes: number
}

/**
 * An append-only file of CRC-framed records (`[len u32][crc32 u32][payload]`). On open a torn or
 * corrupt tail is truncated; `rewrite()` atomically replaces the file with a compacted snapshot.
 */
export class OffsetLog {
  readonly path: string
  private fd: number
  private sizeBytes: number
  private compactedBytes: number
  private readonly compactionMinBytes: number
  private readonly fsync: boolean

  private constructor(path: string, fd: number, sizeBytes: number, options: OffsetLogOptions) {
    this.path = path
    this.fd = fd
    this.sizeBytes = sizeBytes
    this.compactedBytes = sizeBytes
    this.compactionMinBytes = options.compactionMinBytes ?? 4 * 1024 * 1024
    this.fsync = options.fsync ?? false
  }

  /** Opens (creating) `<dir>/coordinator.log`, returning the log and every intact record payload. */
  static open(dir: string, logger: Logger, options: OffsetLogOptions = {}): { log: OffsetLog; load: OffsetLogLoad } {
    const path = join(dir, OFFSET_LOG_FILE)
    try {
      mkdirSync(dir, { recursive: true })
      const load = existsSync(path) ? readFrames(readFileSync(path)) : { payloads: [], validBytes: 0, truncatedBytes: 0 }
      if (load.truncatedBytes > 0) {
        logger.warn({ path, truncatedBytes: load.truncatedBytes }, 'Truncating a torn or corrupt tail of the offsets log')
        truncateSync(path, load.validBytes)
      }
      const fd = openSync(path, 'a')
      return { log: new OffsetLog(path, fd, load.validBytes, options), load: { payloads: load.payloads, truncatedBytes: load.truncatedBytes } }
    } catch (err) {
      throw new CoordinatorStorageError(`Cannot open the offsets log ${path}: ${String(err)}`, { cause: err })
    }
  }

  /** Bytes in the file. */
  get size(): number {
    return this.sizeBytes
  }

  /** Whether the file has grown enough since the last rewrite to be worth compacting. */
  get needsCompaction(): boolean {
    return this.sizeBytes >= this.compactionMinBytes && this.sizeBytes >= 4 * this.compactedBytes
  }

  /** Appends one record; durable in the fd when it returns. On failure the partial frame is cut off. */
  append(payload: Buffer): void {
    const frame = encodeFrame(payload)
    try {
      writeFully(this.fd, frame)
      if (this.fsync) fsyncSync(this.fd)
      this.sizeBytes += frame.length
    } catch (err) {
      try {
        ftruncateSync(this.fd, this.sizeBytes)
      } catch {
        // the original error is the one worth reporting
      }
      throw new CoordinatorStorageError(`Cannot append to the offsets log ${this.path}: ${String(err)}`, { cause: err })
    }
  }

  /** Atomically replaces the file with `payloads` (written to a temp file, fsynced, renamed). */
  rewrite(payloads: readonly Buffer[]): void {
    const tmp = `${this.path}.compact`
    try {
      const fd = openSync(tmp, 'w')
      let size = 0
      try {
        for (const p of payloads) {
          const frame = encodeFrame(p)
          writeFully(fd, frame)
          size += frame.length
        }
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(tmp, this.path)
      closeSync(this.fd)
      this.fd = openSync(this.path, 'a')
      this.sizeBytes = statSync(this.path).size
      this.compactedBytes = Math.max(size, 1)
    } catch (err) {
      throw new CoordinatorStorageError(`Cannot compact the offsets log ${this.path}: ${String(err)}`, { cause: err })
    }
  }

  close(): void {
    if (this.fd < 0) return
    try {
      if (this.fsync) fsyncSync(this.fd)
    } finally {
      closeSync(this.fd)
      this.fd = -1
    }
  }
}

function encodeFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  frame.writeUInt32BE(payload.length, 0)
  frame.writeUInt32BE(crc32(payload), 4)
  payload.copy(frame, HEADER_BYTES)
  return frame
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
}

/** Splits a file into frames, stopping at the first torn or corrupt one. */
function readFrames(bytes: Buffer): { payloads: Buffer[]; validBytes: number; truncatedBytes: number } {
  const payloads: Buffer[] = []
  let pos = 0
  while (pos + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32BE(pos)
    const end = pos + HEADER_BYTES + length
    if (length > MAX_FRAME_BYTES || end > bytes.length) break
    if (crc32(bytes, pos + HEADER_BYTES, end) !== bytes.readUInt32BE(pos + 4)) break
    payloads.push(bytes.subarray(pos + HEADER_BYTES, end))
    pos = end
  }
  return { payloads, validBytes: pos, truncatedBytes: bytes.length - pos }
}
