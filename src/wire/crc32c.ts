/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by record batch v2.
 * Table-driven, slicing-by-8: eight 256-entry tables let the main loop consume 8 bytes per
 * step. On little-endian hosts the bulk of the input is read as aligned 32-bit words through an
 * Int32Array view (no per-byte loads); the unaligned head and the tail go byte by byte.
 */

const POLY = 0x82f63b78

function makeTables(): Int32Array {
  const t = new Int32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1
    t[n] = c
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8)
      t[k * 256 + n] = c
    }
  }
  return t
}

const T = makeTables()
const T0 = T.subarray(0, 256)
const T1 = T.subarray(256, 512)
const T2 = T.subarray(512, 768)
const T3 = T.subarray(768, 1024)
const T4 = T.subarray(1024, 1280)
const T5 = T.subarray(1280, 1536)
const T6 = T.subarray(1536, 1792)
const T7 = T.subarray(1792, 2048)

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1
/** Below this many bytes the word view is not worth its allocation. */
const WORD_PATH_MIN = 64

/**
 * Computes the CRC-32C of `buf[start, end)`, optionally continuing from a previous `crc`
 * (pass the previous result to checksum data in pieces).
 *
 * @returns the checksum as an unsigned 32-bit number
 */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  let c = ~crc
  let i = start
  if (LITTLE_ENDIAN && end - i >= WORD_PATH_MIN) {
    const base = buf.byteOffset
    while (((base + i) & 3) !== 0) c = (T0[(c ^ (buf[i++] as number)) & 0xff] as number) ^ (c >>> 8)
    const words = ((end - i) >>> 3) << 1
    const u = new Int32Array(buf.buffer, base + i, words)
    for (let j = 0; j < words; j += 2) {
      const lo = c ^ (u[j] as number)
      const hi = u[j + 1] as number
      c =
        (T7[lo & 0xff] as number) ^
        (T6[(lo >>> 8) & 0xff] as number) ^
        (T5[(lo >>> 16) & 0xff] as number) ^
        (T4[lo >>> 24] as number) ^
        (T3[hi & 0xff] as number) ^
        (T2[(hi >>> 8) & 0xff] as number) ^
        (T1[(hi >>> 16) & 0xff] as number) ^
        (T0[hi >>> 24] as number)
    }
    i += words << 2
  } else {
    const stop8 = end - ((end - i) & 7)
    while (i < stop8) {
      const lo = c ^ ((buf[i] as number) | ((buf[i + 1] as number) << 8) | ((buf[i + 2] as number) << 16) | ((buf[i + 3] as number) << 24))
      c =
        (T7[lo & 0xff] as number) ^
        (T6[(lo >>> 8) & 0xff] as number) ^
        (T5[(lo >>> 16) & 0xff] as number) ^
        (T4[lo >>> 24] as number) ^
        (T3[buf[i + 4] as number] as number) ^
        (T2[buf[i + 5] as number] as number) ^
        (T1[buf[i + 6] as number] as number) ^
        (T0[buf[i + 7] as number] as number)
      i += 8
    }
  }
  while (i < end) c = (T0[(c ^ (buf[i++] as number)) & 0xff] as number) ^ (c >>> 8)
  return ~c >>> 0
}
