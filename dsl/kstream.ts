import type { KeyValue } from '../processor-api/key-value.js'
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../processor-api/processor.js'
import type { TopicNameExtractor } from '../processor-api/topology-options.js'
import type { BranchedKStream } from './branched-kstream.js'
import type { ForeachAction, KeyValueMapper, Predicate, ValueJoiner, ValueMapper } from './functions.js'
import type { GlobalKTable } from './global-ktable.js'
import type { KGroupedStream } from './kgrouped-stream.js'
import type { KTable } from './ktable.js'
import type { GroupedOptions } from './options/grouped.js'
import type { JoinedOptions } from './options/joined.js'
import type { Materialized, MaterializedOptions } from './options/materialized.js'
import type { Named, NamedOptions } from './options/named.js'
import type { Printed } from './options/printed.js'
import type { ProducedOptions } from './options/produced.js'
import type { RepartitionedOptions } from './options/repartitioned.js'
import type { StreamJoinedOptions } from './options/stream-joined.js'
import type { JoinWindows } from './windows/join-windows.js'

/** Options of `KStream.toTable`: the processor name and the table's store. */
export interface ToTableOptions<K, V> extends NamedOptions {
  readonly materialized?: string | MaterializedOptions<K, V> | undefined
}

/**
 * A record stream (Kafka's `KStream`): every record is an independent event. Each operation
 * returns a new stream; nothing runs until the topology built by `StreamsBuilder.build()` runs.
 * Processor names, store names and internal topics are named as Kafka Streams names them.
 *
 * @example
 * builder.stream<string, string>('words')
 *   .flatMapValues((line) => line.toLowerCase().split(' '))
 *   .groupBy((k, word) => word)
 *   .count()
 *   .toStream()
 *   .to('word-counts', Produced.with(Serdes.String(), Serdes.Long()))
 */
export interface KStream<K, V> {
  /** Keeps the records the predicate accepts. Processor `KSTREAM-FILTER-n`. */
  filter(predicate: Predicate<K, V>, named?: NamedOptions): KStream<K, V>
  /** Drops the records the predicate accepts. Processor `KSTREAM-FILTER-n`. */
  filterNot(predicate: Predicate<K, V>, named?: NamedOptions): KStream<K, V>
  /**
   * Sets a new key computed from key and value; a stateful operation downstream repartitions.
   * Processor `KSTREAM-KEY-SELECT-n`.
   */
  selectKey<KR>(mapper: KeyValueMapper<K, V, KR>, named?: NamedOptions): KStream<KR, V>
  /** Maps each record to a new pair (`KeyValue.pair(k, v)`); marks the stream for repartitioning. `KSTREAM-MAP-n`. */
  map<KR, VR>(mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>, named?: NamedOptions): KStream<KR, VR>
  /** Maps each value (the read-only key is the mapper's second argument). `KSTREAM-MAPVALUES-n`. */
  mapValues<VR>(mapper: ValueMapper<V, VR, K>, named?: NamedOptions): KStream<K, VR>
  /** Maps each record to zero or more pairs; marks the stream for repartitioning. `KSTREAM-FLATMAP-n`. */
  flatMap<KR, VR>(mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>, named?: NamedOptions): KStream<KR, VR>
  /** Maps each value to zero or more values, keeping the key. `KSTREAM-FLATMAPVALUES-n`. */
  flatMapValues<VR>(mapper: ValueMapper<V, Iterable<VR>, K>, named?: NamedOptions): KStream<K, VR>
  /** Prints each record (`[label]: key, value`). `KSTREAM-PRINTER-n`. */
  print(printed: Printed<K, V>): void
  /** Calls `action` for each record; terminal. `KSTREAM-FOREACH-n`. */
  foreach(action: ForeachAction<K, V>, named?: NamedOptions): void
  /** Calls `action` for each record and passes it on unchanged. `KSTREAM-PEEK-n`. */
  peek(action: ForeachAction<K, V>, named?: NamedOptions): KStream<K, V>
  /** Splits the stream by predicates into named branches. `KSTREAM-BRANCH-n`. */
  split(named?: NamedOptions): BranchedKStream<K, V>
  /** Merges another stream of the same types into this one. `KSTREAM-MERGE-n`. */
  merge(stream: KStream<K, V>, named?: NamedOptions): KStream<K, V>
  /**
   * Writes the stream through a repartition topic (`<name>-repartition`, partitioned by the
   * current key) and reads it back.
   */
  repartition(repartitioned?: RepartitionedOptions<K, V>): KStream<K, V>
  /** Writes the stream to a topic, or to the topic the extractor picks per record. `KSTREAM-SINK-n`. */
  to(topic: string | TopicNameExtractor<K, V>, produced?: ProducedOptions<K, V>): void
  /** Reads the stream as a changelog: the latest value per key (null values delete). `KSTREAM-TOTABLE-n`. */
  toTable(options?: ToTableOptions<K, V> | Materialized<K, V>): KTable<K, V>
  /** Groups by the current key (repartitioning first if the key was changed). */
  groupByKey(grouped?: GroupedOptions<K, V>): KGroupedStream<K, V>
  /** Groups by a new key computed per record; aggregations repartition by it. */
  groupBy<KR>(keySelector: KeyValueMapper<K, V, KR>, grouped?: GroupedOptions<KR, V>): KGroupedStream<KR, V>

