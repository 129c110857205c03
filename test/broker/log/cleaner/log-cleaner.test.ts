import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LogCleaner } from '../../../../src/broker/log/cleaner/log-cleaner.js'
import { PartitionLog } from '../../../../src/broker/log/partition-log.js'
import { buildEndTxnMarker, buildRecordBatch, decodeRecords } from '../../../../src/broker/protocol/index.js'
import { config, logFixture, type LogFixture } from '../helpers/log-modes.js'

const COMPACT = { 'cleanup.policy': 'compact', 'segment.bytes': '4096', 'delete.retention.ms': '1000' }

function put(key: string, value: string | null, ts = 1_000n, producer: { id: bigint; epoch: number; seq: number; txn?: boolean } | null = null): Buffer {
  return buildRecordBatch([{ key: Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp: ts }], {
    ...(producer === null ? {} : { producerId: producer.id, producerEpoch: producer.epoch, baseSequence: producer.seq, transactional: producer.txn === true }),
  })
}

/** Every record readable from the log start, as [offset, key, value]. */
function readAll(log: PartitionLog): [bigint, string, string | null][] {
  const out: [bigint, string, string | null][] = []
  log.forEachBatch(log.logStartOffset, (batch) => {
    if ((batch.readInt16BE(21) & 0x20) !== 0) return
    for (const r of decodeRecords(batch)) out.push([r.offset, r.key?.toString() ?? '', r.value === null ? null : r.value.toString()])
  })
  return out
}

function controlOffsets(log: PartitionLog): bigint[] {
  const out: bigint[] = []
  log.forEachBatch(log.logStartOffset, (batch, base) => {
    if ((batch.readInt16BE(21) & 0x20) !== 0) out.push(base)
  })
  return out
}

