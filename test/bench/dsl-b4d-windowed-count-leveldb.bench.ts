/**
 * B4d on the DSL: tumbling 1-minute windowed count over 10K keys, LevelDB window store (1-day retention) with caching, commit every 10K records (target >= 250K rec/s), with the ratio to the
 * hand-written Processor-API topology doing the same work in the same run. `npm run bench -- dsl-b4d`.
 */
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'
import { windowedCountTopology } from './engine/count-topologies.js'
import { dslWindowedCount } from './dsl/dsl-topologies.js'

const N = SMOKE ? 20_000 : 500_000
const records = generateRecords(N, 10_000, 1)
const dsl: number[] = []
const papi: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const d = await runEngine(dslWindowedCount(), records, { commitEvery: 10_000 })
  const p = await runEngine(windowedCountTopology(Stores.windowStoreBuilder(Stores.persistentWindowStore('windowed-counts', 86_400_000, 60_000, false), Serdes.String(), Serdes.Long()).withCachingEnabled(), 60_000), records, { commitEvery: 10_000 })
  if (d.sent === 0 || p.sent === 0) throw new Error('no output')
  if (run > 0) {
    dsl.push(d.rate)
    papi.push(p.rate)
  }
}
emit('dsl-b4d-windowed-count-leveldb', median(dsl), { records: N, commitEvery: 10_000 }, { vs: 'processor-api', value: median(papi) })

describe('dsl-b4d-windowed-count-leveldb', () => {
  bench('figures are printed above as JSON lines', () => {
    dsl.length
  })
})
