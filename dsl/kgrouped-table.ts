import type { Aggregator, Initializer, Reducer } from './functions.js'
import type { AggregateOptions } from './kgrouped-stream.js'
import type { KTable } from './ktable.js'
import type { Materialized } from './options/materialized.js'

/**
 * A re-grouped table (Kafka's `KGroupedTable`): aggregations receive each update twice — the old
 * value is subtracted from its old group, the new value added to its new group.
 *
 * @example
 * userRegions.groupBy((user, region) => KeyValue.pair(region, user)).count()
 */
export interface KGroupedTable<K, V> {
  /** Counts rows per key. `KTABLE-AGGREGATE-n`. */
  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<K, number>
  /** Adds new values and subtracts old ones. `KTABLE-REDUCE-n`. */
  reduce(adder: Reducer<V>, subtractor: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<K, V>
  /** Folds values in with `adder` and out with `subtractor`. `KTABLE-AGGREGATE-n`. */
  aggregate<VA>(
    initializer: Initializer<VA>,
    adder: Aggregator<K, V, VA>,
    subtractor: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<K, VA>
}
