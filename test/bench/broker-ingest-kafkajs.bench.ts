/**
 * B3 kafkajs producer → broker: 1M records (10-byte key, 100-byte value) sent to one partition
 * with `producer.send` in batches of 1,000 messages, acks=1, 5 sends in flight (kafkajs pipelines
 * them on one connection when the producer is not idempotent), against the broker running in its
 * own process. Timed from the first send to the last acknowledgement; the high watermark is
 * checked after each run.
 *
 * Baseline, measured in the same process and run: kafkajs encoding the same batches into the
 * exact framed Produce v7 requests it sends, with no network and no broker
 * (helpers/kafkajs-encode-baseline.ts). The ratio says how much of kafkajs's own ceiling survives
 * the round trip through the broker. Median of 3 runs after one warm-up run. `brokerCpuRate` and
 * `clientCpuRate`: records per CPU-second of the broker process and of this (kafkajs) process.
 * `npm run bench -- broker-ingest-kafkajs`; smoke (`BENCH_SMOKE=1`): 10K records.
 */
import { Kafka, logLevel } from 'kafkajs'
import { bench, describe } from 'vitest'
import { createTopic, highWatermark } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { encodeLikeKafkajs } from './helpers/kafkajs-encode-baseline.js'
import { messageBatches, type BenchMessage } from './helpers/record-file.js'

const PER_BATCH = 1000
const RECORDS = SMOKE ? 10_000 : 1_000_000
const IN_FLIGHT = 5
const WARMUP = SMOKE ? 0 : 1

function cpuSecondsOfThisProcess(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** Sends every batch keeping `IN_FLIGHT` sends outstanding; resolves when all are acknowledged. */
async function sendAll(send: (messages: BenchMessage[]) => Promise<unknown>, batches: BenchMessage[][]): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < batches.length) await send(batches[next++] as BenchMessage[])
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
}

const batches = messageBatches(RECORDS / PER_BATCH, PER_BATCH)
const rates: number[] = []
const baselineRates: number[] = []
const brokerCpuRates: number[] = []
const clientCpuRates: number[] = []
const encodeCpuRates: number[] = []

await withBrokerChild('ingest-kafkajs', async ({ broker }) => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'bench-kafkajs', logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false })
  await producer.connect()
  try {
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const topic = `bench-kafkajs-${run}`
      await createTopic(broker.bootstrap, topic)

      const encodeCpu0 = cpuSecondsOfThisProcess()
      const e0 = process.hrtime.bigint()
      await encodeLikeKafkajs(topic, batches)
      const encodeSeconds = Number(process.hrtime.bigint() - e0) / 1e9
      const encodeCpu = cpuSecondsOfThisProcess() - encodeCpu0

      const brokerCpu0 = broker.cpuSeconds()
      const clientCpu0 = cpuSecondsOfThisProcess()
      const t0 = process.hrtime.bigint()
      await sendAll((messages) => producer.send({ topic, acks: 1, messages }), batches)
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9
      const clientCpu = cpuSecondsOfThisProcess() - clientCpu0
      const brokerCpu = broker.cpuSeconds() - brokerCpu0

      const stored = await highWatermark(broker.bootstrap, topic)
      if (stored !== RECORDS) throw new Error(`the broker acknowledged ${stored} records, expected ${RECORDS}`)
      if (run >= WARMUP) {
        rates.push(RECORDS / seconds)
        baselineRates.push(RECORDS / encodeSeconds)
        brokerCpuRates.push(RECORDS / brokerCpu)
        clientCpuRates.push(RECORDS / clientCpu)
        encodeCpuRates.push(RECORDS / encodeCpu)
      }
    }
  } finally {
    await producer.disconnect()
  }
})

emitFigure({
  bench: 'broker-ingest-kafkajs',
  value: median(rates),
  runs: rates,
  baseline: { vs: 'kafkajs encoding the same Produce requests, no network', value: median(baselineRates) },
  notes: {
    records: RECORDS,
    perBatch: PER_BATCH,
    inFlight: IN_FLIGHT,
    baselineRuns: baselineRates.map((r) => Math.round(r)).join(' '),
    brokerCpuRate: Math.round(median(brokerCpuRates)),
    clientCpuRate: Math.round(median(clientCpuRates)),
    encodeCpuRate: Math.round(median(encodeCpuRates)),
  },
})

describe('broker-ingest-kafkajs', () => {
  bench(
    'figure printed above as a JSON line',
    () => {
      rates.length
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  )
})
