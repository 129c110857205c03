/**
 * The legacy message format (magic 0 and 1), read from old producers and written for old
 * consumers. A message set is a sequence of log entries:
 *
 * LogEntry => offset:INT64 message_size:INT32 message
 * Message v0 => crc:UINT32 magic:INT8 attributes:INT8 key:BYTES value:BYTES
 * Message v1 => crc:UINT32 magic:INT8 attributes:INT8 timestamp:INT64 key:BYTES value:BYTES
 *
 * The CRC is CRC-32 (IEEE, as zlib; not the CRC-32C of v2 batches) over `magic` to the end of the
 * message. Attributes bits 0-2 are the codec; bit 3 (v1) is LogAppendTime. A compressed message
 * (a "wrapper") has a null key and, as value, the compressed message set of its inner messages
 * (inner offsets: absolute in v0, relative in v1 with the wrapper holding the last one's offset).
 */
import { gunzipSync } from 'node:zlib'
import { ErrorCode } from '../error-codes.js'
import { ProtocolError } from '../errors.js'
import { crc32 } from '../primitives/crc32.js'
import { CompressionCodec } from './batch-layout.js'

/** Bytes before a message: offset + message_size. */
export const LEGACY_LOG_OVERHEAD = 12
/** Where the magic byte sits in a log entry (also true of v2 batches: use it to tell them apart). */
export const MAGIC_OFFSET = 16
/** Smallest v0 message body: crc, magic, attributes, key length, value length. */
const MESSAGE_V0_MIN = 14
/** Attributes bit 3 (v1): the timestamp is the log append time. */
const LOG_APPEND_TIME = 0x08
/** Bound on a wrapper's decompressed size (the converted batch must still fit `max.message.bytes`). */
const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
/** Kafka's RecordBatch.NO_TIMESTAMP: what magic 0 messages carry. */
export const NO_TIMESTAMP = -1n

/** One legacy message, flattened out of its wrapper if it was compressed. */
export interface LegacyMessage {
  readonly magic: 0 | 1
  /** The offset as written (meaningless in produce requests: the broker assigns offsets). */
  readonly offset: bigint
  /** The message timestamp (v1), or -1 (v0). For a LogAppendTime wrapper, the wrapper's timestamp. */
  readonly timestamp: bigint
  readonly key: Buffer | null
  readonly value: Buffer | null
}

/** A message set that cannot be read; `errorCode` is the Kafka error a Produce answer carries. */
export class LegacyMessageSetError extends ProtocolError {
  readonly errorCode: number
  constructor(errorCode: number, message: string) {
    super('KB_ERR_PROTOCOL_LEGACY_MESSAGE_SET', message)
    this.errorCode = errorCode
  }
}

/** What {@link readLegacyMessageSet} found. */
export interface LegacyMessageSet {
  readonly messages: LegacyMessage[]
  /** The codec of the compressed wrappers (`CompressionCodec.NONE` when there were none). */
  readonly codec: number
}

/** True when the record set starts with a magic 0 or 1 message (not a v2 batch). */
export function isLegacyMessageSet(buf: Buffer): boolean {
  if (buf.length <= MAGIC_OFFSET) return false
  const magic = buf.readInt8(MAGIC_OFFSET)
  return magic === 0 || magic === 1
}

/**
 * Reads every complete message of a produced message set, checking each CRC-32 and unpacking
 * gzip wrappers (a trailing partial message is ignored, as Kafka's log input stream does).
 *
 * @throws LegacyMessageSetError CORRUPT_MESSAGE for a bad size, magic or CRC, a nested wrapper or
 *   undecompressable data; UNSUPPORTED_COMPRESSION_TYPE for snappy/lz4 wrappers; CORRUPT_MESSAGE
 *   when the set holds no complete message
 */
export function readLegacyMessageSet(buf: Buffer): LegacyMessageSet {
  const messages: LegacyMessage[] = []
  let codec: number = CompressionCodec.NONE
  forEachEntry(buf, (m) => {
    if (m.codec === CompressionCodec.NONE) {
      messages.push(m.message)
      return
    }
    codec = m.codec
    const inner = decompress(m.codec, m.message.value)
    forEachEntry(inner, (im) => {
      if (im.codec !== CompressionCodec.NONE) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, 'Compressed messages must not be nested')
      if (im.message.magic !== m.message.magic) {
        throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `inner message magic ${im.message.magic} differs from its wrapper's ${m.message.magic}`)
      }
      messages.push(m.logAppendTime ? { ...im.message, timestamp: m.message.timestamp } : im.message)
    })
  })
  if (messages.length === 0) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, 'the message set holds no complete message')
  return { messages, codec }
}

interface Entry {
  readonly message: LegacyMessage
  readonly codec: number
  readonly logAppendTime: boolean
}

