import type { Serde } from '../../processor-api/serde/serde.js'
import { Serdes } from '../../processor-api/serde/serdes.js'
import type { StreamPartitioner as EnginePartitioner } from '../../processor-api/topology-options.js'
import type { ValueJoiner } from '../functions.js'
import type { ForeignKeyJoinOptions, KTable } from '../ktable.js'
import { Consumed } from '../options/consumed.js'
import { Materialized, type MaterializedOptions } from '../options/materialized.js'
import { TableJoined } from '../options/table-joined.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters, type DslProcessorSupplier } from './graph/processor-parameters.js'
import { StatefulProcessorNode } from './graph/stateful-processor-node.js'
import { StateStoreNode } from './graph/state-store-node.js'
import { StreamSinkNode } from './graph/stream-sink-node.js'
import { StreamSourceNode } from './graph/stream-source-node.js'
import { TableProcessorNode } from './graph/table-processor-node.js'
import type { KTableImpl } from './ktable-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { suffixWithOrElseGenerate } from './name-provider.js'
import { ForeignTableJoin } from './processors/foreign-key/foreign-table-join.js'
import { ResponseJoin } from './processors/foreign-key/response-join.js'
import { SubscriptionJoin } from './processors/foreign-key/subscription-join.js'
import { SubscriptionReceive } from './processors/foreign-key/subscription-receive.js'
import { SubscriptionSend } from './processors/foreign-key/subscription-send.js'
import { KTableSource } from './processors/ktable-source.js'
import { CombinedKeySchema } from './serdes/combined-key-schema.js'
import {
  SubscriptionResponseWrapperSerde,
  SubscriptionWrapperSerde,
  type SubscriptionResponseWrapper,
} from './serdes/subscription-wrapper.js'
import { createDslStoreBuilder } from './stores/dsl-store-builders.js'
import { keyValueStoreFactory } from './stores/materializers.js'

const FK_JOIN = 'KTABLE-FK-JOIN-'
const FK_JOIN_STATE_STORE_NAME = FK_JOIN + 'SUBSCRIPTION-STATE-STORE-'
const SUBSCRIPTION_REGISTRATION = FK_JOIN + 'SUBSCRIPTION-REGISTRATION-'
const SUBSCRIPTION_RESPONSE = FK_JOIN + 'SUBSCRIPTION-RESPONSE-'
const SUBSCRIPTION_PROCESSOR = FK_JOIN + 'SUBSCRIPTION-PROCESSOR-'
const SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR = FK_JOIN + 'SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-'
const FK_JOIN_OUTPUT_NAME = FK_JOIN + 'OUTPUT-'
const TOPIC_SUFFIX = '-topic'
const SINK_NAME = 'KTABLE-SINK-'
const SOURCE_NAME = 'KTABLE-SOURCE-'

/**
 * The foreign-key table-table join (Kafka's `KTableImpl.doJoinOnForeignKey`): the primary table
 * subscribes to foreign keys through `...-SUBSCRIPTION-REGISTRATION-n-topic`; the foreign side keeps
 * subscriptions in a store and answers (on subscription, and whenever a foreign row changes)
 * through `...-SUBSCRIPTION-RESPONSE-n-topic`; the primary side joins the answers that still
 * match its current value.
 */