describe.each(['memory', 'file'] as const)('LogCleaner (%s)', (mode) => {
  let fx: LogFixture

  afterEach(async () => {
    await fx.cleanup()
  })

  it('keeps exactly the latest value of every key, at its original offset, after 20K updates over 200 keys', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    const latest = new Map<string, [bigint, string]>()
    for (let i = 0; i < 20_000; i++) {
      const key = `k${i % 200}`
      const value = `v${i}`
      const r = log.append(put(key, value))
      latest.set(key, [r.baseOffset, value])
    }
    log.roll()
    const before = log.segments().length
    const result = new LogCleaner().clean(log, Date.now())
    expect(result).not.toBeNull()
    expect(log.segments().length).toBeLessThan(before)
    const records = readAll(log)
    expect(records.length).toBe(200)
    expect(new Map(records.map(([offset, key, value]) => [key, [offset, value]]))).toEqual(latest)
    expect(log.logEndOffset).toBe(20_000n)
    // Reads from any offset still work across the gaps compaction left.
    const read = log.read(5_000n, 1 << 20, { minOneBatch: true, maxOffset: log.highWatermark })
    expect(read.size).toBeGreaterThan(0)
    const reopened = fx.reopen(log, { config: config(COMPACT) })
    expect(readAll(reopened)).toEqual(records)
  })

  it('leaves data handed out by an earlier read intact when it swaps the segments that read came from', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    for (let i = 0; i < 300; i++) log.append(put(`k${i % 3}`, `v${i}`))
    log.roll()
    const before = log.read(0n, 1 << 20, { minOneBatch: true, maxOffset: log.highWatermark })
    const copy = Buffer.concat(before.records)
    new LogCleaner().clean(log, Date.now())
    expect(Buffer.concat(before.records).equals(copy)).toBe(true)
    const after = log.read(0n, 1 << 20, { minOneBatch: true, maxOffset: log.highWatermark })
    expect(after.size).toBeLessThan(before.size)
    // A reader positioned in a removed range continues with the next kept batch.
    const resumed = log.read(150n, 1 << 20, { minOneBatch: true, maxOffset: log.highWatermark })
    expect(decodeRecords(resumed.records[0]!)[0]!.offset).toBeGreaterThanOrEqual(150n)
  })

  it('waits for min.cleanable.dirty.ratio, then cleans only the new dirty section', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config({ ...COMPACT, 'min.cleanable.dirty.ratio': '0.5' }) })
    for (let i = 0; i < 2_000; i++) log.append(put(`k${i % 10}`, `v${i}`))
    log.roll()
    const cleaner = new LogCleaner()
    expect(cleaner.maybeClean(log, Date.now())).not.toBeNull()
    const firstDirty = cleaner.checkpoint(log)?.firstDirtyOffset
    expect(firstDirty).toBe(2_000n)
    // A little new data: the dirty share stays below one half, nothing to do.
    log.append(put('k1', 'small'))
    log.roll()
    expect(cleaner.maybeClean(log, Date.now())).toBeNull()
    for (let i = 0; i < 500; i++) log.append(put(`k${i % 10}`, `w${i}`))
    log.roll()
    expect(cleaner.maybeClean(log, Date.now())).not.toBeNull()
    expect(new Map(readAll(log).map(([, k, v]) => [k, v])).get('k9')).toBe('w499')
  })

  it('keeps a tombstone until delete.retention.ms after the pass that first saw it, then removes it', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    log.append(put('gone', 'value'))
    log.append(put('stays', 'value'))
    log.append(put('gone', null))
    log.roll()
    const cleaner = new LogCleaner()
    const t0 = 1_000_000
    cleaner.maybeClean(log, t0)
    expect(readAll(log).map(([, k, v]) => `${k}=${v}`)).toEqual(['stays=value', 'gone=null'])
    expect(cleaner.checkpoint(log)?.deleteHorizonMs).toBe(t0 + 1000)
    // Not yet due: no dirty data and the horizon is in the future.
    expect(cleaner.maybeClean(log, t0 + 500)).toBeNull()
    expect(cleaner.maybeClean(log, t0 + 1001)).not.toBeNull()
    expect(readAll(log).map(([, k, v]) => `${k}=${v}`)).toEqual(['stays=value'])
  })

  it('removes aborted transactional data, keeps committed data, and drops markers once their transactions are gone', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    const a = { id: 7n, epoch: 0, seq: 0, txn: true }
    log.append(put('x', 'aborted-1', 1_000n, a))
    log.append(put('y', 'plain'))
    log.append(put('x', 'aborted-2', 1_000n, { ...a, seq: 1 }))
    log.append(buildEndTxnMarker({ producerId: 7n, producerEpoch: 0, committed: false, timestamp: 1_000n }), { origin: 'coordinator' })
    log.append(put('z', 'committed', 1_000n, { ...a, seq: 2 }))
    log.append(buildEndTxnMarker({ producerId: 7n, producerEpoch: 0, committed: true, timestamp: 1_000n }), { origin: 'coordinator' })
    log.roll()
    expect(log.producerState.transactionIndex.all().map((t) => [t.firstOffset, t.lastOffset])).toEqual([[0n, 3n]])
    const cleaner = new LogCleaner()
    const t0 = 5_000_000
    cleaner.clean(log, t0)
    expect(readAll(log).map(([, k, v]) => `${k}=${v}`)).toEqual(['y=plain', 'z=committed'])
    // Markers whose transaction had data in this pass stay (with the aborted entry).
    expect(controlOffsets(log)).toEqual([3n, 5n])
    expect(log.producerState.transactionIndex.size).toBe(1)
    // Next pass: no data of the aborted transaction left, so its marker gets a horizon and its index entry goes.
    cleaner.clean(log, t0 + 1)
    expect(log.producerState.transactionIndex.size).toBe(0)
    expect(controlOffsets(log)).toEqual([3n, 5n])
    cleaner.clean(log, t0 + 2_000)
    expect(controlOffsets(log)).toEqual([5n])
    expect(readAll(log).map(([, k, v]) => `${k}=${v}`)).toEqual(['y=plain', 'z=committed'])
  })

  it('refuses records without a key on a compacted topic, as Kafka does (INVALID_RECORD)', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    const keyless = buildRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('a') }, { key: null, value: Buffer.from('b') }])
    expect(() => log.append(keyless)).toThrow(expect.objectContaining({ errorCode: 87, message: expect.stringContaining('without key') }))
    expect(log.append(put('k', 'v')).baseOffset).toBe(0n)
    const gzipKeyless = buildRecordBatch([{ key: null, value: Buffer.from('b') }], { compression: 'gzip' })
    expect(() => log.append(gzipKeyless)).toThrow(/without key/)
  })

  it('never cleans at or past the first offset of an open transaction', async () => {
    fx = await logFixture(mode)
    const log = fx.open({ config: config(COMPACT) })
    for (let i = 0; i < 10; i++) log.append(put('k', `old${i}`))
    log.roll()
    log.append(put('k', 'open', 1_000n, { id: 3n, epoch: 0, seq: 0, txn: true }))
    log.roll()
    for (let i = 0; i < 10; i++) log.append(put('k', `later${i}`))
    log.roll()
    expect(log.lastStableOffset).toBe(10n)
    new LogCleaner().clean(log, Date.now())
    // Only the segment below the LSO was cleaned; nothing from the open transaction on was touched.
    expect(readAll(log).filter(([o]) => o >= 10n).length).toBe(11)
    expect(readAll(log).filter(([o]) => o < 10n).map(([, , v]) => v)).toEqual(['old9'])
  })
})

