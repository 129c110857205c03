/**
 * B4b: `groupByKey().count()` over 10K keys on an in-memory store (caching and logging on, as the DSL's defaults), committing every 10K records. Target >= 800K rec/s.
 * Processor-API version (the DSL's is dsl-*.bench.ts), with the ratio to a hand-written loop doing
 * the same work without the framework in the same run. `npm run bench -- engine-b4b-count-in-memory`.
 */
import { bench, describe } from 'vitest'
import { Stores } from '../../state-stores/stores.js'
import { SMOKE } from './engine/engine-bench-harness.js'
import { countAgainstBareLoop } from './engine/bare-count.js'

await countAgainstBareLoop('engine-b4b-count-in-memory', SMOKE ? 20_000 : 1_000_000, () => Stores.inMemoryKeyValueStore('counts'), false)

describe('engine-b4b-count-in-memory', () => {
  bench('figures are printed above as JSON lines', () => {
    SMOKE
  })
})
