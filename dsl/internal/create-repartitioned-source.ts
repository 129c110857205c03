import type { Serde } from '../../processor-api/serde/serde.js'
import type { StreamPartitioner } from '../../processor-api/topology-options.js'
import { ProcessorParameters } from './graph/processor-parameters.js'
import { RepartitionNode, type InternalTopicProperties, type RepartitionKind } from './graph/repartition-node.js'
import type { NameProvider } from './name-provider.js'
import { KStreamFilter } from './processors/kstream-filter.js'

const REPARTITION_TOPIC_SUFFIX = '-repartition'
const GENERATED_NAME = /^KSTREAM.*-[0-9]{10}$/

/**
 * Creates a repartition node for the topic `<prefix>-repartition` (Kafka's
 * `KStreamImpl.createRepartitionedSource`). Three names are always generated (sink, filter,
 * source) to keep the counter compatible; when the prefix is a user name, the nodes are named
 * `<topic>-sink`, `<topic>-filter` and `<topic>-source` instead.
 */
export function createRepartitionedSource(
  provider: NameProvider,
  kind: RepartitionKind,
  repartitionTopicNamePrefix: string,
  keySerde: Serde<unknown> | undefined,
  valueSerde: Serde<unknown> | undefined,
  partitioner: StreamPartitioner<unknown, unknown> | undefined,
  topicProperties: InternalTopicProperties = {},
): RepartitionNode {
  const topic = repartitionTopicNamePrefix.endsWith(REPARTITION_TOPIC_SUFFIX)
    ? repartitionTopicNamePrefix
    : repartitionTopicNamePrefix + REPARTITION_TOPIC_SUFFIX
  const genSinkName = provider.newProcessorName('KSTREAM-SINK-')
  const genFilterName = provider.newProcessorName('KSTREAM-FILTER-')
  const genSourceName = provider.newProcessorName('KSTREAM-SOURCE-')
  const generated = GENERATED_NAME.test(repartitionTopicNamePrefix)
  const sinkName = generated ? genSinkName : `${topic}-sink`
  const filterName = generated ? genFilterName : `${topic}-filter`
  const sourceName = generated ? genSourceName : `${topic}-source`
  const filter = new ProcessorParameters(new KStreamFilter<unknown, unknown>(() => true, false), filterName)
  return new RepartitionNode(kind, sourceName, sinkName, topic, filter, keySerde, valueSerde, partitioner, topicProperties)
}
