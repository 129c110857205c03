import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { crc32c } from '../../../src/wire/crc32c.js'
import { CorruptRecordBatchError, InvalidRecordBatchError, LogClosedError, RecordTooLargeError } from '../../../src/broker/log/errors.js'
import { buildBatch, parseBatches, simpleBatch } from './helpers/batch-builder.js'
import { config, type LogFixture, logFixture } from './helpers/log-modes.js'

const ALL = { minOneBatch: true, maxOffset: 1n << 62n }

describe.each(['memory', 'file'] as const)('PartitionLog append validation (%s)', (mode) => {
  let fx: LogFixture
  beforeEach(async () => {
    fx = await logFixture(mode)
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  function expectNothingStored(log: ReturnType<LogFixture['open']>): void {
    expect(log.logEndOffset).toBe(0n)
    expect(log.sizeBytes).toBe(0)
  }

  it('rejects a batch whose CRC32C does not match with CORRUPT_MESSAGE', () => {
    const log = fx.open()
    const batch = simpleBatch(3)
    batch[batch.length - 1] = (batch[batch.length - 1] as number) ^ 0xff
    const err = (() => {
      try {
        log.append(batch)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(err).toBeInstanceOf(CorruptRecordBatchError)
    expect((err as CorruptRecordBatchError).errorCode).toBe(2)
    expect((err as CorruptRecordBatchError).message).toMatch(/Record is corrupt \(stored crc = \d+, computed crc = \d+\) in topic partition t-0/)
    expectNothingStored(log)
  })

  it('accepts a corrupt CRC when the caller disabled verification', () => {
    const log = fx.open()
    const batch = simpleBatch(1)
    batch[batch.length - 1] = (batch[batch.length - 1] as number) ^ 0xff
    expect(log.append(batch, { verifyCrc: false }).baseOffset).toBe(0n)
  })

  it('rejects batches above max.message.bytes with MESSAGE_TOO_LARGE and record sets above segment.bytes with RECORD_LIST_TOO_LARGE', () => {
    const log = fx.open({ config: config({ 'max.message.bytes': '500', 'segment.bytes': '1000' }) })
    expect(() => log.append(simpleBatch(10))).toThrow(RecordTooLargeError)
    try {
      log.append(simpleBatch(10))
    } catch (e) {
      expect((e as RecordTooLargeError).errorCode).toBe(10)
      expect((e as Error).message).toContain('which exceeds the maximum configured value of 500')
    }
    const small = Buffer.concat(Array.from({ length: 8 }, () => simpleBatch(1)))
    try {
      log.append(small)
      expect.unreachable()
    } catch (e) {
      expect((e as RecordTooLargeError).errorCode).toBe(18)
    }
    expectNothingStored(log)
  })

  it('rejects client batches breaking Kafka rules with INVALID_RECORD', () => {
    const log = fx.open()
    const cases: Buffer[] = [
      buildBatch([{ value: Buffer.from('a') }], { baseOffset: 7n }),
      buildBatch([{ value: Buffer.from('a') }], { attributes: 0x30 }),
      buildBatch([{ value: Buffer.from('a') }], { producerId: 5n, baseSequence: -1 }),
    ]
    const badCount = simpleBatch(2)
    badCount.writeInt32BE(5, 57) // recordsCount != lastOffsetDelta + 1 (CRC recomputed below)
    cases.push(withCrc(badCount))
    for (const batch of cases) {
      expect(() => log.append(batch)).toThrow(InvalidRecordBatchError)
    }
    expectNothingStored(log)
  })

  it('lets the coordinator append control batches', () => {
    const log = fx.open()
    const marker = buildBatch([{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }], { attributes: 0x30, producerId: 9n, producerEpoch: 0 })
    expect(log.append(marker, { origin: 'coordinator' }).baseOffset).toBe(0n)
  })

  it('rejects magic other than 2 and sizes below the batch header', () => {
    const log = fx.open()
    const v1 = simpleBatch(1)
    v1.writeInt8(1, 16)
    expect(() => log.append(v1)).toThrow(CorruptRecordBatchError)
    const tiny = simpleBatch(1)
    tiny.writeInt32BE(10, 8)
    expect(() => log.append(tiny)).toThrow(/smaller than the minimum allowed overhead 61/)
    expectNothingStored(log)
  })

  it('ignores a trailing partial batch and reports -1 offsets for an empty record set', () => {
    const log = fx.open()
    const whole = simpleBatch(2)
    const partial = simpleBatch(3).subarray(0, 40)
    expect(log.append(Buffer.concat([whole, partial]))).toMatchObject({ baseOffset: 0n, lastOffset: 1n, recordCount: 2 })
    expect(log.append(Buffer.alloc(0))).toEqual({ baseOffset: -1n, lastOffset: -1n, logAppendTime: -1n, recordCount: 0 })
    expect(parseBatches(log.read(0n, 1 << 20, ALL).records)).toHaveLength(1)
  })

  it('rejects every operation once closed', () => {
    const log = fx.open()
    log.close()
    expect(() => log.append(simpleBatch(1))).toThrow(LogClosedError)
    expect(() => log.read(0n, 10, ALL)).toThrow(LogClosedError)
  })
})

function withCrc(batch: Buffer): Buffer {
  const fixed = Buffer.from(batch)
  fixed.writeUInt32BE(crc32c(fixed, 21, fixed.length), 17)
  return fixed
}
