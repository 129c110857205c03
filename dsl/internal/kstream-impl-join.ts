import type { KStream } from '../kstream.js'
import type { ValueJoiner } from '../functions.js'
import type { StreamJoined } from '../options/stream-joined.js'
import type { JoinWindows } from '../windows/join-windows.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { StreamStreamJoinNode } from './graph/stream-stream-join-node.js'
import type { KStreamImpl } from './kstream-impl.js'
import { suffixWithOrElseGenerate, suffixWithOrElseGet } from './name-provider.js'
import { JoinTimeTrackerSupplier } from './processors/join-time-tracker.js'
import { KStreamJoinWindow } from './processors/kstream-join-window.js'
import { KStreamKStreamJoin } from './processors/kstream-kstream-join.js'
import { PassThrough } from './processors/pass-through.js'
import { LeftOrRightValueListSerde } from './serdes/left-or-right-value.js'
import { TimestampedKeyAndJoinSideSerde } from './serdes/timestamped-key-and-join-side.js'
import { joinWindowStoreFactory, outerJoinStoreFactory } from './stores/join-store-factories.js'

const WINDOWED_NAME = 'KSTREAM-WINDOWED-'
const JOINTHIS_NAME = 'KSTREAM-JOINTHIS-'
const JOINOTHER_NAME = 'KSTREAM-JOINOTHER-'
const OUTERTHIS_NAME = 'KSTREAM-OUTERTHIS-'
const OUTEROTHER_NAME = 'KSTREAM-OUTEROTHER-'
const OUTERSHARED_NAME = 'KSTREAM-OUTERSHARED-'
const MERGE_NAME = 'KSTREAM-MERGE-'

/**
 * `KStream.join/leftJoin/outerJoin(otherStream, ...)` (Kafka's `KStreamImpl.doJoin` +
 * `KStreamImplJoin.join`): repartitions either side whose key changed, records the
 * co-partitioning, and adds a windowed processor per side, the two join processors and a merge.
 */
