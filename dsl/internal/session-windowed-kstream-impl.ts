import { Serdes } from '../../processor-api/serde/serdes.js'
import type { Windowed } from '../../processor-api/windowed.js'
import { requireArgument } from '../errors.js'
import type { Aggregator, Initializer, Merger, Reducer } from '../functions.js'
import type { AggregateOptions } from '../kgrouped-stream.js'
import type { KTable } from '../ktable.js'
import { EmitStrategy } from '../options/emit-strategy.js'
import { Materialized } from '../options/materialized.js'
import type { SessionWindowedKStream } from '../session-windowed-kstream.js'
import type { SessionWindows } from '../windows/session-windows.js'
import { SessionWindowedSerde } from '../windows/windowed-serdes.js'
import { resolveAggregateOptions } from './aggregate-options.js'
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js'
import { MaterializedInternal } from './materialized-internal.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamSessionWindowAggregate, type SessionAggregation } from './processors/kstream-session-window-aggregate.js'
import { sessionRetentionMs, sessionStoreFactory } from './stores/materializers.js'

const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-'
const REDUCE_NAME = 'KSTREAM-REDUCE-'

/** `groupedStream.windowedBy(SessionWindows)` (Kafka's `SessionWindowedKStreamImpl`). */
export class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
  private strategy = EmitStrategy.onWindowUpdate()

  constructor(
    private readonly windows: SessionWindows,
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
    return this.build(name, AGGREGATE_NAME, m, {
      initializer: () => 0,
      aggregator: (_k, _v, agg) => agg + 1,
      merger: (_k, a, b) => a + b,
    })
  }

  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<Windowed<K>, V> {
    requireArgument(reducer, 'reducer')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, V>(materialized ?? Materialized.with(this.grouped.keySerde, this.grouped.valueSerde), this.grouped.builder, REDUCE_NAME)
    m.withDefaultSerdes(this.grouped.keySerde, this.grouped.valueSerde)
    const aggregator: Aggregator<K, V, V | null> = (_k, v, agg) => (agg === null ? v : reducer(agg, v))
    return this.build(name, REDUCE_NAME, m, {
      initializer: () => null,
      aggregator,
      merger: (k, one, two) => (two === null ? one : aggregator(k, two, one)),
    }) as KTable<Windowed<K>, V>
  }

  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    sessionMerger: Merger<K, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<Windowed<K>, VA> {
    requireArgument(initializer, 'initializer')
    requireArgument(aggregator, 'aggregator')
    requireArgument(sessionMerger, 'sessionMerger')
    const { name, materialized } = resolveAggregateOptions(options)
    const m = new MaterializedInternal<K, VA>(materialized ?? Materialized.with<K, VA>(this.grouped.keySerde, undefined), this.grouped.builder, AGGREGATE_NAME)
    m.withDefaultSerdes(this.grouped.keySerde, undefined)
    return this.build(name, AGGREGATE_NAME, m, { initializer, aggregator, merger: sessionMerger })
  }

  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V> {
    this.strategy = requireArgument(strategy, 'emitStrategy')
    return this
  }

  private build<VA>(
    userName: string | undefined,
    prefix: string,
    m: MaterializedInternal<K, VA>,
    aggregation: SessionAggregation<K, V, VA>,
  ): KTable<Windowed<K>, VA> {
    const fn = orElseGenerateWithPrefix(userName, this.grouped.builder, prefix)
    const emitOnWindowClose = this.strategy.type === 'ON_WINDOW_CLOSE'
    const factory = sessionStoreFactory(m, this.windows.gapMs, this.windows.graceMs, emitOnWindowClose)
    const supplier = new KStreamSessionWindowAggregate<K, V, VA>(this.windows, m.storeName, this.strategy, aggregation, {
      retentionMs: sessionRetentionMs(m, this.windows.gapMs, this.windows.graceMs),
    })
    const keySerde = m.keySerde !== undefined ? new SessionWindowedSerde(m.keySerde) : undefined
    return this.grouped.aggregateBuilder.build<Windowed<K>, VA>(fn, factory, supplier, m.queryableStoreName(), keySerde, m.valueSerde)
  }
}
