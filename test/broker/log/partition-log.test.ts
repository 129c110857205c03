import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OffsetOutOfRangeError } from '../../../src/broker/log/errors.js'
import type { PartitionLog } from '../../../src/broker/log/partition-log.js'
import { buildBatch, parseBatches, simpleBatch } from './helpers/batch-builder.js'
import { config, type LogFixture, logFixture } from './helpers/log-modes.js'

const ALL = { minOneBatch: true, maxOffset: 1n << 62n }

describe.each(['memory', 'file'] as const)('PartitionLog (%s)', (mode) => {
  let fx: LogFixture
  beforeEach(async () => {
    fx = await logFixture(mode)
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  function appendCounts(log: PartitionLog, counts: readonly number[]): void {
    for (const n of counts) log.append(simpleBatch(n))
  }

  it('assigns offsets from the log end and rewrites only the stored baseOffset', () => {
    const log = fx.open()
    const batch = simpleBatch(5)
    const copy = Buffer.from(batch)
    expect(log.append(batch)).toEqual({ baseOffset: 0n, lastOffset: 4n, logAppendTime: -1n, recordCount: 5 })
    expect(log.append(simpleBatch(1))).toMatchObject({ baseOffset: 5n, lastOffset: 5n })
    expect(log.append(simpleBatch(10))).toMatchObject({ baseOffset: 6n, lastOffset: 15n, recordCount: 10 })
    expect(log.logEndOffset).toBe(16n)
    expect(log.highWatermark).toBe(16n)
    expect(batch.equals(copy)).toBe(true)
    const read = log.read(0n, 1 << 20, ALL)
    const headers = parseBatches(read.records)
    expect(headers.map((h) => [h.baseOffset, h.lastOffset])).toEqual([
      [0n, 4n],
      [5n, 5n],
      [6n, 15n],
    ])
    expect(headers.every((h) => h.crcValid)).toBe(true)
    const stored = Buffer.concat(read.records)
    expect(stored.subarray(8, batch.length).equals(batch.subarray(8))).toBe(true)
  })

  it('appends every batch of a multi-batch record set with consecutive offsets', () => {
    const log = fx.open()
    const result = log.append(Buffer.concat([simpleBatch(3), simpleBatch(2), simpleBatch(4)]))
    expect(result).toMatchObject({ baseOffset: 0n, lastOffset: 8n, recordCount: 9 })
    expect(parseBatches(log.read(0n, 1 << 20, ALL).records).map((h) => h.baseOffset)).toEqual([0n, 3n, 5n])
  })

  it('starts a read with the batch that contains the fetch offset', () => {
    const log = fx.open()
    appendCounts(log, [5, 5, 5])
    const read = log.read(7n, 1 << 20, ALL)
    expect(parseBatches(read.records).map((h) => h.baseOffset)).toEqual([5n, 10n])
  })

  it('returns nothing at the log end and rejects offsets outside the log', () => {
    const log = fx.open()
    appendCounts(log, [3])
    expect(log.read(3n, 1000, ALL)).toEqual({ records: [], size: 0 })
    expect(() => log.read(4n, 1000, ALL)).toThrow(OffsetOutOfRangeError)
    expect(() => log.read(-1n, 1000, ALL)).toThrow(OffsetOutOfRangeError)
  })

  it('returns only whole batches within maxBytes', () => {
    const log = fx.open()
    appendCounts(log, [1, 1, 1, 1])
    const size = simpleBatch(1).length
    const read = log.read(0n, size * 2 + size / 2, ALL)
    expect(read.size).toBe(size * 2)
    expect(parseBatches(read.records)).toHaveLength(2)
  })

  it('returns the first batch even when larger than maxBytes only with minOneBatch', () => {
    const log = fx.open()
    appendCounts(log, [50, 1])
    const big = simpleBatch(50).length
    const forced = log.read(0n, 10, { minOneBatch: true, maxOffset: ALL.maxOffset })
    expect(forced.size).toBe(big)
    expect(parseBatches(forced.records).map((h) => h.baseOffset)).toEqual([0n])
    expect(log.read(0n, 10, { minOneBatch: false, maxOffset: ALL.maxOffset }).size).toBe(0)
  })

  it('never returns a batch at or after maxOffset', () => {
    const log = fx.open()
    appendCounts(log, [2, 2, 2])
    const read = log.read(0n, 1 << 20, { minOneBatch: true, maxOffset: 4n })
    expect(parseBatches(read.records).map((h) => h.lastOffset)).toEqual([1n, 3n])
    expect(log.read(4n, 1 << 20, { minOneBatch: true, maxOffset: 4n }).size).toBe(0)
  })

  it('rolls segments at segment.bytes and reads across them', () => {
    const log = fx.open({ config: config({ 'segment.bytes': '2000' }) })
    for (let i = 0; i < 30; i++) log.append(simpleBatch(3))
    const segments = log.segments()
    expect(segments.length).toBeGreaterThan(5)
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.baseOffset).toBe(segments[i - 1]?.nextOffset)
    const headers = parseBatches(log.read(0n, 1 << 20, ALL).records)
    expect(headers).toHaveLength(30)
    expect(headers.map((h) => h.baseOffset)).toEqual(Array.from({ length: 30 }, (_, i) => BigInt(i * 3)))
  })

  it('finds the containing batch for every offset of a large log', () => {
    const log = fx.open({ config: config({ 'segment.bytes': '16384', 'index.interval.bytes': '512' }) })
    const bases: bigint[] = []
    for (let i = 0; i < 400; i++) {
      bases.push(log.append(simpleBatch(1 + (i % 7), { valueBytes: 40 })).baseOffset)
    }
    expect(log.segments().length).toBeGreaterThan(2)
    const end = log.logEndOffset
    let b = 0
    for (let o = 0n; o < end; o++) {
      while (b + 1 < bases.length && (bases[b + 1] as bigint) <= o) b++
      const first = parseBatches(log.read(o, 1, ALL).records)
      expect(first).toHaveLength(1)
      expect(first[0]?.baseOffset).toBe(bases[b])
    }
  })

  it('stamps LogAppendTime into maxTimestamp and keeps the CRC valid', () => {
    const log = fx.open({ config: config({ 'message.timestamp.type': 'LogAppendTime' }), clock: () => 1_234_567 })
    expect(log.append(simpleBatch(2)).logAppendTime).toBe(1_234_567n)
    const [h] = parseBatches(log.read(0n, 1 << 20, ALL).records)
    expect(h?.maxTimestamp).toBe(1_234_567n)
    expect(h?.crcValid).toBe(true)
  })

  it('keeps data and offsets across a reopen', () => {
    let log = fx.open({ config: config({ 'segment.bytes': '3000' }) })
    for (let i = 0; i < 20; i++) log.append(simpleBatch(4))
    const before = Buffer.concat(log.read(0n, 1 << 20, ALL).records)
    log = fx.reopen(log, { config: config({ 'segment.bytes': '3000' }) })
    expect(log.logEndOffset).toBe(80n)
    expect(Buffer.concat(log.read(0n, 1 << 20, ALL).records).equals(before)).toBe(true)
    expect(log.append(simpleBatch(1)).baseOffset).toBe(80n)
  })

  it('reads gzip batches whole without decoding them', () => {
    const log = fx.open()
    const gz = buildBatch([{ value: Buffer.from('a') }, { value: Buffer.from('b') }], { gzip: true })
    log.append(gz)
    const read = log.read(1n, 1 << 20, ALL)
    expect(Buffer.concat(read.records).subarray(12).equals(gz.subarray(12))).toBe(true)
  })

  it('visits stored batches from the one containing an offset until told to stop', () => {
    const log = fx.open({ config: config({ 'segment.bytes': '1500' }) })
    for (let i = 0; i < 12; i++) log.append(simpleBatch(3))
    const seen: Array<[bigint, bigint]> = []
    log.forEachBatch(10n, (batch, base, last) => {
      expect(batch.readBigInt64BE(0)).toBe(base)
      seen.push([base, last])
      return base >= 27n
    })
    expect(seen[0]).toEqual([9n, 11n])
    expect(seen[seen.length - 1]).toEqual([27n, 29n])
    expect(seen).toHaveLength(7)
  })

  it('serves reads spanning evicted and cached data identically', () => {
    const small = fx.open({ tailCacheBytes: 70_000 })
    const expected: Buffer[] = []
    for (let i = 0; i < 300; i++) {
      small.append(simpleBatch(10, { tag: i, valueBytes: 120 }))
      expected.push(Buffer.concat(small.read(small.logEndOffset - 1n, 1, ALL).records))
    }
    const all = Buffer.concat(expected)
    expect(Buffer.concat(small.read(0n, 1 << 30, ALL).records).equals(all)).toBe(true)
    let offset = 0n
    const pieces: Buffer[] = []
    while (offset < small.logEndOffset) {
      const r = small.read(offset, 5000, ALL)
      const headers = parseBatches(r.records)
      pieces.push(...r.records)
      offset = (headers[headers.length - 1]?.lastOffset ?? 0n) + 1n
    }
    expect(Buffer.concat(pieces).equals(all)).toBe(true)
  })

  it('never changes bytes already handed to a reader', () => {
    const log = fx.open()
    log.append(simpleBatch(3, { tag: 1 }))
    const first = log.read(0n, 1 << 20, ALL).records
    const snapshot = Buffer.from(Buffer.concat(first))
    for (let i = 0; i < 200; i++) log.append(simpleBatch(5, { tag: i }))
    log.roll()
    log.append(simpleBatch(2))
    expect(Buffer.concat(first).equals(snapshot)).toBe(true)
  })
})
