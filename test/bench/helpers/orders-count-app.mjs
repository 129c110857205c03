// The orders application of the end-to-end benchmarks as a module for `tributary run` (the
// compiled package in dist/): orders (String key, bytes value) → groupByKey().count() per
// customer (LevelDB store) → `<input>-counts` (Long values). Settings come from the environment:
// BENCH_APP_INPUT (the input topic), BENCH_APP_GUARANTEE (at_least_once | exactly_once_v2),
// BENCH_APP_CACHE_MAX_BYTES (default 0: every update forwarded at once),
// BENCH_APP_COMMIT_INTERVAL_MS (default: Kafka's, 30000 or 100 under exactly-once).
import { Consumed, Produced, Serdes } from '../../../dist/src/index.js'

const input = process.env.BENCH_APP_INPUT ?? 'orders'
const commitIntervalMs = process.env.BENCH_APP_COMMIT_INTERVAL_MS

export const config = {
  processingGuarantee: process.env.BENCH_APP_GUARANTEE ?? 'at_least_once',
  cacheMaxBytes: Number(process.env.BENCH_APP_CACHE_MAX_BYTES ?? 0),
  ...(commitIntervalMs ? { commitIntervalMs: Number(commitIntervalMs) } : {}),
}

export function buildTopology(builder) {
  builder
    .stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
    .groupByKey()
    .count({ materialized: 'order-counts-store' })
    .toStream()
    .to(`${input}-counts`, Produced.with(Serdes.String(), Serdes.Long()))
}
