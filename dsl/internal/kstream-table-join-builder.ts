import type { KStream } from '../kstream.js'
import type { Joined } from '../options/joined.js'
import type { KeyValueMapper, ValueJoiner } from '../functions.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { StreamTableJoinNode } from './graph/stream-table-join-node.js'
import type { GlobalKTableImpl } from './global-ktable-impl.js'
import type { KStreamImpl } from './kstream-impl.js'
import type { KTableImpl } from './ktable-impl.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamKTableJoin } from './processors/kstream-ktable-join.js'

const JOIN_NAME = 'KSTREAM-JOIN-'
const LEFTJOIN_NAME = 'KSTREAM-LEFTJOIN-'

/**
 * `KStream.join/leftJoin(table)` (Kafka's `KStreamImpl.join(KTable)` + `doStreamTableJoin`):
 * repartitions the stream first (through `<Joined name or stream name>-repartition`) when its key
 * changed, records the co-partitioning, and adds the join processor connected to the table's stores.
 */
export function joinStreamWithTable<K, V, VT, VR>(
  stream: KStreamImpl<K, V>,
  table: KTableImpl<K, unknown, VT>,
  joiner: ValueJoiner<V, VT | null, VR, K>,
  joined: Joined<K, V, VT>,
  leftJoin: boolean,
): KStream<K, VR> {
  const self = stream.repartitionRequired ? stream.repartitionForJoin(joined.name ?? stream.name, joined.keySerde, joined.valueSerde) : stream
  const allSourceNodes = self.ensureCopartitionWith([table])
  const name = orElseGenerateWithPrefix(joined.name, self.builder, leftJoin ? LEFTJOIN_NAME : JOIN_NAME)
  const valueGetterSupplier = table.valueGetterSupplier()
  const supplier = new KStreamKTableJoin<K, V, K, VT, VR>(valueGetterSupplier, joiner, (k) => k, leftJoin)
  const node = new StreamTableJoinNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name), () => valueGetterSupplier.storeNames(), self.name)
  self.builder.addGraphNode(self.graphNode, node)
  if (leftJoin) node.labels.add('NULL_KEY_RELAXED_JOIN')
  return self.builder.create.kstream<K, VR>(name, joined.keySerde ?? self.keySerde, undefined, allSourceNodes, false, node, self.builder)
}

/** `KStream.join/leftJoin(globalTable, keySelector, joiner)` (Kafka's `globalTableJoin`). */
export function joinStreamWithGlobalTable<K, V, GK, GV, VR>(
  stream: KStreamImpl<K, V>,
  globalTable: GlobalKTableImpl<GK, GV>,
  keySelector: KeyValueMapper<K, V, GK>,
  joiner: ValueJoiner<V, GV | null, VR, K>,
  userName: string | undefined,
  leftJoin: boolean,
): KStream<K, VR> {
  const name = orElseGenerateWithPrefix(userName, stream.builder, LEFTJOIN_NAME)
  const supplier = new KStreamKTableJoin<K, V, GK, GV, VR>(globalTable.valueGetterSupplier(), joiner, keySelector, leftJoin)
  const node = new StreamTableJoinNode(name, new ProcessorParameters(supplier as unknown as DslProcessorSupplier, name), () => [], null)
  if (leftJoin) node.labels.add('NULL_KEY_RELAXED_JOIN')
  stream.builder.addGraphNode(stream.graphNode, node)
  return stream.builder.create.kstream<K, VR>(name, stream.keySerde, undefined, stream.subTopologySourceNodes, stream.repartitionRequired, node, stream.builder)
}
