/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by record batch v2.
 * Table-driven, slicing-by-8: eight 256-entry tables let the main loop consume 8 bytes per step.
 */

const POLY = 0x82f63b78

function makeTables(): Uint32Array {
  const t = new Uint32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1
    t[n] = c >>> 0
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8)
      t[k * 256 + n] = c >>> 0
    }
  }
  return t
}

const T = makeTables()

/**
 * Computes the CRC-32C of `buf[start, end)`, optionally continuing from a previous `crc`
 * (pass the previous result to checksum data in pieces).
 *
 * @returns the checksum as an unsigned 32-bit number
 */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  let c = ~crc
  let i = start
  const t = T
  // Align is not needed: bytes are read individually and combined, eight per iteration.
  const stop8 = end - ((end - i) & 7)
  while (i < stop8) {
    const lo = c ^ ((buf[i] as number) | ((buf[i + 1] as number) << 8) | ((buf[i + 2] as number) << 16) | ((buf[i + 3] as number) << 24))
    c =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
      (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
      (t[1024 + (lo >>> 24)] as number) ^
      (t[768 + (buf[i + 4] as number)] as number) ^
      (t[512 + (buf[i + 5] as number)] as number) ^
      (t[256 + (buf[i + 6] as number)] as number) ^
      (t[buf[i + 7] as number] as number)
    i += 8
  }
  while (i < end) {
    c = (t[(c ^ (buf[i++] as number)) & 0xff] as number) ^ (c >>> 8)
  }
  return ~c >>> 0
}
