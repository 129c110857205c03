/**
 * B7 end-to-end latency on the bundled broker (in its own process): orders produced at a paced
 * 5,000 records/s (10-byte customer key, 100-byte value, 4 partitions) → `groupByKey().count()`
 * per customer (LevelDB store) → `<input>-counts` (4 partitions) → a consumer of the output.
 * The application runs as users run it, `tributary run helpers/orders-count-app.mjs --bootstrap`
 * in its own process (the compiled package in dist/); this process produces and reads.
 * Each input record carries its produce time as its timestamp; a count update carries the
 * timestamp of the record that caused it (Kafka's semantics), so the consumer measures
 * `now − timestamp` for every output record it receives: produce → output visible.
 * - at-least-once: `cacheMaxBytes: 0` (every update is forwarded at once, as Kafka's
 *   `statestore.cache.max.bytes=0`) and the default commit interval; target p99 ≤ 20 ms;
 * - exactly-once v2: `cacheMaxBytes: 0`, commit every 100 ms (the default); the output consumer
 *   reads with read_committed, so output becomes visible when its transaction commits;
 *   target p99 ≤ 250 ms.
 * The first 3 s of each run (0.5 s in smoke mode) are a warm-up: only output caused by records
 * produced after it counts (a backlog left by the warm-up delays those, so it still shows), and
 * the reader waits (bounded) for the output of every measured record; p50/p99/max are reported, with the
 * application process's CPU time per input record.
 * `npm run bench -- streams-b7`; smoke (`BENCH_SMOKE=1`): 1.5 s, both guarantees at once.
 * `BENCH_SECONDS=<n>` measures n seconds (default 10), `BENCH_RATE=<r>` paces r records/s; `BENCH_APP_CPU_PROF=<dir>` runs the
 * application with `node --cpu-prof` and leaves its profile in `<dir>`.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel, type Producer } from 'kafkajs'
import { bench, describe } from 'vitest'
import { SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { processCpuSeconds, ROOT } from './helpers/broker-child.js'

const RATE = Number(process.env['BENCH_RATE'] ?? 5_000)
const PARTITIONS = 4
const CUSTOMERS = 10_000
const WARMUP_MS = SMOKE ? 500 : 3_000
const MEASURE_MS = SMOKE ? 1_000 : Number(process.env['BENCH_SECONDS'] ?? 10) * 1000
/** Records are produced on a 5 ms tick: each send carries what the pace owes since the last one. */
const TICK_MS = 5

type Guarantee = 'at_least_once' | 'exactly_once_v2'

interface LatencyFigure {
  readonly guarantee: Guarantee
  readonly samples: number
  /** Input records produced during the measured window. */
  readonly produced: number
  readonly p50: number
  readonly p99: number
  readonly max: number
  /** CPU microseconds the application process used per input record over the measured window. */
  readonly cpuUsPerRecord: number
}

function customer(i: number): string {
  return `c${String(i % CUSTOMERS).padStart(9, '0')}`
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number
}

/** Produces at `RATE` records/s for `ms`, each record stamped with its send time; resolves when all are acknowledged. */
async function producePaced(producer: Producer, topic: string, ms: number): Promise<number> {
  const value = Buffer.alloc(100, 'o')
  const started = Date.now()
  const sends: Promise<unknown>[] = []
  let sent = 0
  while (Date.now() - started < ms) {
    const now = Date.now()
    const due = Math.floor(((now - started) * RATE) / 1000)
    if (due > sent) {
      const messages = []
      for (let i = sent; i < due; i++) messages.push({ key: customer(i), value, partition: i % PARTITIONS, timestamp: String(now) })
      sends.push(producer.send({ topic, acks: 1, messages }))
      sent = due
    }
    await new Promise((r) => setTimeout(r, TICK_MS))
  }
  await Promise.all(sends)
  return sent
}

/** `tributary run` of the orders application in its own process, until `stop()`. */
async function startApp(bootstrap: string, input: string, guarantee: Guarantee, stateDir: string): Promise<{ pid: number; stop: () => Promise<void> }> {
  const profDir = process.env['BENCH_APP_CPU_PROF']
  const args = [...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), join(ROOT, 'bin', 'tributary.js'), 'run', join(ROOT, 'test', 'bench', 'helpers', 'orders-count-app.mjs')]
  args.push('--bootstrap', bootstrap, '--application-id', `b7-${input}`, '--state-dir', stateDir, '--log-level', process.env['BENCH_APP_LOG_LEVEL'] ?? 'warn')
  const env = { ...process.env, BENCH_APP_INPUT: input, BENCH_APP_GUARANTEE: guarantee, BENCH_APP_CACHE_MAX_BYTES: '0' }
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const logFile = process.env['BENCH_APP_LOG']
  if (logFile) child.stderr.on('data', (d: Buffer) => appendFileSync(logFile, d))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 60_000
  while (!out.includes(': RUNNING')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`the application did not reach RUNNING: ${out}`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { pid: child.pid as number, stop }
}

