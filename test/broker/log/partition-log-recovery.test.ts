import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogStorageError } from '../../../src/broker/log/errors.js'
import { PartitionLog } from '../../../src/broker/log/partition-log.js'
import { tempDir } from '../../helpers/temp-dir.js'
import { parseBatches, simpleBatch } from './helpers/batch-builder.js'
import { config } from './helpers/log-modes.js'

const ALL = { minOneBatch: true, maxOffset: 1n << 62n }

describe('PartitionLog recovery (file mode)', () => {
  let dir: { path: string; cleanup: () => Promise<void> }
  let logDir: string
  const opened: PartitionLog[] = []
  const cfg = config({ 'segment.bytes': '20000', 'index.interval.bytes': '256' })

  beforeEach(async () => {
    dir = await tempDir('tributary-recovery-')
    logDir = join(dir.path, 't-0')
  })
  afterEach(async () => {
    for (const l of opened.splice(0)) l.close()
    await dir.cleanup()
  })

  function open(): PartitionLog {
    const log = PartitionLog.open({ topic: 't', partition: 0, dir: logDir, config: cfg })
    opened.push(log)
    return log
  }

  /** Appends batches without closing (a crashed process leaves exactly these bytes behind). */
  function writeAndCrash(batches: number): { log: PartitionLog; ends: bigint[]; contents: Buffer } {
    const log = open()
    const ends: bigint[] = []
    for (let i = 0; i < batches; i++) ends.push(log.append(simpleBatch(1 + (i % 4), { tag: i })).lastOffset)
    const contents = Buffer.concat(log.read(0n, 1 << 30, ALL).records)
    return { log, ends, contents }
  }

  function activeSegmentFile(): string {
    const logs = readdirSync(logDir).filter((f) => f.endsWith('.log')).sort()
    return join(logDir, logs[logs.length - 1] as string)
  }

  function expectIntact(log: PartitionLog, ends: bigint[], contents: Buffer): void {
    expect(log.logEndOffset).toBe((ends[ends.length - 1] as bigint) + 1n)
    const again = Buffer.concat(log.read(0n, 1 << 30, ALL).records)
    expect(again.equals(contents)).toBe(true)
    expect(parseBatches([again]).every((h) => h.crcValid)).toBe(true)
  }

  it('truncates garbage appended after the last batch', () => {
    const { ends, contents } = writeAndCrash(120)
    const file = activeSegmentFile()
    const validSize = statSync(file).size
    appendFileSync(file, Buffer.from('this is definitely not a record batch, just junk bytes'))
    const log = open()
    expectIntact(log, ends, contents)
    expect(statSync(file).size).toBe(validSize)
    expect(log.append(simpleBatch(2)).baseOffset).toBe(log.logEndOffset - 2n)
  })

  it('truncates a batch torn in the middle of its write', () => {
    const { ends, contents } = writeAndCrash(120)
    const file = activeSegmentFile()
    const validSize = statSync(file).size
    appendFileSync(file, simpleBatch(9).subarray(0, 100))
    const log = open()
    expectIntact(log, ends, contents)
    expect(statSync(file).size).toBe(validSize)
  })

  it('drops a last batch whose CRC no longer matches and keeps every earlier one', () => {
    const { ends, contents } = writeAndCrash(120)
    const file = activeSegmentFile()
    const bytes = readFileSync(file)
    const lastBatches = parseBatches([bytes])
    const last = lastBatches[lastBatches.length - 1]
    if (last === undefined) throw new Error('no batch')
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x55
    writeFileSync(file, bytes)
    const log = open()
    const survivors = ends.filter((e) => e < last.baseOffset)
    expect(log.logEndOffset).toBe(last.baseOffset)
    expect(Buffer.concat(log.read(0n, 1 << 30, ALL).records).equals(contents.subarray(0, contents.length - last.size))).toBe(true)
    expect(survivors.length).toBe(ends.length - 1)
  })

  it('recovers when the file was cut in the middle of a batch', () => {
    const { ends, contents } = writeAndCrash(120)
    const file = activeSegmentFile()
    const headers = parseBatches([readFileSync(file)])
    const last = headers[headers.length - 1] as { baseOffset: bigint; size: number }
    truncateSync(file, statSync(file).size - Math.floor(last.size / 2))
    const log = open()
    expect(log.logEndOffset).toBe(last.baseOffset)
    expect(Buffer.concat(log.read(0n, 1 << 30, ALL).records).equals(contents.subarray(0, contents.length - last.size))).toBe(true)
    expect(ends.length).toBeGreaterThan(0)
  })

  it('rebuilds missing or damaged index files and still finds every offset', () => {
    const { ends, contents, log: first } = writeAndCrash(400)
    first.close()
    const files = readdirSync(logDir)
    const indexes = files.filter((f) => f.endsWith('.index'))
    expect(indexes.length).toBeGreaterThan(1)
    unlinkSync(join(logDir, indexes[0] as string))
    writeFileSync(join(logDir, indexes[1] as string), Buffer.alloc(64, 0xab))
    for (const f of files.filter((x) => x.endsWith('.timeindex')).slice(-1)) writeFileSync(join(logDir, f), Buffer.alloc(5))
    const log = open()
    expectIntact(log, ends, contents)
    let prevEnd = -1n
    for (const end of ends) {
      for (let o = prevEnd + 1n; o <= end; o++) {
        const [h] = parseBatches(log.read(o, 1, ALL).records)
        expect(h?.lastOffset).toBe(end)
      }
      prevEnd = end
    }
    expect(readFileSync(join(logDir, indexes[0] as string)).length).toBeGreaterThan(0)
  })

  it('loses no acknowledged batch when the appending process is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', 'test/broker/log/helpers/append-child.ts', logDir], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let lastAcked = -1n
    let acks = 0
    let buffered = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    const acked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child produced ${acks} acks in time; stderr: ${stderr}`)), 20_000)
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) {
          const m = /^acked (\d+) (\d+)$/.exec(line)
          if (m) {
            lastAcked = BigInt(m[2] as string)
            acks++
          }
        }
        if (acks >= 3000) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    try {
      await acked
    } finally {
      child.kill('SIGKILL')
      await exited
    }
    const log = open()
    expect(log.logEndOffset).toBeGreaterThan(lastAcked)
    const headers = parseBatches(log.read(0n, 1 << 30, ALL).records)
    expect(headers.every((h) => h.crcValid)).toBe(true)
    expect(headers[headers.length - 1]?.lastOffset).toBe(log.logEndOffset - 1n)
    for (let i = 1; i < headers.length; i++) expect(headers[i]?.baseOffset).toBe((headers[i - 1]?.lastOffset ?? 0n) + 1n)
  })

  it('leaves nothing of an append whose write fails and keeps working afterwards', () => {
    const log = open()
    log.append(simpleBatch(3))
    const realWrite = fs.writeSync
    fs.writeSync = (() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 })
    }) as typeof fs.writeSync
    syncBuiltinESMExports()
    try {
      expect(() => log.append(simpleBatch(4))).toThrow(LogStorageError)
    } finally {
      fs.writeSync = realWrite
      syncBuiltinESMExports()
    }
    expect(log.logEndOffset).toBe(3n)
    expect(log.append(simpleBatch(2)).baseOffset).toBe(3n)
    const before = Buffer.concat(log.read(0n, 1 << 20, ALL).records)
    expect(parseBatches([before]).map((h) => h.baseOffset)).toEqual([0n, 3n])
    log.close()
    const again = open()
    expect(Buffer.concat(again.read(0n, 1 << 20, ALL).records).equals(before)).toBe(true)
  })
})
