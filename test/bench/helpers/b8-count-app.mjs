/**
 * Child-process application of benchmark B8, run as users run an application: plain JavaScript on
 * the compiled package (dist/, built by the bench first), no TypeScript loader in the process: `groupByKey().count()` over every key of the input
 * topic (LevelDB store, default caching, at-least-once) → `<output>`, run by
 * `node --max-old-space-size=256 b8-count-app.mjs <bootstrap> <input> <records>
 * <stateDir> <fullScan 0|1> <applicationId> <output>`. It stops when `records` input records were
 * processed, checks the store (every key counted once: sampled point reads, and the number of
 * entries by a full scan when `fullScan` is 1), closes the
 * application (its final commit flushes the cache) and prints one JSON line of figures: records,
 * seconds from RUNNING to the last record, process CPU seconds over that span, peak RSS (VmHWM of
 * /proc/self/status), peak heap used (sampled), and the store check.
 */
import { readFileSync } from 'node:fs'
import { Consumed, KafkaStreams, Produced, QueryableStoreTypes, Serdes, StreamsBuilder } from '../../../dist/src/index.js'

/** The 10-byte key of record `i`, as `record-file.ts` writes it. */
const recordKey = (i) => `k${String(i % 1_000_000_000).padStart(9, '0')}`

const [bootstrap, input, recordsArg, stateDir, checkArg, applicationId, output] = process.argv.slice(2)
if (bootstrap === undefined || input === undefined || stateDir === undefined || applicationId === undefined || output === undefined) {
  throw new Error('usage: b8-count-app.mjs <bootstrap> <input> <records> <stateDir> <fullScan 0|1> <applicationId> <output>')
}
const records = Number(recordsArg)
const fullScan = checkArg === '1'
const STORE = 'b8-counts-store'

/** One field of /proc/self/status in MiB (`VmHWM`, `VmRSS`); NaN when unreadable. */
function statusMiB(field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))
    return m === null ? Number.NaN : Number(m[1]) / 1024
  } catch {
    return Number.NaN
  }
}

function cpuSeconds() {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

let peakHeap = 0
let peakExternal = 0
let samples = 0
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  peakHeap = Math.max(peakHeap, m.heapUsed)
  peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers)
  // progress on stderr every 10 s: the parent shows it when the application fails
  if (++samples % 40 === 0) {
    const rss = Math.round(statusMiB('VmRSS'))
    process.stderr.write(`b8 app: ${processed} records, rss ${rss} MiB, heap ${Math.round(m.heapUsed / 2 ** 20)} MiB, external ${Math.round(m.external / 2 ** 20)} MiB\n`)
  }
}, 250)

let processed = 0
let runningAt = 0n
let runningCpu = 0
let doneAt = 0n
let doneCpu = 0
let done
const finished = new Promise((resolve) => (done = resolve))

const S = Serdes.String()
const builder = new StreamsBuilder()
builder
  .stream(input, Consumed.with(S, Serdes.ByteArray()))
  .peek(() => {
    if (++processed === records) {
      doneAt = process.hrtime.bigint()
      doneCpu = cpuSeconds()
      done()
    }
  })
  .groupByKey()
  .count({ materialized: STORE })
  .toStream()
  .to(output, Produced.with(S, Serdes.Long()))

const app = new KafkaStreams(builder.build(), {
  applicationId,
  bootstrapServers: bootstrap,
  stateDir,
  processingGuarantee: 'at_least_once',
  // defaults (10 MiB cache, 30 s commit interval) unless the bench asks for others to compare
  ...(process.env.BENCH_B8_CACHE_MAX_BYTES ? { cacheMaxBytes: Number(process.env.BENCH_B8_CACHE_MAX_BYTES) } : {}),
  ...(process.env.BENCH_B8_COMMIT_INTERVAL_MS ? { commitIntervalMs: Number(process.env.BENCH_B8_COMMIT_INTERVAL_MS) } : {}),
  ...(process.env.BENCH_B8_WRITE_BUFFER_BYTES ? { appConfigs: { 'leveldb.write.buffer.bytes': Number(process.env.BENCH_B8_WRITE_BUFFER_BYTES) } } : {}),
})
app.onStateChange((s) => {
  if (s === 'RUNNING' && runningAt === 0n) {
    runningAt = process.hrtime.bigint()
    runningCpu = cpuSeconds()
  }
})
const failed = new Promise((_, reject) =>
  app.onStateChange((s) => {
    if (s === 'ERROR' || s === 'PENDING_ERROR') reject(new Error(`application went to ${s} after ${processed} records`))
  }),
)

await app.start()
await Promise.race([finished, failed])
const seconds = Number(doneAt - runningAt) / 1e9
const cpu = doneCpu - runningCpu
const rssAtDoneMiB = statusMiB('VmRSS')

// Store check, while the application still runs (the view merges the cache and LevelDB).
const store = app.store(STORE, QueryableStoreTypes.keyValueStore())
let wrong = 0
const step = Math.max(1, Math.floor(records / 1000))
for (let i = 0; i < records; i += step) if (store.get(recordKey(i)) !== 1) wrong++
if (store.get(recordKey(records - 1)) !== 1) wrong++
let entries = -1
let scanSeconds = 0
if (fullScan) {
  const scanStart = process.hrtime.bigint()
  entries = 0
  for await (const kv of store.all()) {
    entries++
    if (kv.value !== 1) wrong++
  }
  scanSeconds = Number(process.hrtime.bigint() - scanStart) / 1e9
}

const closeStart = process.hrtime.bigint()
const closed = await app.close({ timeoutMs: 120_000 })
const closeSeconds = Number(process.hrtime.bigint() - closeStart) / 1e9
clearInterval(sampler)
const m = process.memoryUsage()
peakHeap = Math.max(peakHeap, m.heapUsed)

process.stdout.write(
  `${JSON.stringify({
    records: processed,
    seconds,
    cpuSeconds: cpu,
    peakRssMiB: Math.round(statusMiB('VmHWM')),
    rssAtDoneMiB: Math.round(rssAtDoneMiB),
    peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    peakExternalMiB: Math.round(peakExternal / 2 ** 20),
    sampledWrong: wrong,
    entries,
    scanSeconds,
    closeSeconds,
    closed,
  })}\n`,
)
process.exit(0)
