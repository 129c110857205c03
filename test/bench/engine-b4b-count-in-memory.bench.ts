/**
 * B4b: `groupByKey().count()` over 10K keys on an in-memory store (caching and logging on, as the DSL's defaults), committing every 10K records. Target >= 800K rec/s.
 * Processor-API version (the DSL's is dsl-*.bench.ts), with the ratio to a hand-written loop doing
 * the same work without the framework in the same run. `npm run bench -- engine-b4b-count-in-memory`.
 */
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'
import { countTopology } from './engine/count-topologies.js'
import { bareCount } from './engine/bare-count.js'

const N = SMOKE ? 20_000 : 1_000_000
const records = generateRecords(N, 10_000, 1)
const rates: number[] = []
const cpuRates: number[] = []
const bareRates: number[] = []
const bareCpuRates: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const STORE = Stores.inMemoryKeyValueStore('counts')
  const r = await runEngine(countTopology(Stores.keyValueStoreBuilder(STORE, Serdes.String(), Serdes.Long()).withCachingEnabled()), records, { commitEvery: 10_000 })
  if (r.sent === 0) throw new Error('no output')
  const b = await bareCount(records, 10_000, false)
  if (b.sent !== r.sent) throw new Error(`the loop sent ${b.sent} records, the engine ${r.sent} (output + changelog)`)
  if (run > 0) {
    rates.push(r.rate)
    cpuRates.push(r.cpuRate)
    bareRates.push(b.rate)
    bareCpuRates.push(b.cpuRate)
  }
}
emit(
  'engine-b4b-count-in-memory',
  median(rates),
  {
    records: N,
    commitEvery: 10_000,
    cpuValue: Math.round(median(cpuRates)),
    bareLoop: Math.round(median(bareRates)),
    bareLoopCpu: Math.round(median(bareCpuRates)),
    cpuRatio: Number((median(cpuRates) / median(bareCpuRates)).toFixed(2)),
  },
  { vs: 'hand-written loop: same serdes, Map count, records serialized per commit', value: median(bareRates) },
)

describe('engine-b4b-count-in-memory', () => {
  bench('figures are printed above as JSON lines', () => {
    rates.length
  })
})
