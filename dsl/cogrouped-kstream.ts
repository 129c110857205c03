import type { Aggregator, Initializer } from './functions.js'
import type { AggregateOptions, KGroupedStream } from './kgrouped-stream.js'
import type { KTable } from './ktable.js'
import type { Materialized } from './options/materialized.js'

/**
 * Several grouped streams aggregated into one table (Kafka's `CogroupedKStream`), each with its
 * own aggregator over one shared store.
 *
 * @example
 * clicks.groupByKey().cogroup((k, v, agg) => agg + v)
 *   .cogroup(views.groupByKey(), (k, v, agg) => agg + v.length)
 *   .aggregate(() => 0)
 */
export interface CogroupedKStream<K, VA> {
  cogroup<V>(groupedStream: KGroupedStream<K, V>, aggregator: Aggregator<K, V, VA>): CogroupedKStream<K, VA>
  aggregate(initializer: Initializer<VA>, options?: AggregateOptions<K, VA> | Materialized<K, VA>): KTable<K, VA>
}
