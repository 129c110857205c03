/** DSL versions of the engine benchmark topologies (B4a-B4d), same input and output topics. */
import { Serdes } from '../../../processor-api/serde/serdes.js'
import type { Topology } from '../../../processor-api/topology.js'
import { Stores } from '../../../state-stores/stores.js'
import { Consumed, Materialized, Produced, StreamsBuilder, TimeWindows } from '../../../dsl/index.js'
import { KeyValue } from '../../../processor-api/key-value.js'

const S = Serdes.String()

/** B4a: `filter` + `mapValues` with String serdes. */
export function dslFilterMapValues(keep: (key: string) => boolean, mapValue: (v: string) => string): Topology {
  const b = new StreamsBuilder()
  b.stream<string, string>('input', Consumed.with(S, S))
    .filter((k) => keep(k))
    .mapValues(mapValue)
    .to('output', Produced.with(S, S))
  return b.build()
}

/** B4b/B4c: `groupByKey().count()` in an in-memory or (default) LevelDB store, caching on. */
export function dslCount(inMemory: boolean): Topology {
  const b = new StreamsBuilder()
  const materialized = inMemory
    ? Materialized.as<string, number>(Stores.inMemoryKeyValueStore('counts'))
    : Materialized.as<string, number>('counts')
  b.stream<string, string>('input', Consumed.with(S, S))
    .groupByKey()
    .count(materialized.withKeySerde(S).withValueSerde(Serdes.Long()))
    .toStream()
    .to('output', Produced.with(S, Serdes.Long()))
  return b.build()
}

/** B4d: tumbling 1-minute windowed count on LevelDB (1-day retention), caching on. */
export function dslWindowedCount(): Topology {
  const b = new StreamsBuilder()
  b.stream<string, string>('input', Consumed.with(S, S))
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeWithNoGrace(60_000))
    .count(Materialized.as<string, number>('windowed-counts').withRetention(86_400_000).withKeySerde(S).withValueSerde(Serdes.Long()))
    .toStream()
    .map((w, n) => KeyValue.pair(`${w.key}@${w.window.start}`, n))
    .to('output', Produced.with(S, Serdes.Long()))
  return b.build()
}
