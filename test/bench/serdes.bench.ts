/**
 * Serde throughput: serialize + deserialize round trips per second for the serdes on the hot
 * path (String, Long, JSON), each against the raw Node calls doing the same work in the same run.
 * Prints one JSON line per serde (`npm run bench -- serdes`).
 */
import { bench, describe } from 'vitest'
import { Serdes } from '../../processor-api/serde/serdes.js'

const N = process.env.BENCH_SMOKE ? 20_000 : 500_000
const RUNS = process.env.BENCH_SMOKE ? 1 : 3

function rate(fn: (i: number) => void): number {
  const samples: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < N; i++) fn(i)
    samples.push(N / (Number(process.hrtime.bigint() - t0) / 1e9))
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

function report(name: string, ours: (i: number) => void, raw: (i: number) => void): void {
  rate(ours) // warm up
  rate(raw)
  const value = rate(ours)
  const baseline = rate(raw)
  process.stdout.write(
    `${JSON.stringify({ bench: `serde-${name}`, value: Math.round(value), unit: 'round-trips/s', vs: 'raw Buffer calls', ratio: Number((value / baseline).toFixed(2)) })}\n`,
  )
}

const words = Array.from({ length: 1024 }, (_, i) => `key-${i.toString(36).padStart(6, '0')}`)
let sink = 0

const str = Serdes.String()
report(
  'string',
  (i) => {
    const s = str.deserializer.deserialize('t', str.serializer.serialize('t', words[i & 1023]!))
    sink += s!.length
  },
  (i) => {
    sink += Buffer.from(words[i & 1023]!, 'utf8').toString('utf8').length
  },
)

const long = Serdes.Long()
report(
  'long',
  (i) => {
    sink += long.deserializer.deserialize('t', long.serializer.serialize('t', i * 7919))!
  },
  (i) => {
    const b = Buffer.allocUnsafe(8)
    b.writeBigInt64BE(BigInt(i * 7919))
    sink += Number(b.readBigInt64BE(0))
  },
)

const json = Serdes.JSON<{ id: string; n: number }>()
report(
  'json',
  (i) => {
    sink += json.deserializer.deserialize('t', json.serializer.serialize('t', { id: words[i & 1023]!, n: i }))!.n
  },
  (i) => {
    sink += (JSON.parse(Buffer.from(JSON.stringify({ id: words[i & 1023]!, n: i })).toString()) as { n: number }).n
  },
)

describe('serdes', () => {
  bench('string round trip', () => {
    str.deserializer.deserialize('t', str.serializer.serialize('t', 'hello-world'))
  })
  bench('keeps results alive', () => {
    sink ^= 1
  })
})
