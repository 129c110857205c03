import type { KeyValue } from '../processor-api/key-value.js'
import type { KeyValueMapper, Predicate, ValueJoiner, ValueMapper } from './functions.js'
import type { KGroupedTable } from './kgrouped-table.js'
import type { KStream } from './kstream.js'
import type { GroupedOptions } from './options/grouped.js'
import type { Materialized, MaterializedOptions } from './options/materialized.js'
import type { NamedOptions } from './options/named.js'
import type { Suppressed } from './options/suppressed.js'
import type { TableJoinedOptions } from './options/table-joined.js'

/** Options of KTable operations that produce a table: the processor name and the result's store. */
export interface TableOperationOptions<K, V> extends NamedOptions {
  /** Materializes the result in a (queryable, when named) store. */
  readonly materialized?: string | MaterializedOptions<K, V> | undefined
}

/** Options of the foreign-key join. */
export interface ForeignKeyJoinOptions<K, KO, VR> extends TableOperationOptions<K, VR> {
  readonly tableJoined?: TableJoinedOptions<K, KO> | undefined
}

/**
 * A changelog stream seen as a table (Kafka's `KTable`): each record updates the value of its
 * key; a null value deletes it. Tables are backed by timestamped key-value stores with caching
 * on (Kafka's DSL default), so downstream sees deduplicated updates per commit.
 *
 * @example
 * const regions = builder.table<string, string>('user-regions')
 * regions.filter((user, region) => region !== 'unknown').toStream().to('known-regions')
 */
export interface KTable<K, V> {
  /** Keeps the rows the predicate accepts; other keys are deleted downstream. `KTABLE-FILTER-n`. */
  filter(predicate: Predicate<K, V>, options?: TableOperationOptions<K, V> | Materialized<K, V>): KTable<K, V>
  /** Drops the rows the predicate accepts. `KTABLE-FILTER-n`. */
  filterNot(predicate: Predicate<K, V>, options?: TableOperationOptions<K, V> | Materialized<K, V>): KTable<K, V>
  /** Maps each value (the read-only key is the mapper's second argument). `KTABLE-MAPVALUES-n`. */
  mapValues<VR>(mapper: ValueMapper<V, VR, K>, options?: TableOperationOptions<K, VR> | Materialized<K, VR>): KTable<K, VR>
  /** The table's updates as a stream with a new key. */
  toStream<KR>(mapper: KeyValueMapper<K, V | null, KR>, named?: NamedOptions): KStream<KR, V | null>
  /** The table's updates as a stream (deletes arrive as null values). `KTABLE-TOSTREAM-n`. */
  toStream(named?: NamedOptions): KStream<K, V | null>
  /** Holds updates back until a window closes or a time limit passes. `KTABLE-SUPPRESS-n`. */
  suppress(suppressed: Suppressed<K>): KTable<K, V>
  /** Re-groups the table by a new key (through a repartition topic) for `KGroupedTable` aggregations. */
  groupBy<KR, VR>(selector: KeyValueMapper<K, V, KeyValue<KR, VR>>, grouped?: GroupedOptions<KR, VR>): KGroupedTable<KR, VR>

  /** Inner join with another table on the key. */
  join<VO, VR>(other: KTable<K, VO>, joiner: ValueJoiner<V, VO, VR, K>, options?: TableOperationOptions<K, VR> | Materialized<K, VR>): KTable<K, VR>
  /** Foreign-key inner join: each row joins the other table's row whose key `foreignKeyExtractor(value)` returns. */
  join<VR, KO, VO>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V) => KO,
    joiner: ValueJoiner<V, VO, VR, K>,
    options?: ForeignKeyJoinOptions<K, KO, VR> | Materialized<K, VR>,
  ): KTable<K, VR>
  /** Left join with another table on the key (the missing right side is null). */
  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<V, VO | null, VR, K>,
    options?: TableOperationOptions<K, VR> | Materialized<K, VR>,
  ): KTable<K, VR>
  /** Foreign-key left join. */
  leftJoin<VR, KO, VO>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V) => KO,
    joiner: ValueJoiner<V, VO | null, VR, K>,
    options?: ForeignKeyJoinOptions<K, KO, VR> | Materialized<K, VR>,
  ): KTable<K, VR>
  /** Outer join with another table on the key (either side may be null). */
  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<V | null, VO | null, VR, K>,
    options?: TableOperationOptions<K, VR> | Materialized<K, VR>,
  ): KTable<K, VR>

  /** The name of the table's store when the user named it (queryable), else null. */
  queryableStoreName(): string | null
}