export function joinStreams<K, V1, V2, VR>(
  left: KStreamImpl<K, V1>,
  right: KStreamImpl<K, V2>,
  joiner: ValueJoiner<V1 | null, V2 | null, VR, K>,
  windows: JoinWindows,
  streamJoined: StreamJoined<K, V1, V2>,
  type: 'join' | 'leftJoin' | 'outerJoin',
): KStream<K, VR> {
  const name = streamJoined.name
  let thisStream = left
  let otherStream = right
  if (thisStream.repartitionRequired) {
    thisStream = thisStream.repartitionForJoin(suffixWithOrElseGet(name, '-left', thisStream.name), streamJoined.keySerde, streamJoined.valueSerde)
  }
  if (otherStream.repartitionRequired) {
    otherStream = otherStream.repartitionForJoin(suffixWithOrElseGet(name, '-right', otherStream.name), streamJoined.keySerde, streamJoined.otherValueSerde)
  }
  thisStream.ensureCopartitionWith([otherStream])

  const builder = thisStream.builder
  const leftOuter = type !== 'join'
  const rightOuter = type === 'outerJoin'
  const joinThisSuffix = rightOuter ? '-outer-this-join' : '-this-join'
  const joinOtherSuffix = leftOuter ? '-outer-other-join' : '-other-join'
  const thisWindowedName = suffixWithOrElseGenerate(name, '-this-windowed', builder, WINDOWED_NAME)
  const otherWindowedName = suffixWithOrElseGenerate(name, '-other-windowed', builder, WINDOWED_NAME)
  const joinThisGenerated = builder.newProcessorName(rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME)
  const joinOtherGenerated = builder.newProcessorName(leftOuter ? OUTEROTHER_NAME : JOINOTHER_NAME)
  const joinThisName = suffixWithOrElseGet(name, joinThisSuffix, joinThisGenerated)
  const joinOtherName = suffixWithOrElseGet(name, joinOtherSuffix, joinOtherGenerated)
  const joinMergeName = suffixWithOrElseGenerate(name, '-merge', builder, MERGE_NAME)

  const baseStoreName = streamJoined.storeName
  const thisStore = joinWindowStoreFactory(
    streamJoined.thisStoreSupplier?.name ?? (baseStoreName === undefined ? joinThisGenerated : baseStoreName + joinThisSuffix) + '-store',
    windows,
    streamJoined,
    streamJoined.valueSerde,
    streamJoined.thisStoreSupplier,
  )
  const otherStore = joinWindowStoreFactory(
    streamJoined.otherStoreSupplier?.name ?? (baseStoreName === undefined ? joinOtherGenerated : baseStoreName + joinOtherSuffix) + '-store',
    windows,
    streamJoined,
    streamJoined.otherValueSerde,
    streamJoined.otherStoreSupplier,
  )

  const thisWindowedNode = new ProcessorGraphNode(
    thisWindowedName,
    new ProcessorParameters(new KStreamJoinWindow<K, V1>(thisStore.name) as unknown as DslProcessorSupplier, thisWindowedName),
  )
  builder.addGraphNode(thisStream.graphNode, thisWindowedNode)
  const otherWindowedNode = new ProcessorGraphNode(
    otherWindowedName,
    new ProcessorParameters(new KStreamJoinWindow<K, V2>(otherStore.name) as unknown as DslProcessorSupplier, otherWindowedName),
  )
  builder.addGraphNode(otherStream.graphNode, otherWindowedNode)

  let outerStoreFactory = null
  const bindings = []
  if (leftOuter) {
    const suffix = rightOuter ? '-outer-shared-join' : '-left-shared-join'
    const base =
      streamJoined.thisStoreSupplier !== undefined && streamJoined.thisStoreSupplier.name.length > 0
        ? streamJoined.thisStoreSupplier.name + suffix
        : baseStoreName !== undefined
          ? baseStoreName + suffix
          : OUTERSHARED_NAME + joinThisGenerated.substring((rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME).length)
    const keySerde = new TimestampedKeyAndJoinSideSerde<K>(streamJoined.keySerde)
    const valueSerde = new LeftOrRightValueListSerde<V1, V2>(streamJoined.valueSerde, streamJoined.otherValueSerde)
    bindings.push(keySerde, valueSerde)
    outerStoreFactory = outerJoinStoreFactory(base + '-store', streamJoined, keySerde, valueSerde)
  }
  const trackers = new JoinTimeTrackerSupplier()
  const outerStoreName = outerStoreFactory?.name ?? null
  const joinThis = new KStreamKStreamJoin<K, V1, V2, VR>({
    otherWindowName: otherStore.name,
    joinBeforeMs: windows.beforeMs,
    joinAfterMs: windows.afterMs,
    windowsBeforeMs: windows.beforeMs,
    windowsAfterMs: windows.afterMs,
    graceMs: windows.graceMs,
    outer: leftOuter,
    leftSide: true,
    joiner,
    outerJoinStoreName: outerStoreName,
    trackers,
    bindings,
  })
  const joinOther = new KStreamKStreamJoin<K, V2, V1, VR>({
    otherWindowName: thisStore.name,
    joinBeforeMs: windows.afterMs,
    joinAfterMs: windows.beforeMs,
    windowsBeforeMs: windows.beforeMs,
    windowsAfterMs: windows.afterMs,
    graceMs: windows.graceMs,
    outer: rightOuter,
    leftSide: false,
    joiner: (v2, v1, key) => joiner(v1, v2, key),
    outerJoinStoreName: outerStoreName,
    trackers,
    bindings,
  })
  const node = new StreamStreamJoinNode(
    joinMergeName,
    new ProcessorParameters(joinThis as unknown as DslProcessorSupplier, joinThisName),
    new ProcessorParameters(joinOther as unknown as DslProcessorSupplier, joinOtherName),
    new ProcessorParameters(new PassThrough() as DslProcessorSupplier, joinMergeName),
    thisWindowedName,
    otherWindowedName,
    thisStore,
    otherStore,
    outerStoreFactory,
  )
  if (leftOuter || rightOuter) node.labels.add('NULL_KEY_RELAXED_JOIN')
  builder.addGraphNode([thisStream.graphNode, otherStream.graphNode], node)
  const sources = new Set([...thisStream.subTopologySourceNodes, ...otherStream.subTopologySourceNodes])
  return builder.create.kstream<K, VR>(joinMergeName, streamJoined.keySerde, undefined, sources, false, node, builder)
}
