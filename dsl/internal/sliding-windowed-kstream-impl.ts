import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Windowed } from '../../processor-api/windowed.js'
import { DslArgumentError, requireArgument } from '../errors.js'
import type { Aggregator, Initializer, Reducer } from '../functions.js'
import type { AggregateOptions } from '../kgrouped-stream.js'
import type { KTable } from '../ktable.js'
import { EmitStrategy } from '../options/emit-strategy.js'
import { Materialized } from '../options/materialized.js'
import type { TimeWindowedKStream } from '../time-windowed-kstream.js'
import type { SlidingWindows } from '../windows/sliding-windows.js'
import { TimeWindowedSerde } from '../windows/windowed-serdes.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamSlidingWindowAggregate } from './processors/kstream-sliding-window-aggregate.js'
import { windowStoreFactory } from './stores/materializers.js'

const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-'
const REDUCE_NAME = 'KSTREAM-REDUCE-'

/** `groupedStream.windowedBy(SlidingWindows)` (Kafka's `SlidingWindowedKStreamImpl`). */
export class SlidingWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
  private strategy = EmitStrategy.onWindowUpdate()

  constructor(
    private readonly windows: SlidingWindows,
    private readonly grouped: KGroupedStreamImpl<K, V>,
  ) {}

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
    const fn = orElseGenerateWithPrefix(userName, this.grouped.builder, prefix)
    const d = this.windows.timeDifferenceMs
    const retentionMs = m.retentionMs ?? 2 * d + this.windows.graceMs
    if (2 * d + this.windows.graceMs > retentionMs) {
      throw new DslArgumentError(
        'retentionMs',
        `The retention period of the window store ${m.storeName} must be no smaller than 2 * time difference plus the grace period. Got time difference=[${d}], grace=[${this.windows.graceMs}], retention=[${retentionMs}]`,
      )
    }
    // The store keeps windows of size d for 2d + grace (records up to 2d back may need them).
    const factory = windowStoreFactory(m, { sizeMs: d, graceMs: retentionMs - d })
    const supplier = new KStreamSlidingWindowAggregate<K, V, VA>(this.windows, m.storeName, this.strategy, initializer, aggregator)
    const keySerde = m.keySerde !== undefined ? new TimeWindowedSerde(m.keySerde, d) : undefined
    return this.grouped.aggregateBuilder.build<Windowed<K>, VA>(fn, factory, supplier, m.queryableStoreName(), keySerde, m.valueSerde)
  }
}
