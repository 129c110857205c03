import { ProtocolEncodeError } from '../errors.js'

/** Buffers at least this large are referenced, not copied, by {@link Writer.buffer}-style writes. */
export const ZERO_COPY_THRESHOLD = 4096

const EMPTY = Buffer.alloc(0)

/**
 * A growable output buffer writing Kafka wire primitives. It writes into a chunk and, when the
 * chunk is full, seals it and starts a new one (no copying of what was written). Large byte
 * payloads (record sets; at least {@link ZERO_COPY_THRESHOLD} bytes) are appended by reference,
 * so {@link Writer.toChunks} can hand them to `socket.writev`/`cork` without a copy.
 *
 * Buffers passed in are referenced until the writer's output is consumed: don't mutate them.
 */
export class Writer {
  private chunks: Buffer[] = []
  private buf: Buffer
  private start = 0
  private pos = 0
  private sealed = 0

  /** @param initialSize - size of the first chunk (default 1024 bytes) */
  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize)
  }

  /** Total bytes written so far. */
  get length(): number {
    return this.sealed + (this.pos - this.start)
  }

  /** The output as a list of buffers (views; no copy). The writer must not be used afterwards. */
  toChunks(): Buffer[] {
    this.seal()
    return this.chunks
  }

  /** The output as one contiguous Buffer (copies only if there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.toChunks()
    if (chunks.length === 1) return chunks[0] as Buffer
    if (chunks.length === 0) return EMPTY
    return Buffer.concat(chunks, this.sealed)
  }

  int8(v: number): this {
    this.reserve(1)
    this.buf.writeInt8(v, this.pos)
    this.pos += 1
    return this
  }

  uint8(v: number): this {
    this.reserve(1)
    this.buf.writeUInt8(v, this.pos)
    this.pos += 1
    return this
  }

  int16(v: number): this {
    this.reserve(2)
    this.buf.writeInt16BE(v, this.pos)
    this.pos += 2
    return this
  }

  uint16(v: number): this {
    this.reserve(2)
    this.buf.writeUInt16BE(v, this.pos)
    this.pos += 2
    return this
  }

  int32(v: number): this {
    this.reserve(4)
    this.buf.writeInt32BE(v, this.pos)
    this.pos += 4
    return this
  }

  uint32(v: number): this {
    this.reserve(4)
    this.buf.writeUInt32BE(v, this.pos)
    this.pos += 4
    return this
  }

  int64(v: bigint): this {
    this.reserve(8)
    this.buf.writeBigInt64BE(v, this.pos)
    this.pos += 8
    return this
  }

  float64(v: number): this {
    this.reserve(8)
    this.buf.writeDoubleBE(v, this.pos)
    this.pos += 8
    return this
  }

  bool(v: boolean): this {
    this.reserve(1)
    this.buf[this.pos++] = v ? 1 : 0
    return this
  }

  /** Unsigned LEB128 varint (0 .. 2^32-1). */
  uvarint(v: number): this {
    if (v < 0 || v > 0xffffffff || !Number.isInteger(v)) {
      throw new ProtocolEncodeError(`unsigned varint out of range: ${v}`)
    }
    this.reserve(5)
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    this.buf[this.pos++] = v
    return this
  }

  /** Zig-zag signed varint (int32 range). */
  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0)
  }

  /** Zig-zag signed varlong (int64 range). */
  varlong(v: bigint): this {
    if (v >= -0x8000000n && v < 0x8000000n) {
      // fits in 28 bits after zig-zag: use number arithmetic
      const n = Number(v)
      return this.uvarint(n >= 0 ? n * 2 : -n * 2 - 1)
    }
    let u = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n))
    this.reserve(10)
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80
      u >>= 7n
    }
    this.buf[this.pos++] = Number(u)
    return this
  }

  /** Classic STRING (int16 length). */
  string(s: string): this {
    const len = Buffer.byteLength(s, 'utf8')
    if (len > 0x7fff) throw new ProtocolEncodeError(`string too long: ${len} bytes`)
    this.int16(len)
    return this.utf8(s, len)
  }

  /** Classic NULLABLE_STRING (int16 length, -1 = null). */
  nullableString(s: string | null): this {
    return s === null ? this.int16(-1) : this.string(s)
  }

  /** COMPACT_STRING (uvarint length+1). */
  compactString(s: string): this {
    const len = Buffer.byteLength(s, 'utf8')
    if (len > 0x7fff) throw new ProtocolEncodeError(`string too long: ${len} bytes`)
    this.uvarint(len + 1)
    return this.utf8(s, len)
  }

  /** COMPACT_NULLABLE_STRING (uvarint length+1, 0 = null). */
  compactNullableString(s: string | null): this {
    return s === null ? this.uvarint(0) : this.compactString(s)
  }

  /** Classic BYTES (int32 length); `b` may be a list of buffers written back to back. */
  bytes(b: Buffer | readonly Buffer[]): this {
    this.int32(byteSize(b))
    return this.rawAll(b)
  }

  /** Classic NULLABLE_BYTES (int32 length, -1 = null). */
  nullableBytes(b: Buffer | readonly Buffer[] | null): this {
    return b === null ? this.int32(-1) : this.bytes(b)
  }

  /** COMPACT_BYTES (uvarint length+1). */
  compactBytes(b: Buffer | readonly Buffer[]): this {
    this.uvarint(byteSize(b) + 1)
    return this.rawAll(b)
  }

  /** COMPACT_NULLABLE_BYTES (uvarint length+1, 0 = null). */
  compactNullableBytes(b: Buffer | readonly Buffer[] | null): this {
    return b === null ? this.uvarint(0) : this.compactBytes(b)
  }

  /** Classic ARRAY count (int32, -1 = null). */
  arrayLength(n: number | null): this {
    return this.int32(n === null ? -1 : n)
  }

  /** COMPACT_ARRAY count (uvarint count+1, 0 = null). */
  compactArrayLength(n: number | null): this {
    return this.uvarint(n === null ? 0 : n + 1)
  }

  /** An empty tagged-field section (a single 0 byte). */
  emptyTaggedFields(): this {
    return this.uint8(0)
  }

  /** A UUID given as 32 hex digits, with or without dashes. */
  uuid(id: string): this {
    const hex = id.length === 36 ? id.replace(/-/g, '') : id
    if (hex.length !== 32 || !/^[0-9a-fA-F]{32}$/.test(hex)) throw new ProtocolEncodeError(`invalid uuid: ${id}`)
    this.reserve(16)
    this.buf.write(hex, this.pos, 16, 'hex')
    this.pos += 16
    return this
  }

  /** Raw bytes; large buffers are referenced instead of copied. */
  raw(b: Buffer): this {
    const n = b.length
    if (n >= ZERO_COPY_THRESHOLD) {
      this.seal()
      this.chunks.push(b)
      this.sealed += n
      return this
    }
    this.reserve(n)
    b.copy(this.buf, this.pos)
    this.pos += n
    return this
  }

  private rawAll(b: Buffer | readonly Buffer[]): this {
    if (Buffer.isBuffer(b)) return this.raw(b)
    for (const part of b) this.raw(part)
    return this
  }

  private utf8(s: string, len: number): this {
    this.reserve(len)
    if (len === s.length && len < 48) {
      // short ASCII: a plain loop beats the native call overhead
      for (let i = 0; i < len; i++) this.buf[this.pos + i] = s.charCodeAt(i)
    } else {
      this.buf.write(s, this.pos, len, 'utf8')
    }
    this.pos += len
    return this
  }

  /** Moves the written part of the current chunk into `chunks`. */
  private seal(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.buf.subarray(this.start, this.pos))
      this.sealed += this.pos - this.start
      this.start = this.pos
    }
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return
    this.seal()
    const size = Math.max(n, Math.min(this.buf.length * 2, 1 << 20))
    this.buf = Buffer.allocUnsafe(size)
    this.start = 0
    this.pos = 0
  }
}

/** Total byte length of a buffer or list of buffers. */
export function byteSize(b: Buffer | readonly Buffer[]): number {
  if (Buffer.isBuffer(b)) return b.length
  let n = 0
  for (const part of b) n += part.length
  return n
}
