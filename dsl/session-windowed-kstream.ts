import type { Windowed } from '../processor-api/windowed.js'
import type { Aggregator, Initializer, Merger, Reducer } from './functions.js'
import type { AggregateOptions } from './kgrouped-stream.js'
import type { KTable } from './ktable.js'
import type { EmitStrategy } from './options/emit-strategy.js'
import type { Materialized } from './options/materialized.js'

/**
 * A grouped stream windowed by `SessionWindows` (Kafka's `SessionWindowedKStream`). When a record
 * bridges sessions they merge (with `sessionMerger` for `aggregate`); the replaced sessions are
 * deleted downstream (tombstones).
 *
 * @example
 * clicks.groupByKey().windowedBy(SessionWindows.ofInactivityGapWithNoGrace(300_000)).count()
 */
export interface SessionWindowedKStream<K, V> {
  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<Windowed<K>, number>
  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<Windowed<K>, V>
  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    sessionMerger: Merger<K, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<Windowed<K>, VA>
  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V>
}
