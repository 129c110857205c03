/**
 * B4a on the DSL: `filter` + `mapValues` with String serdes, no broker (target >= 1.5M rec/s),
 * with the ratio to the hand-written Processor-API topology doing the same work in the same run
 * (what the DSL costs over the engine). `npm run bench -- dsl-b4a`.
 */
import { bench, describe } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import type { Record } from '../../processor-api/record.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'
import { dslFilterMapValues } from './dsl/dsl-topologies.js'

const N = SMOKE ? 20_000 : 1_000_000
const keep = (key: string): boolean => key.charCodeAt(key.length - 1) !== 48
const mapValue = (value: string): string => value.substring(0, 60)

function processorApiTopology(): Topology {
  return new Topology()
    .addSource('source', 'input', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor(
      'filter-map',
      () => {
        let ctx: ProcessorContext<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => void (ctx = c),
          process: (r: Record<string, string>) => {
            if (keep(r.key)) ctx.forward(r.withValue(mapValue(r.value)))
          },
        }
      },
      'source',
    )
    .addSink('sink', 'output', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'filter-map')
}

const records = generateRecords(N, 10_000, 1)
const dsl: number[] = []
const papi: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const d = await runEngine(dslFilterMapValues(keep, mapValue), records)
  const p = await runEngine(processorApiTopology(), records)
  if (d.sent !== p.sent || d.sent === 0) throw new Error(`output mismatch: dsl ${d.sent}, processor api ${p.sent}`)
  if (run > 0) {
    dsl.push(d.rate)
    papi.push(p.rate)
  }
}
emit('dsl-b4a-filter-map-values', median(dsl), { records: N }, { vs: 'processor-api', value: median(papi) })

describe('dsl-b4a-filter-map-values', () => {
  bench('figures are printed above as JSON lines', () => {
    dsl.length
  })
})
