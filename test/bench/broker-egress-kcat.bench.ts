/**
 * B2 broker egress: kcat (librdkafka) consumes 1M records (10-byte key, 100-byte value) from the
 * beginning of one partition (`-C -e -o beginning -q`) from the broker running in its own process,
 * timed from kcat's start to its exit (at the end of the partition); the printed lines are
 * counted and must equal the records produced. The records are produced first with kcat (not
 * timed). Median of 3 runs after one warm-up run; `brokerCpuRate` = records per CPU-second of
 * the broker process, `kcatCpuRate` the same for kcat (figures less sensitive to other load on
 * the shared machine). `npm run bench -- broker-egress-kcat`; smoke (`BENCH_SMOKE=1`): 10K records.
 */
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { createTopic, highWatermark } from './helpers/bench-admin.js'
import { emitFigure, median, RUNS, SMOKE } from './helpers/bench-figures.js'
import { withBrokerChild } from './helpers/broker-bench-session.js'
import { countLines, requireKcat, runKcat } from './helpers/kcat-run.js'
import { describeSettings, KCAT_CONSUMER_SETTINGS, KCAT_PRODUCER_SETTINGS } from './helpers/kcat-settings.js'
import { writeRecordFile } from './helpers/record-file.js'

const RECORDS = SMOKE ? 10_000 : 1_000_000
const WARMUP = SMOKE ? 0 : 1
const TOPIC = 'bench-egress'

const librdkafka = requireKcat()
const rates: number[] = []
const cpuRates: number[] = []
const kcatCpuRates: number[] = []
await withBrokerChild('egress-kcat', async ({ broker, scratch }) => {
  const input = join(scratch, 'records.txt')
  writeRecordFile(input, RECORDS)
  await createTopic(broker.bootstrap, TOPIC)
  const produced = await runKcat(['-P', '-b', broker.bootstrap, '-t', TOPIC, '-p', '0', '-K:', ...KCAT_PRODUCER_SETTINGS], { stdinFile: input })
  if (produced.code !== 0 || produced.stderr.includes('ERROR')) throw new Error(`kcat -P failed (${produced.code}): ${produced.stderr}`)
  const stored = await highWatermark(broker.bootstrap, TOPIC)
  if (stored !== RECORDS) throw new Error(`the broker acknowledged ${stored} records, expected ${RECORDS}`)
  const output = join(scratch, 'consumed.txt')
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const args = ['-C', '-b', broker.bootstrap, '-t', TOPIC, '-p', '0', '-o', 'beginning', '-e', '-q', ...KCAT_CONSUMER_SETTINGS]
    const cpuBefore = broker.cpuSeconds()
    const result = await runKcat(args, { stdoutFile: output })
    const cpu = broker.cpuSeconds() - cpuBefore
    if (result.code !== 0 || result.stderr.includes('ERROR')) throw new Error(`kcat -C failed (${result.code}): ${result.stderr}`)
    const lines = countLines(output)
    if (lines !== RECORDS) throw new Error(`kcat -C printed ${lines} records, expected ${RECORDS}`)
    if (run >= WARMUP) {
      rates.push(RECORDS / result.seconds)
      cpuRates.push(RECORDS / cpu)
      kcatCpuRates.push(RECORDS / result.cpuSeconds)
    }
  }
})

emitFigure({
  bench: 'broker-egress-kcat',
  value: median(rates),
  runs: rates,
  notes: { records: RECORDS, brokerCpuRate: Math.round(median(cpuRates)), kcatCpuRate: Math.round(median(kcatCpuRates)), librdkafka, settings: describeSettings(KCAT_CONSUMER_SETTINGS) },
})

describe('broker-egress-kcat', () => {
  bench(
    'figure printed above as a JSON line',
    () => {
      rates.length
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  )
})
