import { describe, expect, it } from 'vitest'
import { readLong } from '../../../state-stores/internal/bytes.js'
import { WINDOW_SUFFIX_SIZE, windowKeyOf, windowStartOf, windowStoreKey } from '../../../state-stores/internal/store-keys.js'

describe('windowStoreKey', () => {
  it('lays out key | windowStart | seqnum as Kafka does', () => {
    const k = windowStoreKey(Buffer.from('ab'), 60_000, 7)
    expect(k.length).toBe(2 + WINDOW_SUFFIX_SIZE)
    expect(windowKeyOf(k).toString()).toBe('ab')
    expect(windowStartOf(k)).toBe(60_000)
    expect(readLong(k, 2)).toBe(60_000)
    expect(k.readUInt32BE(10)).toBe(7)
  })

  it('builds one buffer for repeated arguments and a new one when any argument differs', () => {
    const key = Buffer.from('k')
    const a = windowStoreKey(key, 1000, 0)
    expect(windowStoreKey(key, 1000, 0)).toBe(a)
    const b = windowStoreKey(key, 2000, 0)
    expect(b).not.toBe(a)
    expect(windowStartOf(b)).toBe(2000)
    const c = windowStoreKey(key, 2000, 1)
    expect(c.readUInt32BE(9)).toBe(1)
    const sameBytesOtherBuffer = windowStoreKey(Buffer.from('j'), 2000, 1)
    expect(windowKeyOf(sameBytesOtherBuffer).toString()).toBe('j')
    expect(windowStartOf(a)).toBe(1000)
  })
})
