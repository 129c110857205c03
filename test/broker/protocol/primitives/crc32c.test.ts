import { describe, expect, it } from 'vitest'
import { crc32c } from '../../../../src/wire/crc32c.js'

/** Bit-at-a-time reference implementation (independent of the table-driven one). */
function slowCrc32c(buf: Uint8Array): number {
  let c = 0xffffffff
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

describe('crc32c', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283)
  })

  it('matches the RFC 3720 test vectors', () => {
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa)
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43)
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e)
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)))).toBe(0x113fdb5c)
  })

  it('returns 0 for empty input', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0)
  })

  it('agrees with a bit-wise implementation for every length up to 200 and any alignment', () => {
    const data = Buffer.from(Array.from({ length: 210 }, (_, i) => (i * 37 + 11) & 0xff))
    for (let start = 0; start < 8; start++) {
      for (let len = 0; len <= 200; len++) {
        expect(crc32c(data, start, start + len)).toBe(slowCrc32c(data.subarray(start, start + len)))
      }
    }
  })

  it('handles views at any byte offset of a shared ArrayBuffer', () => {
    const backing = new Uint8Array(400)
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 13 + 5) & 0xff
    for (let offset = 0; offset < 8; offset++) {
      const view = Buffer.from(backing.buffer, offset, 300)
      expect(crc32c(view)).toBe(slowCrc32c(view))
    }
  })

  it('continues a checksum across pieces', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog')
    const whole = crc32c(data)
    const part = crc32c(data, 0, 13)
    expect(crc32c(data, 13, data.length, part)).toBe(whole)
  })
})
