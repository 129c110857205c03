/**
 * B8: a count over 5M distinct keys end to end on the bundled broker (in its own process), with
 * the APPLICATION's Node heap capped at 256 MB (target: completes, peak RSS ≤ 400 MB).
 * - Input: 5M records (10-byte distinct keys `k000000000`…, 100-byte values) produced by kcat
 *   into 4 partitions (key partitioner) before the application starts.
 * - Application: `helpers/b8-count-app.mjs` on the compiled package (dist/, rebuilt when stale), in a
 *   child `node --max-old-space-size=256`:
 *   `groupByKey().count()` (LevelDB store, default caching, at-least-once) → an output topic.
 *   It reports peak RSS (VmHWM), peak heap, records, seconds from RUNNING to the last record,
 *   its CPU seconds over that span, and checks the store: sampled keys count 1 and a full scan
 *   finds exactly one entry per key with count 1.
 * - Afterwards the output topic must hold exactly one record per key (sum of high watermarks,
 *   caching emits each key once since every key occurs once), and a sample of it read by kcat
 *   must carry count 1.
 * `cpuRate` = records per CPU-second of the application process (all its threads); the median of
 * `RUNS` runs (3; `BENCH_B8_RUNS` overrides) is reported. `BENCH_B8_KEYS` overrides the key count; `BENCH_B8_HEAP_SNAPSHOT=<dir>`
 * runs the application with `--heapsnapshot-near-heap-limit=1` writing into `<dir>`,
 * `BENCH_B8_CPU_PROF=<dir>` with `--cpu-prof`; `BENCH_B8_CACHE_MAX_BYTES` and
 * `BENCH_B8_COMMIT_INTERVAL_MS` replace the application's defaults (10 MiB, 30 s) for comparisons.
 * `npm run bench -- streams-b8`; smoke (`BENCH_SMOKE=1`): 20K keys.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { bench, describe } from 'vitest'
import { createTopic } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { ensureBuiltCli, ROOT } from './helpers/broker-child.js'
import { requireKcat, runKcat } from './helpers/kcat-run.js'
import { KCAT_PRODUCER_SETTINGS } from './helpers/kcat-settings.js'
import { writeRecordFile } from './helpers/record-file.js'

const KEYS = SMOKE ? 20_000 : Number(process.env['BENCH_B8_KEYS'] ?? 5_000_000)
const PARTITIONS = 4
const B8_RUNS = Number(process.env['BENCH_B8_RUNS'] ?? RUNS)
const HEAP_MB = 256
const RSS_TARGET_MB = 400
const APP = join(ROOT, 'test', 'bench', 'helpers', 'b8-count-app.mjs')

/** What the application child prints. */
interface AppFigures {
  readonly records: number
  readonly seconds: number
  readonly cpuSeconds: number
  readonly peakRssMiB: number
  readonly rssAtDoneMiB: number
  readonly peakHeapMiB: number
  readonly peakExternalMiB: number
  readonly sampledWrong: number
  readonly entries: number
  readonly scanSeconds: number
  readonly closeSeconds: number
  readonly closed: boolean
}

/** Runs the application child to completion; throws with its stderr tail when it fails. */
function runApp(args: readonly string[]): Promise<AppFigures> {
  const snapshotDir = process.env['BENCH_B8_HEAP_SNAPSHOT']
  const flags = [`--max-old-space-size=${HEAP_MB}`]
  if (snapshotDir !== undefined) flags.push('--heapsnapshot-near-heap-limit=1', `--diagnostic-dir=${snapshotDir}`)
  const cpuProfDir = process.env['BENCH_B8_CPU_PROF']
  if (cpuProfDir !== undefined) flags.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, APP, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60 * 60_000)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      const last = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`B8 application exited with ${code ?? signal}; stdout: ${out.slice(-2000)}\nstderr: ${err.slice(-4000)}`))
        return
      }
      resolve(JSON.parse(last) as AppFigures)
    })
  })
}

/** Sum of the high watermarks of every partition of `topic`. */
async function totalRecords(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const offsets = await admin.fetchTopicOffsets(topic)
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0)
  } finally {
    await admin.disconnect()
  }
}

/** Reads the first `count` records of partition 0 of `topic` with kcat; returns the values that are not 1. */
async function sampleOutput(bootstrap: string, topic: string, count: number, scratch: string): Promise<number> {
  const file = join(scratch, 'output-sample.txt')
  const args = ['-C', '-b', bootstrap, '-t', topic, '-p', '0', '-o', 'beginning', '-c', String(count), '-e', '-q', '-s', 'value=q', '-f', '%k %s\\n']
  const result = await runKcat(args, { stdoutFile: file, timeoutMs: 120_000 })
  if (result.code !== 0) throw new Error(`kcat -C failed (${result.code}): ${result.stderr}`)
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  if (lines.length < Math.min(count, 1)) throw new Error(`kcat read no output record from ${topic}`)
  return lines.filter((l) => !l.endsWith(' 1')).length
}

