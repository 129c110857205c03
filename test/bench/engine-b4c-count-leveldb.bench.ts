/**
 * B4c: the same count on a LevelDB store with caching (and logging), committing every 10K records (flush, then one LevelDB batch with the checkpoint per commit). Target >= 400K rec/s.
 * Processor-API version (the DSL's is dsl-*.bench.ts), with the ratio to a hand-written loop doing
 * the same work without the framework in the same run. `npm run bench -- engine-b4c-count-leveldb`.
 */
import { bench, describe } from 'vitest'
import { Stores } from '../../state-stores/stores.js'
import { SMOKE } from './engine/engine-bench-harness.js'
import { countAgainstBareLoop } from './engine/bare-count.js'

await countAgainstBareLoop('engine-b4c-count-leveldb', SMOKE ? 20_000 : 500_000, () => Stores.persistentKeyValueStore('counts'), true)

describe('engine-b4c-count-leveldb', () => {
  bench('figures are printed above as JSON lines', () => {
    SMOKE
  })
})
