import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs'
import type { Logger } from '../../logging/index.js'

/** Frame header: payload length (u32 BE) + checksum of the payload (u32 BE). */
const HEADER_BYTES = 8

/** A checksum over `bytes[start, end)`, unsigned 32-bit. */
export type FrameChecksum = (bytes: Uint8Array, start: number, end: number) => number

/** What differs between the broker's framed logs (the coordinators' state files). */
export interface FramedAppendLogSpec {
  /** How messages name the log, e.g. `offsets log`. */
  readonly name: string
  /** The frame checksum; part of the on-disk format. */
  readonly checksum: FrameChecksum
  /** A frame declaring more payload bytes than this is corruption, not a record. */
  readonly maxFrameBytes: number
  /** `needsCompaction` holds once the file is at least this large and 4x its last compacted size. */
  readonly compactionMinBytes: number
  /** fsync after every append (otherwise a record is in the OS, surviving a process crash, when `append` returns). */
  readonly fsyncOnAppend: boolean
  /** fsync before closing. */
  readonly fsyncOnClose: boolean
  /** Wraps a file-system failure in the owner's storage error (which keeps `cause`). */
  readonly storageError: (message: string, cause: unknown) => Error
}

/** What opening found. */
export interface FramedLogLoad {
  /** Every intact record payload, oldest first. */
  readonly payloads: Buffer[]
  /** Bytes cut from the end because the last frame was torn or corrupt. */
  readonly truncatedBytes: number
}

/**
 * An append-only file of checksummed frames (`[len u32][checksum u32][payload]`), the single-node
 * stand-in for a coordinator's internal topic. On open a torn or corrupt tail is truncated;
 * `rewrite` atomically replaces the file with a compacted snapshot.
 */
export class FramedAppendLog {
  readonly path: string
  private fd: number
  private sizeBytes: number
  private compactedBytes: number
  private readonly spec: FramedAppendLogSpec

  private constructor(path: string, fd: number, sizeBytes: number, spec: FramedAppendLogSpec) {
    this.path = path
    this.fd = fd
    this.sizeBytes = sizeBytes
    this.compactedBytes = sizeBytes
    this.spec = spec
  }

  /**
   * Opens (creating `dir` and the file) the log at `path`, returning it with every intact record.
   *
   * @throws the spec's storage error when the file cannot be read, truncated or opened
   */
  static open(dir: string, path: string, logger: Logger, spec: FramedAppendLogSpec): { log: FramedAppendLog; load: FramedLogLoad } {
    try {
      mkdirSync(dir, { recursive: true })
      const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0)
      const { payloads, validBytes } = readFrames(bytes, spec)
      const truncatedBytes = bytes.length - validBytes
      if (truncatedBytes > 0) {
        logger.warn({ path, truncatedBytes }, `Truncating a torn or corrupt tail of the ${spec.name}`)
        truncateSync(path, validBytes)
      }
      return { log: new FramedAppendLog(path, openSync(path, 'a'), validBytes, spec), load: { payloads, truncatedBytes } }
    } catch (err) {
      throw spec.storageError(`Cannot open the ${spec.name} ${path}: ${String(err)}`, err)
    }
  }

  /** Bytes in the file. */
  get size(): number {
    return this.sizeBytes
  }

  /** Whether the file has grown enough since the last rewrite to be worth compacting. */
  get needsCompaction(): boolean {
    return this.sizeBytes >= this.spec.compactionMinBytes && this.sizeBytes >= 4 * this.compactedBytes
  }

  /** Appends one record. On failure the partial frame is cut off and the storage error thrown. */
  append(payload: Buffer): void {
    const frame = encodeFrame(payload, this.spec.checksum)
    try {
      writeFully(this.fd, frame)
      if (this.spec.fsyncOnAppend) fsyncSync(this.fd)
      this.sizeBytes += frame.length
    } catch (err) {
      try {
        ftruncateSync(this.fd, this.sizeBytes)
      } catch {
        // the write error is the one worth reporting
      }
      throw this.spec.storageError(`Cannot append to the ${this.spec.name} ${this.path}: ${String(err)}`, err)
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
          const frame = encodeFrame(p, this.spec.checksum)
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
      throw this.spec.storageError(`Cannot compact the ${this.spec.name} ${this.path}: ${String(err)}`, err)
    }
  }

  /** Closes the file (fsyncing first when the spec says so). Idempotent. */
  close(): void {
    if (this.fd < 0) return
    try {
      if (this.spec.fsyncOnClose) fsyncSync(this.fd)
    } finally {
      closeSync(this.fd)
      this.fd = -1
    }
  }
}

function encodeFrame(payload: Buffer, checksum: FrameChecksum): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  frame.writeUInt32BE(payload.length, 0)
  frame.writeUInt32BE(checksum(payload, 0, payload.length), 4)
  payload.copy(frame, HEADER_BYTES)
  return frame
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
}

/** Splits a file into frames, stopping at the first torn or corrupt one. */
function readFrames(bytes: Buffer, spec: FramedAppendLogSpec): { payloads: Buffer[]; validBytes: number } {
  const payloads: Buffer[] = []
  let pos = 0
  while (pos + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32BE(pos)
    const end = pos + HEADER_BYTES + length
    if (length > spec.maxFrameBytes || end > bytes.length) break
    if (spec.checksum(bytes, pos + HEADER_BYTES, end) !== bytes.readUInt32BE(pos + 4)) break
    payloads.push(bytes.subarray(pos + HEADER_BYTES, end))
    pos = end
  }
  return { payloads, validBytes: pos }
}
