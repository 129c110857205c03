import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Windowed } from '../../processor-api/windowed.js'
import { requireArgument } from '../errors.js'
import type { Aggregator, Initializer, Reducer } from '../functions.js'
import type { AggregateOptions } from '../kgrouped-stream.js'
import type { KTable } from '../ktable.js'
import { EmitStrategy } from '../options/emit-strategy.js'
import { Materialized } from '../options/materialized.js'
import type { TimeWindowedKStream } from '../time-windowed-kstream.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'

const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-'
const REDUCE_NAME = 'KSTREAM-REDUCE-'

/**
 * What time-windowed and sliding-windowed streams share: count/reduce/aggregate as
 * adder-only aggregations with Kafka's naming, and the emit strategy. Subclasses say how the
 * window store and the aggregate processor are built for their kind of window.
 */
export abstract class AbstractTimeWindowedKStream<K, V> implements TimeWindowedKStream<K, V> {
  protected strategy = EmitStrategy.onWindowUpdate()

  constructor(protected readonly grouped: KGroupedStreamImpl<K, V>) {}

  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<Windowed<K>, number> {
    const { name, materialized } = resolveAggregateOptions(options)
    const builder = this.grouped.builder
    if (materialized !== undefined && materialized.storeName === undefined && materialized.storeSupplier === undefined) {
      builder.newStoreName(AGGREGATE_NAME)
    }
    const m = new MaterializedInternal<K, number>(materialized ?? Materialized.with(this.grouped.keySerde, Serdes.Long()), builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.grouped.keySerde, Serdes.Long())
    return this.build(name, AGGREGATE_NAME, m, () => 0, (_k, _v, agg) => (agg ?? 0) + 1)
  }

  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<Windowed<K>, V> {
    requireArgument(reducer, 'reducer')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, V>(materialized ?? Materialized.with(this.grouped.keySerde, this.grouped.valueSerde), this.grouped.builder, REDUCE_NAME)
    m.withDefaultSerdes(this.grouped.keySerde, this.grouped.valueSerde)
    return this.build(name, REDUCE_NAME, m, () => null, (_k, v, agg) => (agg === null ? v : reducer(agg, v)))
  }

  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<Windowed<K>, VA> {
    requireArgument(initializer, 'initializer')
    requireArgument(aggregator, 'aggregator')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, VA>(materialized ?? Materialized.with<K, VA>(this.grouped.keySerde, undefined), this.grouped.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.grouped.keySerde, undefined)
    return this.build(name, AGGREGATE_NAME, m, initializer, aggregator as Aggregator<K, V, VA | null>)
  }

  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V> {
    this.strategy = requireArgument(strategy, 'emitStrategy')
    return this
  }

  private build<VA>(
    userName: string | undefined,
    prefix: string,
    m: MaterializedInternal<K, VA>,
    initializer: Initializer<VA | null>,
    aggregator: Aggregator<K, V, VA | null>,
  ): KTable<Windowed<K>, VA> {
    const processorName = orElseGenerateWithPrefix(userName, this.grouped.builder, prefix)
    return this.buildWindowedTable(processorName, m, initializer, aggregator)
  }

  /** Builds the window store and the aggregate processor for this kind of window. */
  protected abstract buildWindowedTable<VA>(
    processorName: string,
    m: MaterializedInternal<K, VA>,
    initializer: Initializer<VA | null>,
    aggregator: Aggregator<K, V, VA | null>,
  ): KTable<Windowed<K>, VA>
}
