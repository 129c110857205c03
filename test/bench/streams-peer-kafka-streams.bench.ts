/**
 * Peer comparison: the B5 orders count (10-byte customer key, 10K customers, 100-byte values,
 * 4 partitions → count per customer → output topic) written with nodefluent `kafka-streams`
 * 5.0.0 versus tributary at-least-once, on the same broker (in its own process), the same input,
 * in the same run.
 * - The peer is installed in its own package (test/bench/peer) and runs in a child process
 *   (`peer/kafka-streams-count.cjs`): its count is `countByKey` (an in-memory object, no
 *   changelog), one output record per input record, sent one message per produce request.
 * - kafka-streams as shipped (JS client: sinek's deprecated Kafka/Drainer on kafka-node 5, which
 *   uses Fetch/Produce v2 and message format v0/v1, converted by the broker as Kafka 3.x does) is
 *   tried once with a bound and its outcome and errors are reported, not a rate. The measured
 *   peer is kafka-streams' native-client path with sinek 9's kafkajs-based JSConsumer/JSProducer
 *   (kafkajs 1.12), the path with batched fetches.
 * - tributary: `groupByKey().count()` (LevelDB store, caching), at-least-once, in this process.
 * Both are timed from their first record counted to their last (`value`), and to their output
 * being complete (`completeRate`: the peer's output topic holding one record per input record;
 * tributary's `close()` returning after its final commit). CPU rates divide the records by the
 * CPU seconds the counting process used over the same span. Median of 3 runs.
 * `npm run bench -- streams-peer`; `BENCH_PEER_RECORDS` sets the size (default 30K: the peer counts ~1K records/s);
 * smoke (`BENCH_SMOKE=1`): 2K records.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { bench, describe } from 'vitest'
import { Consumed, Produced, StreamsBuilder } from '../../dsl/index.js'
import { Serdes } from '../../processor-api/index.js'
import { KafkaStreams } from '../../src/clients/kafkajs/index.js'
import { QueryableStoreTypes } from '../../src/runtime/queryable-store-types.js'
import { createTopic } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { produceOrders } from './helpers/orders-input.js'
import { ensurePeerInstalled, PEER_DIR, peerPackageVersion } from './helpers/peer-package.js'

const RECORDS = SMOKE ? 2_000 : Number(process.env['BENCH_PEER_RECORDS'] ?? 30_000)
const PARTITIONS = 4
const CUSTOMERS = 10_000
/** How long kafka-streams as shipped (kafka-node) gets to count anything. */
const KAFKA_NODE_BOUND_MS = SMOKE ? 15_000 : 30_000

/** What the peer child prints. */
interface PeerFigures {
  readonly client: string
  readonly outcome: 'done' | 'timeout'
  readonly records: number
  readonly seconds: number
  readonly cpuSeconds: number
  readonly completeSeconds: number
  readonly completeCpuSeconds: number
  readonly produced: number
  readonly keys: number
  readonly total: number
  readonly peakRssMiB: number
  readonly errors: readonly string[]
}

/** One measured run of either application. */
interface RunFigures {
  readonly rate: number
  readonly cpuRate: number
  readonly completeRate: number
}

function runPeer(client: 'kafkajs' | 'kafka-node', bootstrap: string, input: string, output: string, groupId: string, boundMs: number): Promise<PeerFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PEER_DIR, 'kafka-streams-count.cjs'), client, bootstrap, input, output, String(RECORDS), groupId, String(boundMs)], {
      cwd: PEER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      // kafka-node and sinek log through `debug`: keep them quiet
      env: { ...process.env, DEBUG: '' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs * 3 + 60_000)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      // kafkajs 1.12 inside sinek logs JSON lines to stdout too: take the figures line
      const line = out.split('\n').find((l) => l.startsWith('{"client"'))
      if (code !== 0 || line === undefined) {
        reject(new Error(`peer (${client}) exited with ${code ?? signal}; stdout: ${out.slice(-2000)}\nstderr: ${err.slice(-2000)}`))
        return
      }
      resolve(JSON.parse(line) as PeerFigures)
    })
  })
}

function cpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** tributary's at-least-once count over `input`, in this process. */
async function runTributary(bootstrap: string, input: string, output: string, run: number): Promise<RunFigures> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tributary-bench-peer-'))
  const STORE = 'peer-order-counts'
  let processed = 0
  let firstAt = 0n
  let firstCpu = 0
  let doneAt = 0n
  let doneCpu = 0
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))
  const S = Serdes.String()
  const builder = new StreamsBuilder()
  builder
    .stream<string, Buffer>(input, Consumed.with(S, Serdes.ByteArray()))
    .peek(() => {
      if (processed === 0) {
        firstAt = process.hrtime.bigint()
        firstCpu = cpuSeconds()
      }
      if (++processed === RECORDS) {
        doneAt = process.hrtime.bigint()
        doneCpu = cpuSeconds()
        done()
      }
    })
    .groupByKey()
    .count({ materialized: STORE })
    .toStream()
    .to(output, Produced.with(S, Serdes.Long()))
  const app = new KafkaStreams(builder.build(), { applicationId: `peer-tributary-${run}`, bootstrapServers: bootstrap, stateDir, processingGuarantee: 'at_least_once' })
  try {
    await app.start()
    await finished
    const store = app.store(STORE, QueryableStoreTypes.keyValueStore<string, number>())
    let keys = 0
    let total = 0
    for await (const kv of store.all()) {
      keys++
      total += kv.value
    }
    if (keys !== Math.min(CUSTOMERS, RECORDS) || total !== RECORDS) throw new Error(`tributary counted ${total} orders over ${keys} customers`)
    await app.close({ timeoutMs: 120_000 })
    const completeAt = process.hrtime.bigint()
    const seconds = Number(doneAt - firstAt) / 1e9
    return { rate: RECORDS / seconds, cpuRate: RECORDS / (doneCpu - firstCpu), completeRate: RECORDS / (Number(completeAt - firstAt) / 1e9) }
  } finally {
    await app.close({ timeoutMs: 60_000 })
    rmSync(stateDir, { recursive: true, force: true })
  }
}

