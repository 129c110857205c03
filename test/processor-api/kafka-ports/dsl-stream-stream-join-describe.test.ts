/**
 * Ported from Kafka Streams' TopologyTest (streamStream{,Left,Outer}JoinTopologyWith{DefaultStoresNames,
 * CustomStoresNames,CustomStoresSuppliers}): the DSL's stream-stream joins, described, compared with
 * Kafka's text byte for byte. Kafka's inner-join cases use the deprecated `JoinWindows.of(100)`;
 * an inner join has no shared store, so `ofTimeDifferenceWithNoGrace(100)` describes the same.
 */
import { describe, expect, it } from 'vitest'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { StreamsBuilder } from '../../../dsl/streams-builder.js'
import { JoinWindows } from '../../../dsl/windows/join-windows.js'
import { StreamJoined } from '../../../dsl/options/stream-joined.js'
import { Stores } from '../../../state-stores/stores.js'
import { kafkaStreamStreamJoins as kafka } from './fixtures/stream-stream-join-descriptions.js'

type JoinKind = 'join' | 'leftJoin' | 'outerJoin'
type Stores_ = 'DefaultStoresNames' | 'CustomStoresNames' | 'CustomStoresSuppliers'

function describeJoin(kind: JoinKind, stores: Stores_): string {
  const builder = new StreamsBuilder()
  const stream1 = builder.stream<number, string>('input-topic1')
  const stream2 = builder.stream<number, string>('input-topic2')
  const windows = JoinWindows.ofTimeDifferenceWithNoGrace(100)
  let joined: StreamJoined<number, string, string> | undefined
  if (stores === 'CustomStoresNames') joined = StreamJoined.with(Serdes.Integer(), Serdes.String(), Serdes.String()).withStoreName('custom-name')
  if (stores === 'CustomStoresSuppliers') {
    const size = 200 // Kafka's joinWindows.size(): before + after
    joined = StreamJoined.with(Serdes.Integer(), Serdes.String(), Serdes.String())
      .withThisStoreSupplier(Stores.inMemoryWindowStore('in-memory-join-store', size, size, true))
      .withOtherStoreSupplier(Stores.inMemoryWindowStore('in-memory-join-store-other', size, size, true))
  }
  const joiner = (a: string | null, b: string | null): string => `${a}+${b}`
  if (kind === 'join') stream1.join(stream2, joiner, windows, joined)
  else if (kind === 'leftJoin') stream1.leftJoin(stream2, joiner, windows, joined)
  else stream1.outerJoin(stream2, joiner, windows, joined)
  return builder.build().describe().toString()
}

const names: [keyof typeof kafka, JoinKind, Stores_][] = [
  ['streamStreamJoinTopologyWithDefaultStoresNames', 'join', 'DefaultStoresNames'],
  ['streamStreamJoinTopologyWithCustomStoresNames', 'join', 'CustomStoresNames'],
  ['streamStreamJoinTopologyWithCustomStoresSuppliers', 'join', 'CustomStoresSuppliers'],
  ['streamStreamLeftJoinTopologyWithDefaultStoresNames', 'leftJoin', 'DefaultStoresNames'],
  ['streamStreamLeftJoinTopologyWithCustomStoresNames', 'leftJoin', 'CustomStoresNames'],
  ['streamStreamLeftJoinTopologyWithCustomStoresSuppliers', 'leftJoin', 'CustomStoresSuppliers'],
  ['streamStreamOuterJoinTopologyWithDefaultStoresNames', 'outerJoin', 'DefaultStoresNames'],
  ['streamStreamOuterJoinTopologyWithCustomStoresNames', 'outerJoin', 'CustomStoresNames'],
  ['streamStreamOuterJoinTopologyWithCustomStoresSuppliers', 'outerJoin', 'CustomStoresSuppliers'],
]

describe('TopologyTest (Kafka): stream-stream joins describe as Kafka', () => {
  for (const [name, kind, stores] of names) {
    it(name, () => {
      expect(describeJoin(kind, stores)).toBe(kafka[name])
    })
  }
})
