import type { Aggregator, Initializer, Reducer } from './functions.js'
import type { KTable } from './ktable.js'
import type { Materialized, MaterializedOptions } from './options/materialized.js'
import type { NamedOptions } from './options/named.js'
import type { SessionWindowedKStream } from './session-windowed-kstream.js'
import type { TimeWindowedKStream } from './time-windowed-kstream.js'
import type { CogroupedKStream } from './cogrouped-kstream.js'
import type { SessionWindows } from './windows/session-windows.js'
import type { SlidingWindows } from './windows/sliding-windows.js'
import type { TimeWindows } from './windows/time-windows.js'

/** Options of an aggregation: its processor name and its store. */
export interface AggregateOptions<K, VA> extends NamedOptions {
  /** The store (name, serdes, caching, logging). Default: `KSTREAM-AGGREGATE-STATE-STORE-n`. */
  readonly materialized?: string | MaterializedOptions<K, VA> | undefined
}

/**
 * A grouped stream (Kafka's `KGroupedStream`), ready to aggregate per key. Records with a null
 * key or value are skipped. Results are tables backed by timestamped key-value stores.
 *
 * @example
 * orders.groupBy((id, order) => order.customer).count({ materialized: 'orders-per-customer' })
 */
export interface KGroupedStream<K, V> {
  /** Counts records per key. `KSTREAM-AGGREGATE-n`. */
  count(options?: AggregateOptions<K, number> | Materialized<K, number>): KTable<K, number>
  /** Combines the values of a key with `reducer(aggregate, value)`. `KSTREAM-REDUCE-n`. */
  reduce(reducer: Reducer<V>, options?: AggregateOptions<K, V> | Materialized<K, V>): KTable<K, V>
  /** Folds values into an aggregate starting from `initializer()`. `KSTREAM-AGGREGATE-n`. */
  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    options?: AggregateOptions<K, VA> | Materialized<K, VA>,
  ): KTable<K, VA>
  /** Aggregates per time window (tumbling/hopping, or sliding). */
  windowedBy(windows: TimeWindows | SlidingWindows): TimeWindowedKStream<K, V>
  /** Aggregates per session. */
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>
  /** Starts a co-grouped aggregation that other grouped streams can join. */
  cogroup<VA>(aggregator: Aggregator<K, V, VA>): CogroupedKStream<K, VA>
}