requireKcat()
ensureBuiltCli()
const runs: AppFigures[] = []
const brokerCpu: number[] = []
const loads: number[] = []
let produceRate = 0

await withBrokerChild('streams-b8', async ({ broker, scratch }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-b8', logLevel: logLevel.NOTHING })
  const input = 'b8-keys'
  await createTopic(broker.bootstrap, input, PARTITIONS)
  const file = join(scratch, 'records.txt')
  writeRecordFile(file, KEYS)
  const produced = await runKcat(['-P', '-b', broker.bootstrap, '-t', input, '-K:', ...KCAT_PRODUCER_SETTINGS], { stdinFile: file })
  if (produced.code !== 0 || produced.stderr.includes('ERROR')) throw new Error(`kcat -P failed (${produced.code}): ${produced.stderr}`)
  rmSync(file, { force: true })
  produceRate = KEYS / produced.seconds
  const stored = await totalRecords(kafka, input)
  if (stored !== KEYS) throw new Error(`the broker holds ${stored} input records, expected ${KEYS}`)

  for (let run = 0; run < B8_RUNS; run++) {
    const stateDir = mkdtempSync(join(tmpdir(), 'tributary-bench-b8-'))
    const output = `${input}-counts-${run}`
    try {
      const cpuBefore = broker.cpuSeconds()
      const figures = await runApp([broker.bootstrap, input, String(KEYS), stateDir, '1', `b8-${run}`, output])
      brokerCpu.push(broker.cpuSeconds() - cpuBefore)
      loads.push(loadavg()[0] ?? Number.NaN)
      if (figures.records !== KEYS) throw new Error(`the application processed ${figures.records} records, expected ${KEYS}`)
      if (figures.sampledWrong !== 0) throw new Error(`${figures.sampledWrong} store entries do not count 1`)
      if (figures.entries !== KEYS) throw new Error(`the store holds ${figures.entries} keys, expected ${KEYS}`)
      const outputRecords = await totalRecords(kafka, output)
      if (outputRecords !== KEYS) throw new Error(`the output topic holds ${outputRecords} records, expected one per key (${KEYS})`)
      const wrongOutput = await sampleOutput(broker.bootstrap, output, 1000, scratch)
      if (wrongOutput !== 0) throw new Error(`${wrongOutput} sampled output records do not carry count 1`)
      runs.push(figures)
      process.stderr.write(`B8 run ${run}: ${JSON.stringify(figures)}\n`)
    } finally {
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
})

const rates = runs.map((r) => r.records / r.seconds)
const peakRss = Math.max(...runs.map((r) => r.peakRssMiB))
emitFigure({
  bench: 'b8-count-5m-keys-256mb-heap',
  value: median(rates),
  runs: rates,
  notes: {
    keys: KEYS,
    partitions: PARTITIONS,
    heapCapMB: HEAP_MB,
    cpuRate: Math.round(median(runs.map((r) => r.records / r.cpuSeconds))),
    brokerCpuRate: Math.round(median(brokerCpu.map((c) => KEYS / c))),
    peakRssMiB: peakRss,
    rssTargetMiB: RSS_TARGET_MB,
    rssWithinTarget: peakRss <= RSS_TARGET_MB ? 'yes' : 'no',
    peakHeapMiB: Math.max(...runs.map((r) => r.peakHeapMiB)),
    peakExternalMiB: Math.max(...runs.map((r) => r.peakExternalMiB)),
    scanSeconds: Number(median(runs.map((r) => r.scanSeconds)).toFixed(1)),
    closeSeconds: Number(median(runs.map((r) => r.closeSeconds)).toFixed(1)),
    kcatProduceRate: Math.round(produceRate),
    load1: loads.map((l) => l.toFixed(1)).join(' '),
    cacheMaxBytes: process.env['BENCH_B8_CACHE_MAX_BYTES'] ?? 'default',
    commitIntervalMs: process.env['BENCH_B8_COMMIT_INTERVAL_MS'] ?? 'default',
  },
})

describe('B8 count over 5M keys, 256 MB heap', () => {
  bench('measured above (one long run per scenario)', () => {}, { iterations: 1, warmupIterations: 0 })
})
