/**
 * B4d: tumbling 1-minute windowed count over 10K keys on a LevelDB window store (1-day retention, caching and logging on), committing every 10K records; timestamps 1 ms apart. Target >= 250K rec/s.
 * Processor-API version (the DSL's is dsl-*.bench.ts). `npm run bench -- engine-b4d-windowed-count-leveldb`.
 */
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'
import { windowedCountTopology } from './engine/count-topologies.js'

const N = SMOKE ? 20_000 : 500_000
const records = generateRecords(N, 10_000, 1)
const rates: number[] = []
const cpuRates: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const STORE = Stores.persistentWindowStore('windowed-counts', 86_400_000, 60_000, false)
  const r = await runEngine(windowedCountTopology(Stores.windowStoreBuilder(STORE, Serdes.String(), Serdes.Long()).withCachingEnabled(), 60_000), records, { commitEvery: 10_000 })
  if (r.sent === 0) throw new Error('no output')
  if (run > 0) {
    rates.push(r.rate)
    cpuRates.push(r.cpuRate)
  }
}
emit('engine-b4d-windowed-count-leveldb', median(rates), { records: N, commitEvery: 10_000, cpuValue: Math.round(median(cpuRates)) })

describe('engine-b4d-windowed-count-leveldb', () => {
  bench('figures are printed above as JSON lines', () => {
    rates.length
  })
})
