/**
 * B4a: the engine with no broker, `filter` + `mapValues` with string serdes (Processor-API
 * versions of the DSL operators), against a bare loop doing the same deserialize → filter → map
 * → serialize work in the same run (target >= 1.5M rec/s; ratio is what the engine costs).
 * `npm run bench -- engine-b4a`.
 */
import { bench, describe } from 'vitest'
import { Topology } from '../../processor-api/topology.js'
import type { Record } from '../../processor-api/record.js'
import type { ProcessorContext } from '../../processor-api/processor-context.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import { emit, generateRecords, median, runEngine, RUNS, SMOKE } from './engine/engine-bench-harness.js'

const N = SMOKE ? 20_000 : 1_000_000
const keep = (key: string): boolean => key.charCodeAt(key.length - 1) !== 48 // drops keys ending in '0'
const mapValue = (value: string): string => value.substring(0, 60)

function topology(): Topology {
  return new Topology()
    .addSource('source', 'input', { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .addProcessor(
      'filter',
      () => {
        let ctx: ProcessorContext<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => void (ctx = c),
          process: (r: Record<string, string>) => {
            if (keep(r.key)) ctx.forward(r)
          },
        }
      },
      'source',
    )
    .addProcessor(
      'map-values',
      () => {
        let ctx: ProcessorContext<string, string>
        return {
          init: (c: ProcessorContext<string, string>) => void (ctx = c),
          process: (r: Record<string, string>) => ctx.forward(r.withValue(mapValue(r.value))),
        }
      },
      'filter',
    )
    .addSink('sink', 'output', { keySerde: Serdes.String(), valueSerde: Serdes.String() }, 'map-values')
}

/** The same work as a plain loop: the baseline. */
function bareLoop(records: ReturnType<typeof generateRecords>): { rate: number; cpuRate: number; sent: number } {
  const s = Serdes.String()
  let sent = 0
  let last: Buffer | null = null
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  for (const r of records) {
    const key = s.deserializer.deserialize('input', r.key)!
    const value = s.deserializer.deserialize('input', r.value)!
    if (!keep(key)) continue
    const k = s.serializer.serialize('output', key)
    last = s.serializer.serialize('output', mapValue(value))
    if (k !== null && last !== null) sent++
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu = process.cpuUsage(cpu0)
  return { rate: records.length / secs, cpuRate: records.length / ((cpu.user + cpu.system) / 1e6), sent }
}

const records = generateRecords(N, 10_000)
const engine: number[] = []
const baseline: number[] = []
const engineCpu: number[] = []
const baselineCpu: number[] = []
for (let run = 0; run <= RUNS; run++) {
  const e = await runEngine(topology(), records)
  const b = bareLoop(records)
  if (e.sent !== b.sent) throw new Error(`engine produced ${e.sent} records, the loop ${b.sent}`)
  if (run > 0) {
    engine.push(e.rate)
    baseline.push(b.rate)
    engineCpu.push(e.cpuRate)
    baselineCpu.push(b.cpuRate)
  }
}
emit(
  'engine-b4a-filter-map-values',
  median(engine),
  { records: N, cpuValue: Math.round(median(engineCpu)), cpuRatio: Number((median(engineCpu) / median(baselineCpu)).toFixed(2)) },
  { vs: 'bare loop with the same serdes', value: median(baseline) },
)

describe('engine-b4a', () => {
  bench('figures are printed above as JSON lines', () => {
    engine.length
  })
})
