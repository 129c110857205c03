/**
 * The Kafka Streams DSL for TypeScript: start with `StreamsBuilder`, chain `KStream`/`KTable`
 * operations, and `build()` a `Topology`. Names, stores, internal topics and results follow
 * Kafka Streams. Option objects (`Materialized`, `Grouped`, ...) and windows live alongside.
 */
export { StreamsBuilder, type StreamsBuilderConfig } from './streams-builder.js'
export type { KStream, ToTableOptions } from './kstream.js'
export type { KTable, TableOperationOptions, ForeignKeyJoinOptions } from './ktable.js'
export type { KGroupedStream, AggregateOptions } from './kgrouped-stream.js'
export type { KGroupedTable } from './kgrouped-table.js'
export type { TimeWindowedKStream } from './time-windowed-kstream.js'
export type { SessionWindowedKStream } from './session-windowed-kstream.js'
export type { CogroupedKStream } from './cogrouped-kstream.js'
export type { BranchedKStream } from './branched-kstream.js'
export type { GlobalKTable } from './global-ktable.js'
export type {
  Predicate,
  KeyValueMapper,
  ValueMapper,
  ValueJoiner,
  Initializer,
  Aggregator,
  Reducer,
  Merger,
  ForeachAction,
  KeyValueIterable,
} from './functions.js'
export { DslArgumentError } from './errors.js'
export { Named, type NamedOptions } from './options/named.js'
export { Consumed, type ConsumedOptions } from './options/consumed.js'
export { Produced, type ProducedOptions } from './options/produced.js'
export { Grouped, type GroupedOptions } from './options/grouped.js'
export { Materialized, type MaterializedOptions, type MaterializedStoreSupplier, type StoreType } from './options/materialized.js'
export { Joined, type JoinedOptions } from './options/joined.js'
export { StreamJoined, type StreamJoinedOptions } from './options/stream-joined.js'
export { TableJoined, type TableJoinedOptions } from './options/table-joined.js'
export { Repartitioned, type RepartitionedOptions } from './options/repartitioned.js'
export { Branched } from './options/branched.js'
export { Printed, type PrintSink } from './options/printed.js'
export { Suppressed } from './options/suppressed.js'
export { BufferConfig, type BufferKind } from './options/buffer-config.js'
export { EmitStrategy } from './options/emit-strategy.js'
export type { Windows } from './windows/windows.js'
export { TimeWindows } from './windows/time-windows.js'
export { SlidingWindows } from './windows/sliding-windows.js'
export { SessionWindows } from './windows/session-windows.js'
export { JoinWindows } from './windows/join-windows.js'
export { WindowedSerdes, TimeWindowedSerde, SessionWindowedSerde } from './windows/windowed-serdes.js'
