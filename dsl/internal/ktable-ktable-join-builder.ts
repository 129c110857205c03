import type { KTable } from '../ktable.js'
import type { Materialized } from '../options/materialized.js'
import { KTableKTableJoinNode } from './graph/ktable-ktable-join-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import type { KTableImpl } from './ktable-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix, suffixWithOrElseGenerate } from './name-provider.js'
import { KTableKTableJoin, type TableJoiner } from './processors/ktable-ktable-join.js'
import { KTableKTableJoinMerger } from './processors/ktable-ktable-join-merger.js'
import { keyValueStoreFactory } from './stores/materializers.js'

const MERGE_NAME = 'KTABLE-MERGE-'
const JOINTHIS_NAME = 'KTABLE-JOINTHIS-'
const JOINOTHER_NAME = 'KTABLE-JOINOTHER-'

/**
 * `KTable.join/leftJoin/outerJoin(otherTable, joiner)` (Kafka's `KTableImpl.doJoin`): both tables
 * are materialized (their value getters are needed), outer sides send old values, and the merge
 * processor is materialized when a `Materialized` is given.
 */
export function joinTables<K, V1, V2, VR>(
  self: KTableImpl<K, unknown, V1>,
  other: KTableImpl<K, unknown, V2>,
  joiner: TableJoiner<V1, V2, VR, K>,
  userName: string | undefined,
  materialized: Materialized<K, VR> | undefined,
  leftOuter: boolean,
  rightOuter: boolean,
): KTable<K, VR> {
  const builder = self.builder
  const m = materialized === undefined ? null : new MaterializedInternal<K, VR>(materialized, builder, MERGE_NAME)
  const joinMergeName = orElseGenerateWithPrefix(userName, builder, MERGE_NAME)
  const allSourceNodes = self.ensureCopartitionWith([other])
  if (leftOuter) self.enableSendingOldValues(true)
  if (rightOuter) other.enableSendingOldValues(true)
  const getter1 = self.valueGetterSupplier()
  const getter2 = other.valueGetterSupplier()
  const mode = !leftOuter ? 'inner' : !rightOuter ? 'left' : 'outer'
  const otherMode = !leftOuter ? 'inner' : !rightOuter ? 'right' : 'outer'
  const joinThis = new KTableKTableJoin<K, V1, V2, VR>(mode, self, other, getter1, getter2, joiner)
  const joinOther = new KTableKTableJoin<K, V2, V1, VR>(otherMode, other, self, getter2, getter1, (v2, v1, k) => joiner(v1, v2, k))
  const joinThisName = suffixWithOrElseGenerate(userName, '-join-this', builder, JOINTHIS_NAME)
  const joinOtherName = suffixWithOrElseGenerate(userName, '-join-other', builder, JOINOTHER_NAME)
  let keySerde = self.keySerde
  let valueSerde = undefined
  let queryableStoreName: string | null = null
  let storeFactory = null
  if (m !== null) {
    m.withDefaultSerdes(self.keySerde, undefined)
    keySerde = m.keySerde
    valueSerde = m.valueSerde
    queryableStoreName = m.storeName
    storeFactory = keyValueStoreFactory(m)
  }
  const merger = new KTableKTableJoinMerger<K, VR>(joinThis, joinOther, queryableStoreName)
  const node = new KTableKTableJoinNode(
    joinMergeName,
    new ProcessorParameters(joinThis as unknown as DslProcessorSupplier, joinThisName),
    new ProcessorParameters(joinOther as unknown as DslProcessorSupplier, joinOtherName),
    new ProcessorParameters(merger as unknown as DslProcessorSupplier, joinMergeName),
    self.name,
    other.name,
    () => getter1.storeNames(),
    () => getter2.storeNames(),
    storeFactory,
  )
  builder.addGraphNode(self.graphNode, node)
  builder.addGraphNode(other.graphNode, node)
  return builder.create.ktable<K, VR, VR>(joinMergeName, keySerde, valueSerde, allSourceNodes, queryableStoreName, merger, node, builder)
}
