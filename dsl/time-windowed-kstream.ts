import type { Windowed } from '../processor-api/windowed.js'
import type { Aggregator, Initializer, Reducer } from './functions.js'
import type { AggregateOptions } from './kgrouped-stream.js'
import type { KTable } from './ktable.js'
import type { EmitStrategy } from './options/emit-strategy.js'
import type { Materialized } from './options/materialized.js'

/**
 * A grouped stream windowed by `TimeWindows` or `SlidingWindows` (Kafka's `TimeWindowedKStream`).
 * Results are keyed by `Windowed<K>`; records later than window end + grace are dropped.
 *
 * @example
 * views.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(60_000)).count()
 */
export interface TimeWindowedKStream<K, V> {
  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<Windowed<K>, number>
  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<Windowed<K>, V>
  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<Windowed<K>, VA>
  /** Emits every update (default) or only final results when windows close. */
  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V>
}