export function joinTablesOnForeignKey<K, V, KO, VO, VR>(
  self: KTableImpl<K, unknown, V>,
  foreign: KTableImpl<KO, unknown, VO>,
  foreignKeyExtractor: (value: V) => KO,
  joiner: ValueJoiner<V, VO, VR, K>,
  options: ForeignKeyJoinOptions<K, KO, VR>,
  leftJoin: boolean,
): KTable<K, VR> {
  const builder = self.builder
  const itb = builder.internalTopologyBuilder
  foreign.enableSendingOldValues(true)
  self.enableSendingOldValues(true)
  const tableJoined = TableJoined.from<K, KO>(options.tableJoined ?? {})
  const name = options.name ?? tableJoined.name
  const gen = (suffix: string, prefix: string): string => suffixWithOrElseGenerate(name, suffix, builder, prefix)

  const subscriptionTopic = gen('-subscription-registration', SUBSCRIPTION_REGISTRATION) + TOPIC_SUFFIX
  itb.addInternalTopic(subscriptionTopic)
  const foreignKeySerde = foreign.keySerde
  const subscriptionSerde = new SubscriptionWrapperSerde<K>(self.keySerde)
  const responseSerde = new SubscriptionResponseWrapperSerde<VO>(foreign.valueSerde)
  const keySchema = new CombinedKeySchema<KO, K>(subscriptionTopic, foreignKeySerde, self.keySerde)

  const sendName = gen('-subscription-registration-processor', SUBSCRIPTION_REGISTRATION)
  const send = new SubscriptionSend<K, V, KO>(foreignKeyExtractor, foreignKeySerde, self.valueSerde, leftJoin, subscriptionTopic, [subscriptionSerde])
  const sendNode = new ProcessorGraphNode(sendName, new ProcessorParameters(send as unknown as DslProcessorSupplier, sendName))
  builder.addGraphNode(self.graphNode, sendNode)

  const otherPartitioner = tableJoined.otherPartitioner
  const subscriptionSink = new StreamSinkNode(
    gen('-subscription-registration-sink', SINK_NAME),
    subscriptionTopic,
    foreignKeySerde as Serde<unknown> | undefined,
    subscriptionSerde as Serde<unknown>,
    otherPartitioner === undefined ? undefined : (topic, key, _v, n) => otherPartitioner(topic, key as KO, null, n),
  )
  builder.addGraphNode(sendNode, subscriptionSink)
  const subscriptionSource = new StreamSourceNode(
    gen('-subscription-registration-source', SOURCE_NAME),
    [subscriptionTopic],
    Consumed.with(foreignKeySerde, subscriptionSerde) as Consumed<unknown, unknown>,
  )
  builder.addGraphNode(subscriptionSink, subscriptionSource)
  itb.copartitionSources([...foreign.subTopologySourceNodes, subscriptionSource.nodeName])

  const storeName = gen('-subscription-store', FK_JOIN_STATE_STORE_NAME)
  builder.addGraphNode(
    builder.root,
    new StateStoreNode(
      createDslStoreBuilder<Buffer, unknown>({
        name: storeName,
        kind: 'timestampedKeyValue',
        storeType: undefined,
        storeSupplier: undefined,
        keySerde: Serdes.ByteArray(),
        valueSerde: subscriptionSerde as Serde<unknown>,
        cachingEnabled: false,
        loggingEnabled: true,
        logConfig: {},
      }),
    ),
  )

  const receiveName = gen('-subscription-receive', SUBSCRIPTION_PROCESSOR)
  const receive = new SubscriptionReceive<KO, K>(storeName, keySchema, [subscriptionSerde])
  const receiveNode = new StatefulProcessorNode(receiveName, new ProcessorParameters(receive as unknown as DslProcessorSupplier, receiveName), {
    storeNames: [storeName],
  })
  builder.addGraphNode(subscriptionSource, receiveNode)

  const foreignGetter = foreign.valueGetterSupplier()
  const joinForeignName = gen('-subscription-join-foreign', SUBSCRIPTION_PROCESSOR)
  const subscriptionJoin = new SubscriptionJoin<KO, K, VO>(foreignGetter, [responseSerde])
  const subscriptionJoinNode = new StatefulProcessorNode(
    joinForeignName,
    new ProcessorParameters(subscriptionJoin as unknown as DslProcessorSupplier, joinForeignName),
    { storeNames: () => foreignGetter.storeNames() },
  )
  builder.addGraphNode(receiveNode, subscriptionJoinNode)

  const foreignJoinName = gen('-foreign-join-subscription', SUBSCRIPTION_PROCESSOR)
  const foreignJoin = new ForeignTableJoin<KO, K, VO>(storeName, keySchema, [responseSerde])
  const foreignJoinNode = new StatefulProcessorNode(foreignJoinName, new ProcessorParameters(foreignJoin as unknown as DslProcessorSupplier, foreignJoinName), {
    storeNames: [storeName],
  })
  builder.addGraphNode(foreign.graphNode, foreignJoinNode)

  const responseTopic = gen('-subscription-response', SUBSCRIPTION_RESPONSE) + TOPIC_SUFFIX
  itb.addInternalTopic(responseTopic)
  const partitioner = tableJoined.partitioner
  const responsePartitioner: EnginePartitioner<unknown, unknown> =
    partitioner === undefined
      ? (_topic, _key, value) => (value as SubscriptionResponseWrapper<VO>).primaryPartition
      : (topic, key, _v, n) => partitioner(topic, key as K, null, n)
  const responseSink = new StreamSinkNode(
    gen('-subscription-response-sink', SINK_NAME),
    responseTopic,
    self.keySerde as Serde<unknown> | undefined,
    responseSerde as Serde<unknown>,
    responsePartitioner,
  )
  builder.addGraphNode(subscriptionJoinNode, responseSink)
  builder.addGraphNode(foreignJoinNode, responseSink)
  const responseSource = new StreamSourceNode(
    gen('-subscription-response-source', SOURCE_NAME),
    [responseTopic],
    Consumed.with(self.keySerde, responseSerde) as Consumed<unknown, unknown>,
  )
  builder.addGraphNode(responseSink, responseSource)
  const resultSourceNodes = new Set([...self.subTopologySourceNodes, responseSource.nodeName])
  itb.copartitionSources([...resultSourceNodes])

  const primaryGetter = self.valueGetterSupplier()
  const resolverName = gen('-subscription-response-resolver', SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR)
  const resolver = new ResponseJoin<K, V, VO, VR>(
    primaryGetter,
    self.valueSerde,
    subscriptionTopic,
    joiner as (value: V | null, foreignValue: VO | null, key: K) => VR,
    leftJoin,
    [responseSerde],
  )
  const resolverNode = new StatefulProcessorNode(resolverName, new ProcessorParameters(resolver as unknown as DslProcessorSupplier, resolverName), {
    storeNames: () => primaryGetter.storeNames(),
  })
  builder.addGraphNode(responseSource, resolverNode)

  const resultName = gen('-result', FK_JOIN_OUTPUT_NAME)
  const m = new MaterializedInternal<K, VR>(
    Materialized.from<K, VR>(options.materialized as string | MaterializedOptions<K, VR> | undefined),
    builder,
    FK_JOIN_OUTPUT_NAME,
  )
  m.withDefaultSerdes(self.keySerde, undefined)
  const resultSource = new KTableSource<K, VR>(m.storeName, m.queryableStoreName())
  const resultNode = new TableProcessorNode(
    resultName,
    new ProcessorParameters(resultSource as unknown as DslProcessorSupplier, resultName),
    keyValueStoreFactory(m),
    () => [],
    () => resultSource.materialized(),
  )
  builder.addGraphNode(resolverNode, resultNode)
  return builder.create.ktable<K, VR, VR>(resultName, self.keySerde, m.valueSerde, resultSourceNodes, m.queryableStoreName(), resultSource, resultNode, builder)
}
