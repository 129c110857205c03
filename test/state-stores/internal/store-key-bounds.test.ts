import { describe, expect, it } from 'vitest'
import { isInRange, isInvertedRange } from '../../../state-stores/internal/key-range.js'
import {
  sessionFindLowerBound,
  sessionFindUpperBound,
  sessionRangeUpperBound,
  windowFetchLowerBound,
  windowFetchUpperBound,
  windowRangeUpperBound,
} from '../../../state-stores/internal/store-key-bounds.js'
import { sessionStoreKey, windowStoreKey } from '../../../state-stores/internal/store-keys.js'

const b = (s: string): Buffer => Buffer.from(s)
const within = (k: Buffer, lower: Buffer | null, upper: Buffer | null): boolean =>
  (lower === null || Buffer.compare(k, lower) >= 0) && (upper === null || Buffer.compare(k, upper) <= 0)

describe('key ranges', () => {
  it('treats a range as inverted only when both ends are given and from sorts after to', () => {
    expect(isInvertedRange(b('b'), b('a'))).toBe(true)
    expect(isInvertedRange(b('a'), b('a'))).toBe(false)
    expect(isInvertedRange(null, b('a'))).toBe(false)
    expect(isInvertedRange(b('b'), null)).toBe(false)
  })

  it('includes both ends and treats null as unbounded', () => {
    expect(isInRange(b('a'), b('a'), b('c'))).toBe(true)
    expect(isInRange(b('c'), b('a'), b('c'))).toBe(true)
    expect(isInRange(b('d'), b('a'), b('c'))).toBe(false)
    expect(isInRange(b('0'), b('a'), null)).toBe(false)
    expect(isInRange(b('z'), null, null)).toBe(true)
  })
})

describe('store key bounds', () => {
  it('bounds the windows of one key by window start, every seqnum included', () => {
    const lower = Buffer.from(windowFetchLowerBound(b('k'), 1000))
    const upper = Buffer.from(windowFetchUpperBound(b('k'), 2000))
    expect(within(windowStoreKey(b('k'), 1000, 0), lower, upper)).toBe(true)
    expect(within(windowStoreKey(b('k'), 2000, 0x7fffffff), lower, upper)).toBe(true)
    expect(within(windowStoreKey(b('k'), 999, 5), lower, upper)).toBe(false)
    expect(within(windowStoreKey(b('k'), 2001, 0), lower, upper)).toBe(false)
  })

  it('bounds every window and session of the keys up to keyTo, and no key after it', () => {
    expect(windowRangeUpperBound(null)).toBeNull()
    expect(sessionRangeUpperBound(null)).toBeNull()
    expect(within(windowStoreKey(b('b'), Number.MAX_SAFE_INTEGER, 9), null, windowRangeUpperBound(b('b')))).toBe(true)
    expect(within(sessionStoreKey(b('b'), 0, Number.MAX_SAFE_INTEGER), null, sessionRangeUpperBound(b('b')))).toBe(true)
    expect(within(sessionStoreKey(b('c'), 0, 0), null, sessionRangeUpperBound(b('b')))).toBe(false)
  })

  it('starts a session search of one key at the sessions ending at or after earliestEnd', () => {
    const lower = sessionFindLowerBound(b('k'), 500)
    const upper = sessionFindUpperBound(b('k'))
    expect(within(sessionStoreKey(b('k'), 0, 500), lower, upper)).toBe(true)
    expect(within(sessionStoreKey(b('k'), 100, 9_000), lower, upper)).toBe(true)
    expect(within(sessionStoreKey(b('k'), 0, 499), lower, upper)).toBe(false)
  })
})
