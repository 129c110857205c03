/**
 * Kafka's `Utils.murmur2` over bytes (the default partitioner's hash), as a signed 32-bit int.
 */
export function murmur2(data: Buffer): number {
  const length = data.length
  const seed = 0x9747b28c
  const m = 0x5bd1e995
  const r = 24
  let h = (seed ^ length) | 0
  const length4 = length >> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k = (data[i4]! & 0xff) + ((data[i4 + 1]! & 0xff) << 8) + ((data[i4 + 2]! & 0xff) << 16) + ((data[i4 + 3]! & 0xff) << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  const index = length4 * 4
  const rest = length & 3
  if (rest === 3) h ^= (data[index + 2]! & 0xff) << 16
  if (rest >= 2) h ^= (data[index + 1]! & 0xff) << 8
  if (rest >= 1) {
    h ^= data[index]! & 0xff
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** Kafka's `Utils.toPositive`: clears the sign bit. */
export function toPositive(n: number): number {
  return n & 0x7fffffff
}
