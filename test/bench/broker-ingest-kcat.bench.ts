/**
 * B1 broker ingest: kcat (librdkafka) produces 1M records (10-byte key, 100-byte value) to one
 * partition with acks=1 against the broker running in its own process (`bin/tributary.js broker`),
 * timed from kcat's start to its exit; the high watermark is checked after each run. Median of 3
 * runs after one warm-up run. `brokerCpuRate` = records per CPU-second the broker process used
 * during the run (from /proc), a figure less sensitive to other load on the shared machine;
 * `kcatCpuRate` the same for kcat (from /usr/bin/time).
 * `npm run bench -- broker-ingest-kcat`; smoke (`BENCH_SMOKE=1`): 10K records.
 */
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { createTopic, highWatermark } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { requireKcat, runKcat } from './helpers/kcat-run.js'
import { describeSettings, KCAT_PRODUCER_SETTINGS } from './helpers/kcat-settings.js'
import { writeRecordFile } from './helpers/record-file.js'

const RECORDS = SMOKE ? 10_000 : 1_000_000
const WARMUP = SMOKE ? 0 : 1

const librdkafka = requireKcat()
const rates: number[] = []
const cpuRates: number[] = []
const kcatCpuRates: number[] = []
await withBrokerChild('ingest-kcat', async ({ broker, scratch }) => {
  const input = join(scratch, 'records.txt')
  writeRecordFile(input, RECORDS)
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const topic = `bench-ingest-${run}`
    await createTopic(broker.bootstrap, topic)
    const args = ['-P', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-K:', ...KCAT_PRODUCER_SETTINGS]
    const cpuBefore = broker.cpuSeconds()
    const result = await runKcat(args, { stdinFile: input })
    const cpu = broker.cpuSeconds() - cpuBefore
    if (result.code !== 0 || result.stderr.includes('ERROR')) throw new Error(`kcat -P failed (${result.code}): ${result.stderr}`)
    const stored = await highWatermark(broker.bootstrap, topic)
    if (stored !== RECORDS) throw new Error(`the broker acknowledged ${stored} records, expected ${RECORDS}`)
    if (run >= WARMUP) {
      rates.push(RECORDS / result.seconds)
      cpuRates.push(RECORDS / cpu)
      kcatCpuRates.push(RECORDS / result.cpuSeconds)
    }
  }
})

emitFigure({
  bench: 'broker-ingest-kcat',
  value: median(rates),
  runs: rates,
  notes: { records: RECORDS, brokerCpuRate: Math.round(median(cpuRates)), kcatCpuRate: Math.round(median(kcatCpuRates)), librdkafka, settings: describeSettings(KCAT_PRODUCER_SETTINGS) },
})

describe('broker-ingest-kcat', () => {
  bench(
    'figure printed above as a JSON line',
    () => {
      rates.length
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  )
})
