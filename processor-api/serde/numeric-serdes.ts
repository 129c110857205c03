/**
 * Kafka's fixed-width big-endian number serdes. Values are JavaScript numbers except for
 * `BigIntSerde` (a full-range int64 as `bigint`). Null stays null; a value the format cannot hold
 * and bytes of the wrong length throw `SerializationError`.
 */
import type { FixedWidthCodec, Serde } from './serde.js'
import { badValue, wrongSize } from './internal/fixed-width-errors.js'

const TWO_32 = 4294967296

/** 8-byte big-endian signed int64 carried as a `number` (Kafka's `LongSerde`); only safe integers. */
export class LongSerde implements Serde<number> {
  readonly fixedWidth: FixedWidthCodec<number> = {
    byteWidth: 8,
    writeAt(topic: string, buf: Buffer, offset: number, data: number): void {
      if (!Number.isSafeInteger(data)) throw badValue(topic, 'Long', 'expected a safe integer', data)
      const high = Math.floor(data / TWO_32)
      buf.writeInt32BE(high, offset)
      buf.writeUInt32BE(data - high * TWO_32, offset + 4)
    },
    readAt(topic: string, buf: Buffer, offset: number): number {
      const value = buf.readInt32BE(offset) * TWO_32 + buf.readUInt32BE(offset + 4)
      if (!Number.isSafeInteger(value)) {
        throw badValue(topic, 'Long', 'int64 outside the safe integer range (use Serdes.BigInt())', buf.readBigInt64BE(offset))
      }
      return value
    },
  }
  readonly serializer = {
    serialize: (topic: string, data: number | null): Buffer | null => {
      if (data === null || data === undefined) return null
      const buf = Buffer.allocUnsafe(8)
      this.fixedWidth.writeAt(topic, buf, 0, data)
      return buf
    },
  }
  readonly deserializer = {
    deserialize: (topic: string, data: Buffer | null): number | null => {
      if (data === null || data === undefined) return null
      if (data.length !== 8) throw wrongSize(topic, 'Long', 8, data.length)
      return this.fixedWidth.readAt(topic, data, 0)
    },
  }
}

/** 8-byte big-endian signed int64 as a `bigint` (the full Java `long` range). */
export class BigIntSerde implements Serde<bigint> {
  readonly serializer = {
    serialize(topic: string, data: bigint | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (typeof data !== 'bigint' || data < -(2n ** 63n) || data >= 2n ** 63n) throw badValue(topic, 'BigInt', 'expected an int64 bigint', data)
      const buf = Buffer.allocUnsafe(8)
      buf.writeBigInt64BE(data, 0)
      return buf
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): bigint | null {
      if (data === null || data === undefined) return null
      if (data.length !== 8) throw wrongSize(topic, 'BigInt', 8, data.length)
      return data.readBigInt64BE(0)
    },
  }
}

/** 4-byte big-endian signed int32 (Kafka's `IntegerSerde`). */
export class IntegerSerde implements Serde<number> {
  readonly fixedWidth: FixedWidthCodec<number> = {
    byteWidth: 4,
    writeAt(topic: string, buf: Buffer, offset: number, data: number): void {
      if (!Number.isInteger(data) || data < -2147483648 || data > 2147483647) throw badValue(topic, 'Integer', 'expected an int32', data)
      buf.writeInt32BE(data, offset)
    },
    readAt(_topic: string, buf: Buffer, offset: number): number {
      return buf.readInt32BE(offset)
    },
  }
  readonly serializer = {
    serialize: (topic: string, data: number | null): Buffer | null => {
      if (data === null || data === undefined) return null
      const buf = Buffer.allocUnsafe(4)
      this.fixedWidth.writeAt(topic, buf, 0, data)
      return buf
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): number | null {
      if (data === null || data === undefined) return null
      if (data.length !== 4) throw wrongSize(topic, 'Integer', 4, data.length)
      return data.readInt32BE(0)
    },
  }
}

/** 2-byte big-endian signed int16 (Kafka's `ShortSerde`). */
export class ShortSerde implements Serde<number> {
  readonly serializer = {
    serialize(topic: string, data: number | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (!Number.isInteger(data) || data < -32768 || data > 32767) throw badValue(topic, 'Short', 'expected an int16', data)
      const buf = Buffer.allocUnsafe(2)
      buf.writeInt16BE(data, 0)
      return buf
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): number | null {
      if (data === null || data === undefined) return null
      if (data.length !== 2) throw wrongSize(topic, 'Short', 2, data.length)
      return data.readInt16BE(0)
    },
  }
}

/** 8-byte big-endian IEEE 754 double (Kafka's `DoubleSerde`). */
export class DoubleSerde implements Serde<number> {
  readonly fixedWidth: FixedWidthCodec<number> = {
    byteWidth: 8,
    writeAt(topic: string, buf: Buffer, offset: number, data: number): void {
      if (typeof data !== 'number') throw badValue(topic, 'Double', 'expected a number', data)
      buf.writeDoubleBE(data, offset)
    },
    readAt(_topic: string, buf: Buffer, offset: number): number {
      return buf.readDoubleBE(offset)
    },
  }
  readonly serializer = {
    serialize: (topic: string, data: number | null): Buffer | null => {
      if (data === null || data === undefined) return null
      const buf = Buffer.allocUnsafe(8)
      this.fixedWidth.writeAt(topic, buf, 0, data)
      return buf
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): number | null {
      if (data === null || data === undefined) return null
      if (data.length !== 8) throw wrongSize(topic, 'Double', 8, data.length)
      return data.readDoubleBE(0)
    },
  }
}

/** 4-byte big-endian IEEE 754 float (Kafka's `FloatSerde`); values are rounded to float precision. */
export class FloatSerde implements Serde<number> {
  readonly serializer = {
    serialize(topic: string, data: number | null): Buffer | null {
      if (data === null || data === undefined) return null
      if (typeof data !== 'number') throw badValue(topic, 'Float', 'expected a number', data)
      const buf = Buffer.allocUnsafe(4)
      buf.writeFloatBE(data, 0)
      return buf
    },
  }
  readonly deserializer = {
    deserialize(topic: string, data: Buffer | null): number | null {
      if (data === null || data === undefined) return null
      if (data.length !== 4) throw wrongSize(topic, 'Float', 4, data.length)
      return data.readFloatBE(0)
    },
  }
}