describe('LogCleaner crash safety (file mode)', () => {
  let fx: LogFixture

  afterEach(async () => {
    await fx.cleanup()
  })

  function fill(log: PartitionLog): void {
    for (let i = 0; i < 600; i++) log.append(put(`k${i % 20}`, `v${i}`))
    log.roll()
  }

  it('discards an uncommitted swap (.cleaned files) on open', async () => {
    fx = await logFixture('file')
    const log = fx.open({ config: config(COMPACT) })
    fill(log)
    const before = readAll(log)
    const dir = log.dir as string
    log.close()
    writeFileSync(join(dir, '00000000000000000000.log.cleaned'), Buffer.from('partial'))
    writeFileSync(join(dir, 'transaction.index.cleaned'), Buffer.alloc(0))
    const reopened = PartitionLog.open({ topic: 't', partition: 0, dir, config: config(COMPACT) })
    try {
      expect(readAll(reopened)).toEqual(before)
      expect(readdirSync(dir).filter((n) => n.endsWith('.cleaned') || n.endsWith('.swap'))).toEqual([])
    } finally {
      reopened.close()
    }
  })

  it('completes a committed swap (.log.swap present) on open, replacing the segments it covers', async () => {
    fx = await logFixture('file')
    const log = fx.open({ config: config(COMPACT) })
    fill(log)
    const dir = log.dir as string
    // Clean a copy of the same data in a second directory to obtain the cleaned segment files.
    const twinFx = await logFixture('file')
    try {
      const twin = twinFx.open({ config: config(COMPACT) })
      fill(twin)
      new LogCleaner().clean(twin, Date.now())
      const twinDir = twin.dir as string
      const cleanedBase = twin.segments()[0]!.baseOffset
      const covered = twin.segments()[0]!.nextOffset
      // The swap replaces the segments it covers; later ones are untouched.
      const expected = [...readAll(twin).filter(([o]) => o < covered), ...readAll(log).filter(([o]) => o >= covered)]
      twin.close()
      log.close()
      // Pretend the crash hit right after the commit point: the cleaned log renamed to .swap, old segments still there.
      const stem = cleanedBase.toString().padStart(20, '0')
      for (const ext of ['log', 'index', 'timeindex']) {
        renameSync(join(twinDir, `${stem}.${ext}`), join(dir, `${stem}.${ext}.swap`))
      }
      const reopened = PartitionLog.open({ topic: 't', partition: 0, dir, config: config(COMPACT) })
      try {
        expect(readAll(reopened)).toEqual(expected)
        expect(reopened.logEndOffset).toBe(600n)
        expect(existsSync(join(dir, `${stem}.log.swap`))).toBe(false)
      } finally {
        reopened.close()
      }
    } finally {
      await twinFx.cleanup()
    }
  })
})
