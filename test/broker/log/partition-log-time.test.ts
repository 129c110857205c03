import { existsSync, readdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogPolicyViolationError, OffsetOutOfRangeError } from '../../../src/broker/log/errors.js'
import { buildBatch, parseBatches, simpleBatch } from './helpers/batch-builder.js'
import { config, type LogFixture, logFixture } from './helpers/log-modes.js'

const ALL = { minOneBatch: true, maxOffset: 1n << 62n }

describe.each(['memory', 'file'] as const)('PartitionLog time, retention and deletion (%s)', (mode) => {
  let fx: LogFixture
  let now = 0
  const clock = (): number => now
  beforeEach(async () => {
    fx = await logFixture(mode)
    now = 1_000_000
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  function tsBatch(...timestamps: number[]): Buffer {
    return buildBatch(timestamps.map((t) => ({ value: Buffer.from(`v${t}`), timestamp: BigInt(t) })), { baseTimestamp: BigInt(Math.min(...timestamps)) })
  }

  describe('offsetForTimestamp', () => {
    it('returns the first record in offset order whose timestamp reaches the target', () => {
      const log = fx.open()
      log.append(tsBatch(100, 101, 102, 103, 104)) // 0..4
      log.append(tsBatch(200, 201, 202)) // 5..7
      log.append(tsBatch(150)) // 8
      expect(log.offsetForTimestamp(0n)).toEqual({ offset: 0n, timestamp: 100n })
      expect(log.offsetForTimestamp(102n)).toEqual({ offset: 2n, timestamp: 102n })
      expect(log.offsetForTimestamp(150n)).toEqual({ offset: 5n, timestamp: 200n })
      expect(log.offsetForTimestamp(201n)).toEqual({ offset: 6n, timestamp: 201n })
      expect(log.offsetForTimestamp(203n)).toBeNull()
      expect(log.offsetForTimestamp(201n, { maxOffset: 6n })).toBeNull()
    })

    it('uses the time index across many segments', () => {
      const log = fx.open({ config: config({ 'segment.bytes': '4096', 'index.interval.bytes': '256' }) })
      for (let i = 0; i < 300; i++) log.append(tsBatch(10_000 + i * 10, 10_000 + i * 10 + 5))
      expect(log.segments().length).toBeGreaterThan(3)
      for (const i of [0, 1, 77, 150, 299]) {
        expect(log.offsetForTimestamp(BigInt(10_000 + i * 10 + 1))).toEqual({ offset: BigInt(i * 2 + 1), timestamp: BigInt(10_000 + i * 10 + 5) })
        expect(log.offsetForTimestamp(BigInt(10_000 + i * 10))).toEqual({ offset: BigInt(i * 2), timestamp: BigInt(10_000 + i * 10) })
      }
    })

    it('searches inside gzip batches and skips records below the log start offset', () => {
      const log = fx.open()
      log.append(buildBatch([10, 20, 30, 40].map((t) => ({ value: Buffer.from('x'), timestamp: BigInt(t) })), { gzip: true }))
      expect(log.offsetForTimestamp(25n)).toEqual({ offset: 2n, timestamp: 30n })
      log.deleteRecordsBefore(3n)
      expect(log.offsetForTimestamp(0n)).toEqual({ offset: 3n, timestamp: 40n })
    })
  })

  it('rolls a segment once segment.ms of record time has passed since its first batch', () => {
    const log = fx.open({ config: config({ 'segment.ms': '1000' }), clock })
    log.append(tsBatch(5_000))
    log.append(tsBatch(5_900))
    expect(log.segments()).toHaveLength(1)
    log.append(tsBatch(6_001))
    expect(log.segments().map((s) => s.baseOffset)).toEqual([0n, 2n])
  })

  it('deletes segments older than retention.ms, including the active one, keeping the log end', () => {
    const oneBatch = String(tsBatch(1_000_000).length + 10)
    const log = fx.open({ config: config({ 'segment.bytes': oneBatch, 'retention.ms': '10000' }), clock })
    for (let i = 0; i < 10; i++) log.append(tsBatch(1_000_000 + i * 1000))
    const before = log.segments()
    expect(before.length).toBe(10)
    now = 1_000_000 + 4_000 + 10_001 // segments with max ts <= 1_004_000 are expired
    expect(log.applyRetention(now)).toBe(5)
    expect(log.logStartOffset).toBe(5n)
    expect(() => log.read(4n, 1000, ALL)).toThrow(OffsetOutOfRangeError)
    expect(parseBatches(log.read(5n, 1 << 20, ALL).records)[0]?.baseOffset).toBe(5n)
    if (mode === 'file') {
      const logs = readdirSync(log.dir as string).filter((f) => f.endsWith('.log'))
      expect(logs).toHaveLength(5)
    }
    now = 10_000_000
    expect(log.applyRetention(now)).toBe(5)
    expect(log.logStartOffset).toBe(10n)
    expect(log.logEndOffset).toBe(10n)
    expect(log.segments()).toEqual([{ baseOffset: 10n, nextOffset: 10n, sizeBytes: 0, maxTimestamp: -1n }])
    expect(log.append(tsBatch(now)).baseOffset).toBe(10n)
  })

  it('deletes the oldest segments while the log is larger than retention.bytes', () => {
    const size = simpleBatch(2).length
    const log = fx.open({ config: config({ 'segment.bytes': String(size * 2), 'retention.bytes': String(size * 5) }), clock })
    for (let i = 0; i < 10; i++) log.append(simpleBatch(2))
    expect(log.segments()).toHaveLength(5)
    expect(log.sizeBytes).toBe(size * 10)
    expect(log.applyRetention(now)).toBe(2)
    expect(log.sizeBytes).toBe(size * 6)
    expect(log.logStartOffset).toBe(8n)
  })

  it('keeps everything when cleanup.policy is compact only', () => {
    const log = fx.open({ config: config({ 'segment.bytes': '300', 'retention.ms': '1', 'cleanup.policy': 'compact' }), clock })
    // Compacted topics only take keyed records (Kafka's LogValidator.validateKey).
    for (let i = 0; i < 4; i++) log.append(buildBatch([{ key: Buffer.from('k'), value: Buffer.from('v1'), timestamp: 1n }], { baseTimestamp: 1n }))
    expect(log.applyRetention(now)).toBe(0)
    expect(() => log.deleteRecordsBefore(1n)).toThrow(LogPolicyViolationError)
  })

  it('moves the log start offset with deleteRecordsBefore and drops whole segments below it', () => {
    const oneBatch = String(tsBatch(0, 1).length + 10)
    const log = fx.open({ config: config({ 'segment.bytes': oneBatch }), clock })
    for (let i = 0; i < 6; i++) log.append(tsBatch(i, i + 1))
    expect(log.deleteRecordsBefore(5n)).toBe(5n)
    expect(log.segments()[0]?.baseOffset).toBe(4n)
    expect(log.read(5n, 1 << 20, ALL).records.length).toBeGreaterThan(0)
    expect(parseBatches(log.read(5n, 1 << 20, ALL).records)[0]?.baseOffset).toBe(4n)
    expect(() => log.read(4n, 100, ALL)).toThrow(OffsetOutOfRangeError)
    expect(log.deleteRecordsBefore(2n)).toBe(5n)
    expect(() => log.deleteRecordsBefore(13n)).toThrow(OffsetOutOfRangeError)
    expect(log.deleteRecordsBefore(-1n)).toBe(12n)
    expect(log.logEndOffset).toBe(12n)
    const reopened = fx.reopen(log, { config: config({ 'segment.bytes': oneBatch }), clock })
    expect(reopened.logStartOffset).toBe(12n)
    if (mode === 'file') expect(existsSync(`${reopened.dir}/log-start-offset`)).toBe(true)
  })
})
