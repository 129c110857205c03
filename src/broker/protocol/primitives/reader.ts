import { ProtocolDecodeError } from '../errors.js'

/**
 * A bounds-checked cursor over a Buffer reading Kafka wire primitives (big-endian ints, varints,
 * classic and compact strings/bytes/arrays, tagged-field sections, UUIDs).
 *
 * Every read checks the remaining length first and throws {@link ProtocolDecodeError} with the
 * byte position on underflow; the generic schema decoder adds the field path. Byte results
 * (`bytes()`, `compactBytes()`, `raw()`) are views of the input buffer, not copies: they stay
 * valid as long as the input buffer is not reused.
 */
export class Reader {
  /** The buffer being read. */
  readonly buffer: Buffer
  /** Current read position (absolute offset into `buffer`). */
  pos: number
  /** Exclusive end of the readable region. */
  readonly end: number

  /**
   * @param buffer - the bytes to read (not copied)
   * @param offset - where reading starts (default 0)
   * @param end - exclusive end of the readable region (default `buffer.length`)
   */
  constructor(buffer: Buffer, offset = 0, end = buffer.length) {
    this.buffer = buffer
    this.pos = offset
    this.end = end
  }

  /** Bytes left between the position and the end. */
  get remaining(): number {
    return this.end - this.pos
  }

  /** Throws a ProtocolDecodeError unless `n` more bytes are available. */
  ensure(n: number): void {
    if (this.pos + n > this.end) {
      throw new ProtocolDecodeError(
        `unexpected end of input: needed ${n} byte(s), ${this.end - this.pos} left`,
        this.pos,
      )
    }
  }

  /** Throws a ProtocolDecodeError positioned at the current byte. */
  fail(reason: string, position = this.pos): never {
    throw new ProtocolDecodeError(reason, position)
  }

  int8(): number {
    this.ensure(1)
    return this.buffer.readInt8(this.pos++)
  }

  uint8(): number {
    this.ensure(1)
    return this.buffer[this.pos++] as number
  }

  int16(): number {
    this.ensure(2)
    const v = this.buffer.readInt16BE(this.pos)
    this.pos += 2
    return v
  }

  uint16(): number {
    this.ensure(2)
    const v = this.buffer.readUInt16BE(this.pos)
    this.pos += 2
    return v
  }

  int32(): number {
    this.ensure(4)
    const v = this.buffer.readInt32BE(this.pos)
    this.pos += 4
    return v
  }

  uint32(): number {
    this.ensure(4)
    const v = this.buffer.readUInt32BE(this.pos)
    this.pos += 4
    return v
  }

  int64(): bigint {
    this.ensure(8)
    const v = this.buffer.readBigInt64BE(this.pos)
    this.pos += 8
    return v
  }

  float64(): number {
    this.ensure(8)
    const v = this.buffer.readDoubleBE(this.pos)
    this.pos += 8
    return v
  }

  /** A boolean; every non-zero byte reads as true (as in Kafka). */
  bool(): boolean {
    this.ensure(1)
    return this.buffer[this.pos++] !== 0
  }

  /** Unsigned LEB128 varint of at most 32 bits (used for compact lengths and tags). */
  uvarint(): number {
    const start = this.pos
    let result = 0
    let shift = 0
    for (;;) {
      if (this.pos >= this.end) this.ensure(1)
      const b = this.buffer[this.pos++] as number
      if (shift === 28) {
        if (b > 0x0f) this.fail('unsigned varint is longer than 32 bits', start)
        return (result | (b << 28)) >>> 0
      }
      result |= (b & 0x7f) << shift
      if ((b & 0x80) === 0) return result >>> 0
      shift += 7
    }
  }

  /** Zig-zag signed varint of at most 32 bits (record fields). */
  varint(): number {
    const u = this.uvarint()
    return (u >>> 1) ^ -(u & 1)
  }

