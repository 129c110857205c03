/**
 * Broker log throughput: appending produced batches (validation + CRC32C + copy + write) and
 * reading them back for Fetch, in file mode (against raw `writeSync`/`readSync` of the same bytes
 * in the same run) and in memory mode. Records: 100-byte value, 10-byte key, 1,000 per batch,
 * plus single-record batches (what kafkajs sends per `send`). `npm run bench -- log-append-read`.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { crc32c } from '../../src/wire/crc32c.js'
import { PartitionLog } from '../../src/broker/log/partition-log.js'
import { validateTopicConfig } from '../../src/broker/log/topic-config.js'

const SMOKE = Boolean(process.env.BENCH_SMOKE)
const RECORDS = SMOKE ? 20_000 : 1_000_000
const PER_BATCH = 1000
const SMALL_BATCHES = SMOKE ? 5_000 : 200_000
const RUNS = SMOKE ? 1 : 3
const FETCH_BYTES = 1024 * 1024

function zigzag(n: number): number[] {
  let v = n >= 0 ? n * 2 : -n * 2 - 1
  const out: number[] = []
  while (v >= 128) {
    out.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  out.push(v)
  return out
}

/** One v2 batch of `count` records (10-byte key, 100-byte value), baseOffset 0, valid CRC. */
function makeBatch(count: number): Buffer {
  const records: Buffer[] = []
  for (let i = 0; i < count; i++) {
    const body = Buffer.concat([
      Buffer.from([0, ...zigzag(i), ...zigzag(i), ...zigzag(10)]),
      Buffer.from(`key-${String(i % 1000000).padStart(6, '0')}`),
      Buffer.from(zigzag(100)),
      Buffer.alloc(100, i & 0xff),
      Buffer.from(zigzag(0)),
    ])
    records.push(Buffer.from(zigzag(body.length)), body)
  }
  const recs = Buffer.concat(records)
  const h = Buffer.alloc(61)
  h.writeInt32BE(49 + recs.length, 8)
  h.writeInt8(2, 16)
  h.writeInt32BE(count - 1, 23)
  h.writeBigInt64BE(1_700_000_000_000n, 27)
  h.writeBigInt64BE(1_700_000_000_000n + BigInt(count), 35)
  h.writeBigInt64BE(-1n, 43)
  h.writeInt16BE(-1, 51)
  h.writeInt32BE(-1, 53)
  h.writeInt32BE(count, 57)
  const batch = Buffer.concat([h, recs])
  batch.writeUInt32BE(crc32c(batch, 21, batch.length), 17)
  return batch
}

const big = makeBatch(PER_BATCH)
const small = makeBatch(1)
const config = (() => {
  const r = validateTopicConfig({ 'segment.bytes': String(256 * 1024 * 1024) })
  if (!r.ok) throw new Error(r.message)
  return r.config
})()

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

function timed(fn: () => number): number {
  const t0 = process.hrtime.bigint()
  const n = fn()
  return n / (Number(process.hrtime.bigint() - t0) / 1e9)
}

function emit(bench: string, value: number, baseline?: { vs: string; value: number }): void {
  const line: Record<string, unknown> = { bench, value: Math.round(value), unit: 'records/s' }
  if (baseline) {
    line['vs'] = baseline.vs
    line['ratio'] = Number((value / baseline.value).toFixed(2))
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

function appendAll(log: PartitionLog, batch: Buffer, batches: number): number {
  for (let i = 0; i < batches; i++) log.append(batch)
  return batches * (batch.readInt32BE(57))
}

function readAll(log: PartitionLog): number {
  let offset = log.logStartOffset
  const end = log.logEndOffset
  let bytes = 0
  while (offset < end) {
    const r = log.read(offset, FETCH_BYTES, { minOneBatch: true, maxOffset: end })
    const lastBuf = r.records[r.records.length - 1] as Buffer
    bytes += r.size
    // the next offset follows the last batch: walk its last header
    let pos = 0
    let next = offset
    while (pos < lastBuf.length) {
      next = lastBuf.readBigInt64BE(pos) + BigInt(lastBuf.readInt32BE(pos + 23)) + 1n
      pos += lastBuf.readInt32BE(pos + 8) + 12
    }
    offset = next
  }
  return bytes
}

const root = mkdtempSync(join(tmpdir(), 'tributary-bench-log-'))
let runId = 0
const fresh = (mode: 'file' | 'memory', tailCacheBytes?: number): PartitionLog =>
  PartitionLog.open({
    topic: 'bench',
    partition: 0,
    config,
    ...(mode === 'file' ? { dir: join(root, `p-${runId++}`) } : {}),
    ...(tailCacheBytes === undefined ? {} : { tailCacheBytes }),
  })

const batches = RECORDS / PER_BATCH
const appendFile: number[] = []
const rawWrite: number[] = []
const readTail: number[] = []
const readFile: number[] = []
const rawRead: number[] = []
const appendMem: number[] = []
const readMem: number[] = []
const appendSmall: number[] = []
try {
  for (let r = 0; r < RUNS + 1; r++) {
    const keep = r > 0 // first round warms up
    const log = fresh('file', 64 * 1024 * 1024)
    const a = timed(() => appendAll(log, big, batches))
    const rt = timed(() => readAll(log) / (big.length / PER_BATCH))
    const dir = log.dir as string
    log.close()
    const reopened = PartitionLog.open({ topic: 'bench', partition: 0, dir, config })
    const rf = timed(() => readAll(reopened) / (big.length / PER_BATCH))
    reopened.close()
    const rawPath = join(root, `raw-${r}`)
    const w = timed(() => {
      const fd = openSync(rawPath, 'w')
      let pos = 0
      for (let i = 0; i < batches; i++) pos += writeSync(fd, big, 0, big.length, pos)
      closeSync(fd)
      return RECORDS
    })
    const rr = timed(() => {
      const fd = openSync(rawPath, 'r')
      const buf = Buffer.allocUnsafe(FETCH_BYTES)
      let pos = 0
      for (;;) {
        const n = readSync(fd, buf, 0, FETCH_BYTES, pos)
        if (n === 0) break
        pos += n
      }
      closeSync(fd)
      return RECORDS
    })
    const mem = fresh('memory')
    const am = timed(() => appendAll(mem, big, batches))
    const rm = timed(() => readAll(mem) / (big.length / PER_BATCH))
    mem.close()
    const smallLog = fresh('file')
    const as = timed(() => appendAll(smallLog, small, SMALL_BATCHES))
    smallLog.close()
    if (keep) {
      appendFile.push(a)
      readTail.push(rt)
      readFile.push(rf)
      rawWrite.push(w)
      rawRead.push(rr)
      appendMem.push(am)
      readMem.push(rm)
      appendSmall.push(as)
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}

emit('log-append-file', median(appendFile), { vs: 'raw writeSync of the same batches', value: median(rawWrite) })
emit('log-read-file', median(readFile), { vs: 'raw readSync in 1 MiB chunks', value: median(rawRead) })
emit('log-read-tail-cache', median(readTail))
emit('log-append-memory', median(appendMem))
emit('log-read-memory', median(readMem))
emit('log-append-single-record-batches', median(appendSmall))

describe('log-append-read', () => {
  bench('figures are printed above as JSON lines', () => {
    appendSmall.length
  })
})