ensurePeerInstalled()
const versions = { kafkaStreams: peerPackageVersion('kafka-streams'), sinek: peerPackageVersion('sinek'), kafkaNode: peerPackageVersion('kafka-node'), peerKafkajs: peerPackageVersion('kafkajs') }
const peer: RunFigures[] = []
const peerRss: number[] = []
const tributary: RunFigures[] = []
const loads: number[] = []
let shipped: PeerFigures | undefined

await withBrokerChild('streams-peer', async ({ broker }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-peer', logLevel: logLevel.NOTHING })
  const input = 'peer-orders'
  await createTopic(broker.bootstrap, input, PARTITIONS)
  await produceOrders(kafka, input, RECORDS, PARTITIONS, CUSTOMERS)

  await createTopic(broker.bootstrap, 'peer-counts-kafka-node', PARTITIONS)
  shipped = await runPeer('kafka-node', broker.bootstrap, input, 'peer-counts-kafka-node', 'peer-kafka-node', KAFKA_NODE_BOUND_MS)
  process.stderr.write(`kafka-streams as shipped (kafka-node): ${JSON.stringify(shipped)}\n`)

  for (let run = 0; run < RUNS; run++) {
    const peerOutput = `peer-counts-kafka-streams-${run}`
    await createTopic(broker.bootstrap, peerOutput, PARTITIONS)
    const p = await runPeer('kafkajs', broker.bootstrap, input, peerOutput, `peer-kafka-streams-${run}`, 600_000)
    if (p.outcome !== 'done') throw new Error(`kafka-streams (kafkajs) did not count every record: ${JSON.stringify(p)}`)
    if (p.keys !== Math.min(CUSTOMERS, RECORDS) || p.total !== RECORDS || p.produced !== RECORDS) throw new Error(`kafka-streams counted wrongly: ${JSON.stringify(p)}`)
    peer.push({ rate: RECORDS / p.seconds, cpuRate: RECORDS / p.cpuSeconds, completeRate: RECORDS / p.completeSeconds })
    peerRss.push(p.peakRssMiB)

    const output = `peer-counts-tributary-${run}`
    await createTopic(broker.bootstrap, output, PARTITIONS)
    tributary.push(await runTributary(broker.bootstrap, input, output, run))
    loads.push(loadavg()[0] ?? Number.NaN)
    process.stderr.write(`peer run ${run}: kafka-streams ${JSON.stringify(peer[run])}, tributary ${JSON.stringify(tributary[run])}\n`)
  }
})

const m = (xs: readonly RunFigures[], k: keyof RunFigures): number => median(xs.map((x) => x[k]))
const notes = {
  records: RECORDS,
  partitions: PARTITIONS,
  customers: CUSTOMERS,
  load1: loads.map((l) => l.toFixed(1)).join(' '),
  'kafka-streams': versions.kafkaStreams,
  sinek: versions.sinek,
  peerKafkajs: versions.peerKafkajs,
}
emitFigure({
  bench: 'peer-kafka-streams-count',
  value: m(peer, 'rate'),
  runs: peer.map((p) => p.rate),
  notes: { ...notes, cpuRate: Math.round(m(peer, 'cpuRate')), completeRate: Math.round(m(peer, 'completeRate')), peakRssMiB: Math.max(...peerRss), client: 'sinek JSConsumer/JSProducer (kafkajs)' },
})
emitFigure({
  bench: 'peer-tributary-alos-count',
  value: m(tributary, 'rate'),
  runs: tributary.map((p) => p.rate),
  baseline: { vs: `kafka-streams ${versions.kafkaStreams} (kafkajs ${versions.peerKafkajs})`, value: m(peer, 'rate') },
  notes: {
    ...notes,
    cpuRate: Math.round(m(tributary, 'cpuRate')),
    cpuRatio: Number((m(tributary, 'cpuRate') / m(peer, 'cpuRate')).toFixed(2)),
    completeRate: Math.round(m(tributary, 'completeRate')),
    completeRatio: Number((m(tributary, 'completeRate') / m(peer, 'completeRate')).toFixed(2)),
    kafkaNodeOutcome: shipped === undefined ? 'not run' : `${shipped.outcome}, ${shipped.records} records counted, kafka-node ${versions.kafkaNode}; ${shipped.errors.join('; ')}`,
  },
})

describe('peer comparison: kafka-streams vs tributary', () => {
  bench('measured above (one long run per application)', () => {}, { iterations: 1, warmupIterations: 0 })
})
