import { describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { fromKeyString, prefixUpperBound, readLong, rememberKeyString, toKeyString, writeLong } from '../../../state-stores/internal/bytes.js'

describe('bytes helpers', () => {
  it('writes 64-bit big-endian timestamps as Java does, negatives included', () => {
    for (const v of [0, 1, 300, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER, -1, -(2 ** 33)]) {
      const b = Buffer.alloc(8)
      writeLong(b, 0, v)
      expect(b.readBigInt64BE(0)).toBe(BigInt(v))
      expect(readLong(b, 0)).toBe(v)
    }
  })

  it('round-trips bytes through latin1 key strings that compare byte-wise', () => {
    const a = Buffer.from([0x00, 0xff, 0x80])
    expect(fromKeyString(toKeyString(a))).toEqual(a)
    const pairs: Array<[number[], number[]]> = [
      [[0x00], [0x00, 0x00]],
      [[0x7f], [0x80]],
      [[0xfe, 0xff], [0xff]],
    ]
    for (const [x, y] of pairs) {
      expect(Buffer.compare(Buffer.from(x), Buffer.from(y))).toBe(-1)
      expect(toKeyString(Buffer.from(x)) < toKeyString(Buffer.from(y))).toBe(true)
    }
  })

  it('converts each buffer and string by its content when calls alternate between keys', () => {
    const a = Buffer.from('alpha')
    const b = Buffer.from('beta')
    expect(toKeyString(a)).toBe('alpha')
    expect(toKeyString(a)).toBe('alpha')
    expect(toKeyString(b)).toBe('beta')
    expect(toKeyString(a)).toBe('alpha')
    expect(fromKeyString('gamma')).toEqual(Buffer.from('gamma'))
    expect(fromKeyString('beta')).toEqual(b)
    expect(toKeyString(Buffer.from('gamma'))).toBe('gamma')
  })

  it('returns the remembered string of a buffer a caller already converted', () => {
    const key = Buffer.from([0x01, 0xe9])
    rememberKeyString(key, '\x01\xe9')
    expect(toKeyString(key)).toBe('\x01\xe9')
    expect(toKeyString(Buffer.from([0x02]))).toBe('\x02')
  })

  it('shares conversions with the String serde only for ASCII bytes (where latin1 and UTF-8 strings agree)', () => {
    const string = Serdes.String()
    // Non-ASCII bytes: the store's latin1 string and the serde's UTF-8 string differ, and neither is taken for the other.
    const accented = Buffer.from('é', 'utf8')
    expect(toKeyString(accented)).toBe('\xc3\xa9')
    expect(string.deserializer.deserialize('t', accented)).toBe('é')
    const latin1Only = Buffer.from([0x61, 0xe9])
    rememberKeyString(latin1Only, '\x61\xe9')
    expect(string.deserializer.deserialize('t', latin1Only)).toBe('a\ufffd')
    // Invalid UTF-8 decoded by the serde is not the latin1 string of its bytes.
    const invalid = Buffer.from([0x62, 0x80])
    expect(string.deserializer.deserialize('t', invalid)).toBe('b\ufffd')
    expect(toKeyString(invalid)).toBe('\x62\x80')
    // ASCII: one string for both, and the serde hands back the very bytes.
    const ascii = Buffer.from('key-42')
    expect(string.deserializer.deserialize('t', ascii)).toBe('key-42')
    expect(toKeyString(ascii)).toBe('key-42')
    expect(string.serializer.serialize('t', 'key-42')).toBe(ascii)
  })

  it('computes the first key after every key with a prefix', () => {
    expect(prefixUpperBound(Buffer.from([0x61, 0x62]))).toEqual(Buffer.from([0x61, 0x63]))
    expect(prefixUpperBound(Buffer.from([0x61, 0xff]))).toEqual(Buffer.from([0x62]))
    expect(prefixUpperBound(Buffer.from([0xff, 0xff]))).toBeNull()
    expect(prefixUpperBound(Buffer.alloc(0))).toBeNull()
  })
})
