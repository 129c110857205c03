import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { crc32c } from '../../protocol/primitives/crc32c.js'
import { TransactionStorageError } from '../errors.js'

/** Frame header: payload length (u32 BE) + CRC-32C of the payload (u32 BE). */
const HEADER_BYTES = 8
const MAX_FRAME_BYTES = 64 * 1024 * 1024
/** The file inside `<dataDir>/__transaction_state/`. */
export const TRANSACTION_LOG_FILE = 'transactions.log'

/**
 * The transaction coordinator's durable state: an append-only file of CRC-framed records
 * (`[len u32][crc32c u32][payload]`), the single-node stand-in for Kafka's `__transaction_state`
 * topic. A torn or corrupt tail is cut off on open; `rewrite` atomically replaces the file with
 * a compacted copy.
 */
export class TransactionLog {
  readonly path: string
  private fd: number
  private sizeBytes: number
  private compactedBytes: number
  private readonly compactionMinBytes: number

  private constructor(path: string, fd: number, size: number, compactionMinBytes: number) {
    this.path = path
    this.fd = fd
    this.sizeBytes = size
    this.compactedBytes = size
    this.compactionMinBytes = compactionMinBytes
  }

  /** Opens (creating) the log in `dir`; returns it with every intact record payload, oldest first. */
  static open(dir: string, logger: Logger, compactionMinBytes = 1024 * 1024): { log: TransactionLog; payloads: Buffer[] } {
    const path = join(dir, TRANSACTION_LOG_FILE)
    try {
      mkdirSync(dir, { recursive: true })
      const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0)
      const payloads: Buffer[] = []
      let pos = 0
      while (pos + HEADER_BYTES <= bytes.length) {
        const length = bytes.readUInt32BE(pos)
        const end = pos + HEADER_BYTES + length
        if (length > MAX_FRAME_BYTES || end > bytes.length) break
        if (crc32c(bytes, pos + HEADER_BYTES, end) !== bytes.readUInt32BE(pos + 4)) break
        payloads.push(bytes.subarray(pos + HEADER_BYTES, end))
        pos = end
      }
      if (pos < bytes.length) {
        logger.warn({ path, truncatedBytes: bytes.length - pos }, 'Truncating a torn or corrupt tail of the transaction log')
        truncateSync(path, pos)
      }
      return { log: new TransactionLog(path, openSync(path, 'a'), pos, compactionMinBytes), payloads }
    } catch (err) {
      throw new TransactionStorageError(`Cannot open the transaction log ${path}: ${String(err)}`, { cause: err })
    }
  }

  /** Bytes in the file. */
  get size(): number {
    return this.sizeBytes
  }

  /** Whether the file grew enough since the last rewrite to be worth compacting. */
  get needsCompaction(): boolean {
    return this.sizeBytes >= this.compactionMinBytes && this.sizeBytes >= 4 * this.compactedBytes
  }

  /** Appends one record; in the OS when it returns. On failure the partial frame is cut off. */
  append(payload: Buffer): void {
    const frame = encodeFrame(payload)
    try {
      writeFully(this.fd, frame)
      this.sizeBytes += frame.length
    } catch (err) {
      try {
        ftruncateSync(this.fd, this.sizeBytes)
      } catch {
        // the write error is the one worth reporting
      }
      throw new TransactionStorageError(`Cannot append to the transaction log ${this.path}: ${String(err)}`, { cause: err })
    }
  }

  /** Atomically replaces the file with `payloads` (temp file, fsync, rename). */
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
      throw new TransactionStorageError(`Cannot compact the transaction log ${this.path}: ${String(err)}`, { cause: err })
    }
  }

  /** fsyncs and closes the file. Idempotent. */
  close(): void {
    if (this.fd < 0) return
    try {
      fsyncSync(this.fd)
    } finally {
      closeSync(this.fd)
      this.fd = -1
    }
  }
}

function encodeFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  frame.writeUInt32BE(payload.length, 0)
  frame.writeUInt32BE(crc32c(payload, 0, payload.length), 4)
  payload.copy(frame, HEADER_BYTES)
  return frame
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
}