  /** Zig-zag signed varlong of at most 64 bits (record timestamp deltas), as a bigint. */
  varlong(): bigint {
    const start = this.pos
    // Fast path: values that fit in 28 bits (almost all deltas) avoid bigint arithmetic until the end.
    let low = 0
    let shift = 0
    for (;;) {
      if (this.pos >= this.end) this.ensure(1)
      const b = this.buffer[this.pos++] as number
      if (shift < 28) {
        low |= (b & 0x7f) << shift
        if ((b & 0x80) === 0) {
          const u = BigInt(low >>> 0)
          return (u >> 1n) ^ -(u & 1n)
        }
        shift += 7
        continue
      }
      // Slow path: continue in bigint.
      let u = BigInt(low >>> 0) | (BigInt(b & 0x7f) << BigInt(shift))
      shift += 7
      let last = b
      while ((last & 0x80) !== 0) {
        if (shift > 63) this.fail('varlong is longer than 64 bits', start)
        if (this.pos >= this.end) this.ensure(1)
        last = this.buffer[this.pos++] as number
        u |= BigInt(last & 0x7f) << BigInt(shift)
        shift += 7
      }
      u = BigInt.asUintN(64, u)
      return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n))
    }
  }

  /** Classic STRING (int16 length); throws on a null (-1) length. */
  string(): string {
    const s = this.nullableString()
    if (s === null) this.fail('null string in a non-nullable field', this.pos - 2)
    return s
  }

  /** Classic NULLABLE_STRING (int16 length, -1 = null). */
  nullableString(): string | null {
    const start = this.pos
    const len = this.int16()
    if (len < 0) {
      if (len === -1) return null
      this.fail(`invalid string length ${len}`, start)
    }
    return this.utf8(len)
  }

  /** COMPACT_STRING (uvarint length+1); throws on null. */
  compactString(): string {
    const start = this.pos
    const s = this.compactNullableString()
    if (s === null) this.fail('null string in a non-nullable field', start)
    return s
  }

  /** COMPACT_NULLABLE_STRING (uvarint length+1, 0 = null). */
  compactNullableString(): string | null {
    const n = this.uvarint()
    if (n === 0) return null
    return this.utf8(n - 1)
  }

  /** Classic BYTES (int32 length); a view of the input; throws on null. */
  bytes(): Buffer {
    const start = this.pos
    const b = this.nullableBytes()
    if (b === null) this.fail('null bytes in a non-nullable field', start)
    return b
  }

  /** Classic NULLABLE_BYTES (int32 length, -1 = null); a view of the input. */
  nullableBytes(): Buffer | null {
    const start = this.pos
    const len = this.int32()
    if (len < 0) {
      if (len === -1) return null
      this.fail(`invalid bytes length ${len}`, start)
    }
    return this.raw(len)
  }

  /** COMPACT_BYTES (uvarint length+1); a view of the input; throws on null. */
  compactBytes(): Buffer {
    const start = this.pos
    const b = this.compactNullableBytes()
    if (b === null) this.fail('null bytes in a non-nullable field', start)
    return b
  }

  /** COMPACT_NULLABLE_BYTES (uvarint length+1, 0 = null); a view of the input. */
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint()
    if (n === 0) return null
    return this.raw(n - 1)
  }

  /** `n` raw bytes as a view of the input. */
  raw(n: number): Buffer {
    this.ensure(n)
    const b = this.buffer.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }

  /** Skips `n` bytes. */
  skip(n: number): void {
    this.ensure(n)
    this.pos += n
  }

  /**
   * Classic ARRAY count (int32, -1 = null). The count is checked against the bytes left
   * (`minElementSize` bytes per element) so a hostile count cannot allocate a huge array.
   */
  arrayLength(minElementSize = 1): number | null {
    const start = this.pos
    const n = this.int32()
    if (n < 0) {
      if (n === -1) return null
      this.fail(`invalid array length ${n}`, start)
    }
    if (n * minElementSize > this.end - this.pos) this.fail(`array length ${n} exceeds the remaining input`, start)
    return n
  }

  /** COMPACT_ARRAY count (uvarint count+1, 0 = null), checked like {@link Reader.arrayLength}. */
  compactArrayLength(minElementSize = 1): number | null {
    const start = this.pos
    const n = this.uvarint()
    if (n === 0) return null
    const count = n - 1
    if (count * minElementSize > this.end - this.pos) {
      this.fail(`array length ${count} exceeds the remaining input`, start)
    }
    return count
  }

  /** A UUID (16 raw bytes) as a lowercase 8-4-4-4-12 hex string. */
  uuid(): string {
    this.ensure(16)
    const hex = this.buffer.toString('hex', this.pos, this.pos + 16)
    this.pos += 16
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /**
   * Reads a tagged-field section, calling `onTag` for every field (with a Reader limited to the
   * field's payload) and skipping fields for which it returns false. Tags must be strictly ascending.
   */
  taggedFields(onTag?: (tag: number, field: Reader) => boolean): void {
    const count = this.uvarint()
    let previous = -1
    for (let i = 0; i < count; i++) {
      const tagPos = this.pos
      const tag = this.uvarint()
      if (tag <= previous) this.fail(`tagged fields out of order: tag ${tag} after ${previous}`, tagPos)
      previous = tag
      const size = this.uvarint()
      this.ensure(size)
      if (onTag !== undefined) {
        const sub = new Reader(this.buffer, this.pos, this.pos + size)
        onTag(tag, sub)
      }
      this.pos += size
    }
  }

  private utf8(len: number): string {
    this.ensure(len)
    const s = this.buffer.toString('utf8', this.pos, this.pos + len)
    this.pos += len
    return s
  }
}