async function runLatency(kafka: Kafka, bootstrap: string, guarantee: Guarantee): Promise<LatencyFigure> {
  const tag = guarantee === 'exactly_once_v2' ? 'eos' : 'alos'
  const input = `b7-orders-${tag}`
  const output = `${input}-counts`
  const stateDir = mkdtempSync(join(tmpdir(), 'tributary-bench-b7-'))
  const latencies: number[] = []
  let measuring = false
  let measuredFrom = Number.POSITIVE_INFINITY
  const reader = kafka.consumer({ groupId: `b7-reader-${tag}`, readUncommitted: false, maxWaitTimeInMs: 100, allowAutoTopicCreation: false })
  let joined!: () => void
  const hasJoined = new Promise<void>((resolve) => (joined = resolve))
  reader.on(reader.events.GROUP_JOIN, () => joined())
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  let app: { pid: number; stop: () => Promise<void> } | null = null
  try {
    await Promise.all([reader.connect(), producer.connect()])
    await reader.subscribe({ topic: output, fromBeginning: true })
    await reader.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const now = Date.now()
        if (!measuring) return
        for (const m of batch.messages) {
          const ts = Number(m.timestamp)
          // Only records produced in the measured window: a warm-up backlog does not count.
          if (ts >= measuredFrom) latencies.push(now - ts)
        }
      },
    })
    ;[app] = await Promise.all([startApp(bootstrap, input, guarantee, stateDir), hasJoined])
    await producePaced(producer, input, WARMUP_MS)
    measuredFrom = Date.now()
    measuring = true
    const cpu0 = processCpuSeconds(app.pid)
    const produced = await producePaced(producer, input, MEASURE_MS)
    const cpu = processCpuSeconds(app.pid) - cpu0
    // Every measured record causes one count update (no cache): wait for them all, bounded.
    const drainUntil = Date.now() + (SMOKE ? 2_000 : 15_000)
    while (latencies.length < produced && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 50))
    measuring = false
    latencies.sort((a, b) => a - b)
    return {
      guarantee,
      samples: latencies.length,
      produced,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
      cpuUsPerRecord: Math.round((cpu * 1e6) / produced),
    }
  } finally {
    await Promise.allSettled([reader.disconnect(), producer.disconnect(), app?.stop()])
    rmSync(stateDir, { recursive: true, force: true })
  }
}

const figures: LatencyFigure[] = []

await withBrokerChild('streams-b7', async ({ broker }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-b7', logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const topics = ['b7-orders-alos', 'b7-orders-eos'].flatMap((t) => [t, `${t}-counts`])
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: true })
  await admin.disconnect()
  if (SMOKE) {
    // Smoke: both at once (the figures mean nothing; the group joins dominate the time).
    figures.push(...(await Promise.all([runLatency(kafka, broker.bootstrap, 'at_least_once'), runLatency(kafka, broker.bootstrap, 'exactly_once_v2')])))
  } else {
    figures.push(await runLatency(kafka, broker.bootstrap, 'at_least_once'))
    figures.push(await runLatency(kafka, broker.bootstrap, 'exactly_once_v2'))
  }
})

const load = loadavg()[0]!.toFixed(2)
for (const f of figures) {
  const line = {
    bench: f.guarantee === 'at_least_once' ? 'b7-latency-alos' : 'b7-latency-eos',
    value: f.p99,
    unit: 'ms',
    p50: f.p50,
    p99: f.p99,
    max: f.max,
    samples: f.samples,
    produced: f.produced,
    rate: RATE,
    seconds: MEASURE_MS / 1000,
    cpuUsPerRecord: f.cpuUsPerRecord,
    load,
    ...(SMOKE ? { smoke: true } : {}),
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

describe('B7 end-to-end latency', () => {
  bench('measured above (one paced run per guarantee)', () => {}, { iterations: 1, warmupIterations: 0 })
})
