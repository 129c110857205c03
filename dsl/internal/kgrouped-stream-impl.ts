import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Serde } from '../../processor-api/serde/serde.js'
import { requireArgument } from '../errors.js'
import type { Aggregator, Initializer, Reducer } from '../functions.js'
import type { AggregateOptions, KGroupedStream } from '../kgrouped-stream.js'
import type { KTable } from '../ktable.js'
import type { CogroupedKStream } from '../cogrouped-kstream.js'
import type { SessionWindowedKStream } from '../session-windowed-kstream.js'
import type { TimeWindowedKStream } from '../time-windowed-kstream.js'
import type { Grouped } from '../options/grouped.js'
import { Materialized } from '../options/materialized.js'
import { SessionWindows } from '../windows/session-windows.js'
import { SlidingWindows } from '../windows/sliding-windows.js'
import type { TimeWindows } from '../windows/time-windows.js'
import { AbstractStream } from './abstract-stream.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import type { GraphNode } from './graph/graph-node.js'
import { GroupedStreamAggregateBuilder } from './grouped-stream-aggregate-builder.js'
import type { InternalStreamsBuilder } from './internal-streams-builder.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamAggregate } from './processors/kstream-aggregate.js'
import { KStreamReduce } from './processors/kstream-reduce.js'
import { keyValueStoreFactory } from './stores/materializers.js'
import { TimeWindowedKStreamImpl } from './time-windowed-kstream-impl.js'
import { SlidingWindowedKStreamImpl } from './sliding-windowed-kstream-impl.js'
import { SessionWindowedKStreamImpl } from './session-windowed-kstream-impl.js'
import { CogroupedKStreamImpl } from './cogrouped-kstream-impl.js'

export const REDUCE_NAME = 'KSTREAM-REDUCE-'
export const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-'

/** The KGroupedStream implementation (Kafka's `KGroupedStreamImpl`). */
export class KGroupedStreamImpl<K, V> extends AbstractStream<K, V> implements KGroupedStream<K, V> {
  readonly aggregateBuilder: GroupedStreamAggregateBuilder<K, V>
  readonly repartitionRequired: boolean
  readonly userProvidedRepartitionTopicName: string | undefined

  constructor(
    name: string,
    subTopologySourceNodes: ReadonlySet<string>,
    grouped: Grouped<K, V>,
    repartitionRequired: boolean,
    graphNode: GraphNode,
    builder: InternalStreamsBuilder,
  ) {
    super({ name, keySerde: grouped.keySerde, valueSerde: grouped.valueSerde, subTopologySourceNodes, graphNode, builder })
    this.repartitionRequired = repartitionRequired
    this.userProvidedRepartitionTopicName = grouped.name
    this.aggregateBuilder = new GroupedStreamAggregateBuilder(builder, grouped, repartitionRequired, subTopologySourceNodes, name, graphNode)
  }

  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<K, number> {
    const { name, materialized } = resolveAggregateOptions(options)
    // Kafka burns a store name when count() is given a Materialized without a store name.
    if (materialized !== undefined && materialized.storeName === undefined && materialized.storeSupplier === undefined) {
      this.builder.newStoreName(AGGREGATE_NAME)
    }
    const m = new MaterializedInternal<K, number>(materialized ?? Materialized.with(this.keySerde, Serdes.Long()), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.keySerde, Serdes.Long())
    const fn = orElseGenerateWithPrefix(name, this.builder, AGGREGATE_NAME)
    const supplier = new KStreamAggregate<K, V, number>(m.storeName, () => 0, (_k, _v, agg) => agg + 1)
    return this.aggregateBuilder.build(fn, keyValueStoreFactory(m), supplier, m.queryableStoreName(), m.keySerde, m.valueSerde)
  }

  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<K, V> {
    requireArgument(reducer, 'reducer')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, V>(materialized ?? Materialized.with(this.keySerde, this.valueSerde), this.builder, REDUCE_NAME)
    m.withDefaultSerdes(this.keySerde, this.valueSerde)
    const fn = orElseGenerateWithPrefix(name, this.builder, REDUCE_NAME)
    const supplier = new KStreamReduce<K, V>(m.storeName, reducer)
    return this.aggregateBuilder.build(fn, keyValueStoreFactory(m), supplier, m.queryableStoreName(), m.keySerde, m.valueSerde)
  }

  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<K, VA> {
    requireArgument(initializer, 'initializer')
    requireArgument(aggregator, 'aggregator')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, VA>(materialized ?? Materialized.with<K, VA>(this.keySerde, undefined), this.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.keySerde, undefined)
    const fn = orElseGenerateWithPrefix(name, this.builder, AGGREGATE_NAME)
    const supplier = new KStreamAggregate<K, V, VA>(m.storeName, initializer, aggregator)
    return this.aggregateBuilder.build(fn, keyValueStoreFactory(m), supplier, m.queryableStoreName(), m.keySerde, m.valueSerde)
  }

  windowedBy(windows: TimeWindows | SlidingWindows): TimeWindowedKStream<K, V>
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>
  windowedBy(windows: TimeWindows | SlidingWindows | SessionWindows): TimeWindowedKStream<K, V> | SessionWindowedKStream<K, V> {
    requireArgument(windows, 'windows')
    if (windows instanceof SessionWindows) return new SessionWindowedKStreamImpl<K, V>(windows, this)
    if (windows instanceof SlidingWindows) return new SlidingWindowedKStreamImpl<K, V>(windows, this)
    return new TimeWindowedKStreamImpl<K, V>(windows, this)
  }

  cogroup<VA>(aggregator: Aggregator<K, V, VA>): CogroupedKStream<K, VA> {
    requireArgument(aggregator, 'aggregator')
    return new CogroupedKStreamImpl<K, VA>(this.name, this.subTopologySourceNodes, this.graphNode, this.builder).cogroup(this, aggregator)
  }

  /** The grouped key serde (for windowed stores and repartitions). */
  get groupedKeySerde(): Serde<K> | undefined {
    return this.keySerde
  }
}
