/**
 * Ported from Kafka Streams' TopologyTest (*PreserveTopologyStructure): `describe()` of DSL
 * aggregations and table operations, compared with Kafka's text byte for byte. Kafka's
 * `Materialized.as(StoreType)` is an unnamed Materialized with a store type, written here as
 * `Materialized.with(null, null).withStoreType(...)`. Not ported: the cases needing a
 * per-topology config (`new StreamsBuilder(topologyConfig)`), and the windowed cogroup cases
 * (`CogroupedKStream.windowedBy` does not exist in tributary).
 */
import { describe, expect, it } from 'vitest'
import type { Topology } from '../../../processor-api/topology.js'
import type { KeyValue } from '../../../processor-api/key-value.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { Materialized } from '../../../dsl/options/materialized.js'
import { TimeWindows } from '../../../dsl/windows/time-windows.js'
import { SessionWindows } from '../../../dsl/windows/session-windows.js'
import type { KGroupedStream } from '../../../dsl/kgrouped-stream.js'
import { kafkaTopologyTest as kafka } from './fixtures/topology-test-descriptions.js'

const grouped = (b: StreamsBuilder): KGroupedStream<unknown, unknown> => b.stream('input-topic').groupByKey()
const build = (f: (b: StreamsBuilder) => unknown): Topology => {
  const b = new StreamsBuilder()
  f(b)
  return b.build()
}
const storeTyped = <V>(): Materialized<unknown, V> => Materialized.with<unknown, V>(null, null).withStoreType('in_memory')
const anonymous = (): Materialized<unknown, number> => Materialized.with<unknown, number>(null, Serdes.Long()).withStoreType('persistent')
const named = <V>(name: string): Materialized<unknown, V> => Materialized.as<unknown, V>(name).withStoreType('in_memory')
const nullPair = (): KeyValue<unknown, unknown> => null as unknown as KeyValue<unknown, unknown>

const cases: [keyof typeof kafka, (b: StreamsBuilder) => unknown][] = [
  ['kGroupedStreamZeroArgCountShouldPreserveTopologyStructure', (b) => grouped(b).count()],
  ['kGroupedStreamNamedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).count(named('count-store'))],
  ['kGroupedStreamAnonymousMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).count(anonymous())],
  ['kGroupedStreamAnonymousStoreTypedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).count(storeTyped())],
  ['timeWindowZeroArgCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count()],
  ['timeWindowNamedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count(named('count-store'))],
  ['timeWindowAnonymousMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count(anonymous())],
  ['timeWindowAnonymousStoreTypeMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count(storeTyped())],
  // Kafka's two "slidingWindow" cases use TimeWindows too.
  ['slidingWindowZeroArgCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count()],
  ['slidingWindowNamedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count(named('count-store'))],
  ['sessionWindowZeroArgCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1)).count()],
  ['sessionWindowNamedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1)).count(named('count-store'))],
  ['sessionWindowAnonymousMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1)).count(anonymous())],
  ['sessionWindowAnonymousStoreTypedMaterializedCountShouldPreserveTopologyStructure', (b) => grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1)).count(storeTyped())],
  ['tableZeroArgCountShouldPreserveTopologyStructure', (b) => b.table('input-topic').groupBy(nullPair).count()],
  ['tableNamedMaterializedCountShouldPreserveTopologyStructure', (b) => b.table('input-topic').groupBy(nullPair).count(named('count-store'))],
  ['tableAnonymousMaterializedCountShouldPreserveTopologyStructure', (b) => b.table('input-topic').groupBy(nullPair).count(anonymous())],
  ['tableAnonymousStoreTypedMaterializedCountShouldPreserveTopologyStructure', (b) => b.table('input-topic').groupBy(nullPair).count(storeTyped())],
  ['kTableNonMaterializedMapValuesShouldPreserveTopologyStructure', (b) => b.table('input-topic').mapValues(() => null)],
  ['kTableAnonymousMaterializedMapValuesShouldPreserveTopologyStructure', (b) => b.table('input-topic').mapValues(() => null, storeTyped())],
  ['kTableNamedMaterializedMapValuesShouldPreserveTopologyStructure', (b) => b.table('input-topic').mapValues(() => null, Materialized.as('store-name'))],
  ['kTableNonMaterializedFilterShouldPreserveTopologyStructure', (b) => b.table('input-topic').filter(() => false)],
  ['kTableAnonymousMaterializedFilterShouldPreserveTopologyStructure', (b) => b.table('input-topic').filter(() => false, Materialized.with(null, null))],
  ['kTableNamedMaterializedFilterShouldPreserveTopologyStructure', (b) => b.table('input-topic').filter(() => false, Materialized.as('store-name'))],
]

describe('TopologyTest (Kafka): DSL topologies describe as Kafka', () => {
  for (const [name, f] of cases) {
    it(name, () => {
      expect(build(f).describe().toString()).toBe(kafka[name])
    })
  }
})