  /** Windowed inner join with another stream (records whose timestamps are within the windows). */
  join<VO, VR>(
    otherStream: KStream<K, VO>,
    joiner: ValueJoiner<V, VO, VR, K>,
    windows: JoinWindows,
    streamJoined?: StreamJoinedOptions<K, V, VO>,
  ): KStream<K, VR>
  /** Inner join with a table: each record joins the table's current value for its key. */
  join<VT, VR>(table: KTable<K, VT>, joiner: ValueJoiner<V, VT, VR, K>, joined?: JoinedOptions<K, V, VT>): KStream<K, VR>
  /** Inner join with a global table, looked up by `keySelector(key, value)`. */
  join<GK, GV, VR>(
    globalTable: GlobalKTable<GK, GV>,
    keySelector: KeyValueMapper<K, V, GK>,
    joiner: ValueJoiner<V, GV, VR, K>,
    named?: NamedOptions,
  ): KStream<K, VR>

  /**
   * Windowed left join with another stream: records without a match are emitted with `null`
   * once their window closed (Kafka >= 3.1 semantics).
   */
  leftJoin<VO, VR>(
    otherStream: KStream<K, VO>,
    joiner: ValueJoiner<V, VO | null, VR, K>,
    windows: JoinWindows,
    streamJoined?: StreamJoinedOptions<K, V, VO>,
  ): KStream<K, VR>
  /** Left join with a table: records without a table value join with `null`. */
  leftJoin<VT, VR>(table: KTable<K, VT>, joiner: ValueJoiner<V, VT | null, VR, K>, joined?: JoinedOptions<K, V, VT>): KStream<K, VR>
  /** Left join with a global table. */
  leftJoin<GK, GV, VR>(
    globalTable: GlobalKTable<GK, GV>,
    keySelector: KeyValueMapper<K, V, GK>,
    joiner: ValueJoiner<V, GV | null, VR, K>,
    named?: NamedOptions,
  ): KStream<K, VR>

  /** Windowed outer join: unmatched records of either side are emitted with `null` after their window closed. */
  outerJoin<VO, VR>(
    otherStream: KStream<K, VO>,
    joiner: ValueJoiner<V | null, VO | null, VR, K>,
    windows: JoinWindows,
    streamJoined?: StreamJoinedOptions<K, V, VO>,
  ): KStream<K, VR>

  /**
   * Runs a Processor API processor on each record; it may use the named stores and forward any
   * records. Marks the stream for repartitioning. `KSTREAM-PROCESSOR-n`.
   */
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, ...stateStoreNames: string[]): KStream<KOut, VOut>
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, named: Named, ...stateStoreNames: string[]): KStream<KOut, VOut>
  /** Runs a key-preserving processor on each record. `KSTREAM-PROCESSVALUES-n`. */
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, ...stateStoreNames: string[]): KStream<K, VOut>
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, named: Named, ...stateStoreNames: string[]): KStream<K, VOut>
}
