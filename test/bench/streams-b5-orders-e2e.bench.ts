/**
 * B5 end to end on the bundled broker (in its own process): 1M orders (10-byte customer key,
 * 100-byte value) in 4 partitions → `groupByKey().count()` per customer (LevelDB store with
 * caching) → `order-counts`.
 * - B5a: exactly-once v2, commit every 100 ms;
 * - B5b: at-least-once (commit interval default, 30 s);
 * - B5c: B5b divided by a hand-written kafkajs `eachBatch` loop counting per customer in a `Map`
 *   (no guarantees, no state store, no output), same broker, same input, same run.
 * The input is produced before the application starts; each run is timed from the application
 * reaching RUNNING to its last input record processed (a `peek` counts them), then the
 * application is closed (its final commit writes the counts). Median of 3 runs. Besides the
 * wall-clock rate, each figure reports records per CPU-second of this process over the same
 * window (`cpu`: the application or the baseline consumer, which run here) and the broker's CPU
 * seconds; both move far less with the machine's load. The output topic is created beforehand
 * with 4 partitions (so the runtime partitions output itself).
 * `npm run bench -- streams-b5`; smoke (`BENCH_SMOKE=1`): 10K records. `BENCH_RECORDS=<n>` sets the
 * input size, `BENCH_B5_SCENARIOS=eos,alos,baseline` runs only some scenarios (figures of the others
 * are left out), `BENCH_B5_CPU_PROF=<dir>` writes a CPU profile (inspector sampling of this process)
 * of each measured window to `<dir>/b5-<scenario>-<run>.cpuprofile`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { bench, describe } from 'vitest'
import { Consumed, Produced, StreamsBuilder } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { KafkaStreams } from '../../src/clients/kafkajs/index.js'
import { createTopic } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'

const RECORDS = SMOKE ? 10_000 : Number(process.env['BENCH_RECORDS'] ?? 1_000_000)
const PARTITIONS = 4
const CUSTOMERS = 10_000
const SCENARIOS = new Set((process.env['BENCH_B5_SCENARIOS'] ?? 'baseline,alos,eos').split(',').map((s) => s.trim()))
const CPU_PROF_DIR = process.env['BENCH_B5_CPU_PROF'] ?? ''

function customer(i: number): string {
  return `c${String(i % CUSTOMERS).padStart(9, '0')}`
}

async function produceOrders(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  const value = Buffer.alloc(100, 'o')
  const sends: Promise<unknown>[] = []
  for (let start = 0; start < RECORDS; start += 1000) {
    const messages = []
    for (let i = start; i < Math.min(RECORDS, start + 1000); i++) messages.push({ key: customer(i), value, partition: i % PARTITIONS })
    sends.push(producer.send({ topic, acks: 1, messages }))
    if (sends.length >= 5) await sends.shift()
  }
  await Promise.all(sends)
  await producer.disconnect()
}

/** A measured window: wall-clock records/s, records per CPU-second of this process, broker CPU seconds. */
interface Measured {
  readonly wall: number
  readonly cpu: number
  readonly brokerCpuS: number
}

/** Starts a window: returns the function that ends it for `records` records. */
function window(brokerCpu: () => number, profile: string): (records: number) => Measured {
  const profiler = profile === '' ? null : startProfile(profile)
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  const b0 = brokerCpu()
  return (records) => {
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const c = process.cpuUsage(c0)
    profiler?.()
    return { wall: records / secs, cpu: records / ((c.user + c.system) / 1e6), brokerCpuS: Number((brokerCpu() - b0).toFixed(2)) }
  }
}

/** Starts sampling this process when `BENCH_B5_CPU_PROF` is set; the returned function stops and writes the profile. */
function startProfile(name: string): (() => void) | null {
  if (CPU_PROF_DIR === '') return null
  const session = new Session()
  session.connect()
  const started = session.post('Profiler.enable').then(() => session.post('Profiler.setSamplingInterval', { interval: 500 })).then(() => session.post('Profiler.start'))
  return () => {
    void started
      .then(() => session.post('Profiler.stop'))
      .then(({ profile }) => {
        mkdirSync(CPU_PROF_DIR, { recursive: true })
        writeFileSync(join(CPU_PROF_DIR, `b5-${name}.cpuprofile`), JSON.stringify(profile))
        session.disconnect()
      })
  }
}

