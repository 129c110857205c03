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
 * application is closed (its final commit writes the counts). Median of 3 runs.
 * `npm run bench -- streams-b5`; smoke (`BENCH_SMOKE=1`): 10K records.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** Runs the counting application over `input`; returns records per second between RUNNING and the last record processed. */
async function runStreams(bootstrap: string, input: string, guarantee: 'at_least_once' | 'exactly_once_v2', run: number): Promise<number> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tributary-bench-b5-'))
  let processed = 0
  let runningAt = 0n
  let doneAt = 0n
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))
  const S = Serdes.String()
  const builder = new StreamsBuilder()
  builder
    .stream<string, Buffer>(input, Consumed.with(S, Serdes.ByteArray()))
    .peek(() => {
      if (++processed === RECORDS) {
        doneAt = process.hrtime.bigint()
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
    if (s === 'RUNNING' && runningAt === 0n) runningAt = process.hrtime.bigint()
  })
  try {
    await app.start()
    await finished
    return RECORDS / (Number(doneAt - runningAt) / 1e9)
  } finally {
    await app.close({ timeoutMs: 60_000 })
    rmSync(stateDir, { recursive: true, force: true })
  }
}

/** The baseline: a kafkajs consumer group counting per customer in a Map. */
async function runBaseline(kafka: Kafka, input: string, run: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `b5-baseline-${run}`, allowAutoTopicCreation: false })
  await consumer.connect()
  await consumer.subscribe({ topic: input, fromBeginning: true })
  const counts = new Map<string, number>()
  let seen = 0
  let first = 0n
  let last = 0n
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (first === 0n) first = process.hrtime.bigint()
        for (const m of batch.messages) {
          const key = m.key!.toString()
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        seen += batch.messages.length
        if (seen >= RECORDS) {
          last = process.hrtime.bigint()
          resolve()
        }
      },
    })
  })
  await consumer.disconnect()
  if (counts.size !== Math.min(CUSTOMERS, RECORDS)) throw new Error(`baseline counted ${counts.size} customers`)
  return RECORDS / (Number(last - first) / 1e9)
}

const eos: number[] = []
const alos: number[] = []
const baseline: number[] = []

await withBrokerChild('streams-b5', async ({ broker }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-b5', logLevel: logLevel.NOTHING })
  const input = 'b5-orders'
  await createTopic(broker.bootstrap, input, PARTITIONS)
  await produceOrders(kafka, input)
  for (let run = 0; run < RUNS; run++) {
    baseline.push(await runBaseline(kafka, input, run))
    alos.push(await runStreams(broker.bootstrap, input, 'at_least_once', run))
    eos.push(await runStreams(broker.bootstrap, input, 'exactly_once_v2', run))
  }
})

const notes = { records: RECORDS, partitions: PARTITIONS, customers: CUSTOMERS }
emitFigure({ bench: 'b5a-orders-count-eos', value: median(eos), runs: eos, notes })
emitFigure({ bench: 'b5b-orders-count-alos', value: median(alos), runs: alos, notes })
emitFigure({ bench: 'b5c-alos-vs-kafkajs-map', value: median(alos), runs: alos, baseline: { vs: 'kafkajs eachBatch + Map', value: median(baseline) }, notes })

describe('B5 orders count end to end', () => {
  bench('measured above (one long run per scenario)', () => {}, { iterations: 1, warmupIterations: 0 })
})
