/**
 * B4c on the DSL: groupByKey().count() over 10K keys, LevelDB store with caching, commit every 10K records (target >= 400K rec/s), with the ratio to the
 * hand-written Processor-API topology doing the same work in the same run. `npm run bench -- dsl-b4c`.
 */
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { Stores } from '../../state-stores/stores.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'
import { countTopology } from './engine/count-topologies.js'
import { dslCount } from './dsl/dsl-topologies.js'

const N = SMOKE ? 20_000 : 500_000
const records = generateRecords(N, 10_000, 1)
const dsl: number[] = []
const papi: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const d = await runEngine(dslCount(false), records, { commitEvery: 10_000 })
  const p = await runEngine(countTopology(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('counts'), Serdes.String(), Serdes.Long()).withCachingEnabled()), records, { commitEvery: 10_000 })
  if (d.sent === 0 || p.sent === 0) throw new Error('no output')
  if (run > 0) {
    dsl.push(d.rate)
    papi.push(p.rate)
  }
}
emit('dsl-b4c-count-leveldb', median(dsl), { records: N, commitEvery: 10_000 }, { vs: 'processor-api', value: median(papi) })

describe('dsl-b4c-count-leveldb', () => {
  bench('figures are printed above as JSON lines', () => {
    dsl.length
  })
})