function forEachEntry(buf: Buffer, visit: (entry: Entry) => void): void {
  let pos = 0
  while (buf.length - pos >= LEGACY_LOG_OVERHEAD) {
    const size = buf.readInt32BE(pos + 8)
    if (size < MESSAGE_V0_MIN) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `message size ${size} is below the minimum ${MESSAGE_V0_MIN}`)
    const start = pos + LEGACY_LOG_OVERHEAD
    const end = start + size
    if (end > buf.length) break // a trailing partial message
    visit(readMessage(buf, buf.readBigInt64BE(pos), start, end))
    pos = end
  }
}

function readMessage(buf: Buffer, offset: bigint, start: number, end: number): Entry {
  const magic = buf.readInt8(start + 4)
  if (magic !== 0 && magic !== 1) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `message magic ${magic} in a legacy message set`)
  if (magic === 1 && end - start < MESSAGE_V0_MIN + 8) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, 'message v1 too short')
  const stored = buf.readUInt32BE(start)
  const computed = crc32(buf, start + 4, end)
  if (stored !== computed) {
    throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `Message is corrupt (stored crc = ${stored}, computed crc = ${computed})`)
  }
  const attributes = buf.readInt8(start + 5)
  let pos = start + 6
  let timestamp = NO_TIMESTAMP
  if (magic === 1) {
    timestamp = buf.readBigInt64BE(pos)
    pos += 8
  }
  const key = readBytes(buf, pos, end)
  pos += 4 + (key?.length ?? 0)
  const value = readBytes(buf, pos, end)
  pos += 4 + (value?.length ?? 0)
  if (pos !== end) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `message size ${end - start} does not match its fields (${pos - start} bytes)`)
  return {
    message: { magic, offset, timestamp, key, value },
    codec: attributes & 0x07,
    logAppendTime: magic === 1 && (attributes & LOG_APPEND_TIME) !== 0,
  }
}

function readBytes(buf: Buffer, pos: number, end: number): Buffer | null {
  if (end - pos < 4) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, 'message ends inside a length field')
  const len = buf.readInt32BE(pos)
  if (len === -1) return null
  if (len < 0 || len > end - pos - 4) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `message field length ${len} is out of bounds`)
  return buf.subarray(pos + 4, pos + 4 + len)
}

function decompress(codec: number, data: Buffer | null): Buffer {
  if (data === null) throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, 'compressed message without a value')
  if (codec === CompressionCodec.GZIP) {
    try {
      return gunzipSync(data, { maxOutputLength: MAX_DECOMPRESSED_BYTES })
    } catch (e) {
      throw new LegacyMessageSetError(ErrorCode.CORRUPT_MESSAGE, `gzip decompression of a compressed message failed: ${(e as Error).message}`)
    }
  }
  const name = codec === CompressionCodec.SNAPPY ? 'snappy' : codec === CompressionCodec.LZ4 ? 'lz4' : `codec ${codec}`
  throw new LegacyMessageSetError(
    ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
    `${name}-compressed messages of the legacy format are not supported by this broker (send uncompressed or gzip)`,
  )
}

/** A message to write in the legacy format. */
export interface LegacyMessageInput {
  readonly offset: bigint
  readonly timestamp: bigint
  readonly key: Buffer | null
  readonly value: Buffer | null
}

/** Size of one log entry (offset, size and message) for `m` in format `magic`. */
export function legacyEntrySize(magic: 0 | 1, m: LegacyMessageInput): number {
  return LEGACY_LOG_OVERHEAD + MESSAGE_V0_MIN + (magic === 1 ? 8 : 0) + (m.key?.length ?? 0) + (m.value?.length ?? 0)
}

/**
 * Writes `m` as an uncompressed magic-0/1 log entry at `buf[pos]` (the caller sized `buf` with
 * {@link legacyEntrySize}); v1 messages of a LogAppendTime batch carry attribute bit 3.
 * Returns the position after the entry.
 */
export function writeLegacyEntry(buf: Buffer, pos: number, magic: 0 | 1, m: LegacyMessageInput, logAppendTime: boolean): number {
  const size = legacyEntrySize(magic, m)
  buf.writeBigInt64BE(m.offset, pos)
  buf.writeInt32BE(size - LEGACY_LOG_OVERHEAD, pos + 8)
  const crcAt = pos + LEGACY_LOG_OVERHEAD
  let p = crcAt + 4
  buf.writeInt8(magic, p++)
  buf.writeInt8(magic === 1 && logAppendTime ? LOG_APPEND_TIME : 0, p++)
  if (magic === 1) {
    buf.writeBigInt64BE(m.timestamp, p)
    p += 8
  }
  p = writeBytes(buf, p, m.key)
  p = writeBytes(buf, p, m.value)
  buf.writeUInt32BE(crc32(buf, crcAt + 4, p), crcAt)
  return p
}

function writeBytes(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) {
    buf.writeInt32BE(-1, pos)
    return pos + 4
  }
  buf.writeInt32BE(b.length, pos)
  b.copy(buf, pos + 4)
  return pos + 4 + b.length
}