/** Runs the counting application over `input`; measures between RUNNING and the last record processed. */
async function runStreams(bootstrap: string, brokerCpu: () => number, input: string, guarantee: 'at_least_once' | 'exactly_once_v2', run: number): Promise<Measured> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tributary-bench-b5-'))
  let processed = 0
  let end: ((records: number) => Measured) | null = null
  let result: Measured | null = null
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))
  const S = Serdes.String()
  const builder = new StreamsBuilder()
  builder
    .stream<string, Buffer>(input, Consumed.with(S, Serdes.ByteArray()))
    .peek(() => {
      if (++processed === RECORDS) {
        result = end!(RECORDS)
        done()
      }
    })
    .groupByKey()
    .count({ materialized: 'order-counts-store' })
    .toStream()
    .to(`${input}-counts`, Produced.with(S, Serdes.Long()))
  const app = new KafkaStreams(builder.build(), {
    applicationId: `b5-${guarantee}-${run}`,
    bootstrapServers: bootstrap,
    stateDir,
    processingGuarantee: guarantee,
  })
  app.onStateChange((s) => {
    if (s === 'RUNNING' && end === null) end = window(brokerCpu, guarantee === 'exactly_once_v2' ? `eos-${run}` : `alos-${run}`)
  })
  try {
    await app.start()
    await finished
    return result!
  } finally {
    await app.close({ timeoutMs: 60_000 })
    rmSync(stateDir, { recursive: true, force: true })
  }
}

/** The baseline: a kafkajs consumer group counting per customer in a Map. */
async function runBaseline(kafka: Kafka, brokerCpu: () => number, input: string, run: number): Promise<Measured> {
  const consumer = kafka.consumer({ groupId: `b5-baseline-${run}`, allowAutoTopicCreation: false })
  await consumer.connect()
  await consumer.subscribe({ topic: input, fromBeginning: true })
  const counts = new Map<string, number>()
  let seen = 0
  let end: ((records: number) => Measured) | null = null
  let result: Measured | null = null
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        end ??= window(brokerCpu, `baseline-${run}`)
        for (const m of batch.messages) {
          const key = m.key!.toString()
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        seen += batch.messages.length
        if (seen >= RECORDS && result === null) {
          result = end(RECORDS)
          resolve()
        }
      },
    })
  })
  await consumer.disconnect()
  if (counts.size !== Math.min(CUSTOMERS, RECORDS)) throw new Error(`baseline counted ${counts.size} customers`)
  return result!
}

const eos: Measured[] = []
const alos: Measured[] = []
const baseline: Measured[] = []

await withBrokerChild('streams-b5', async ({ broker }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-b5', logLevel: logLevel.NOTHING })
  const input = 'b5-orders'
  await createTopic(broker.bootstrap, input, PARTITIONS)
  await createTopic(broker.bootstrap, `${input}-counts`, PARTITIONS)
  await produceOrders(kafka, input)
  for (let run = 0; run < RUNS; run++) {
    if (SCENARIOS.has('baseline')) baseline.push(await runBaseline(kafka, broker.cpuSeconds, input, run))
    if (SCENARIOS.has('alos')) alos.push(await runStreams(broker.bootstrap, broker.cpuSeconds, input, 'at_least_once', run))
    if (SCENARIOS.has('eos')) eos.push(await runStreams(broker.bootstrap, broker.cpuSeconds, input, 'exactly_once_v2', run))
  }
})

const load = loadavg()[0]!.toFixed(2)
const notes = (ms: readonly Measured[]) => ({
  records: RECORDS,
  partitions: PARTITIONS,
  customers: CUSTOMERS,
  cpu: Math.round(median(ms.map((m) => m.cpu))),
  cpuRuns: ms.map((m) => Math.round(m.cpu)).join(' '),
  brokerCpuS: ms.map((m) => m.brokerCpuS).join(' '),
  load,
})
const wall = (ms: readonly Measured[]) => ms.map((m) => m.wall)
if (eos.length > 0) emitFigure({ bench: 'b5a-orders-count-eos', value: median(wall(eos)), runs: wall(eos), notes: notes(eos) })
if (alos.length > 0) emitFigure({ bench: 'b5b-orders-count-alos', value: median(wall(alos)), runs: wall(alos), notes: notes(alos) })
if (alos.length > 0 && baseline.length > 0) emitFigure({
  bench: 'b5c-alos-vs-kafkajs-map',
  value: median(wall(alos)),
  runs: wall(alos),
  baseline: { vs: 'kafkajs eachBatch + Map', value: median(wall(baseline)) },
  notes: { ...notes(alos), baselineCpu: Math.round(median(baseline.map((m) => m.cpu))), cpuRatio: Number((median(alos.map((m) => m.cpu)) / median(baseline.map((m) => m.cpu))).toFixed(2)) },
})

describe('B5 orders count end to end', () => {
  bench('measured above (one long run per scenario)', () => {}, { iterations: 1, warmupIterations: 0 })
})
