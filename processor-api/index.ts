/**
 * The Processor API: records, processors and their context, state store contracts, serdes, and
 * `Topology` (build a processor graph by hand and `describe()` it). Start with `Topology` and
 * `Processor`; the DSL (`StreamsBuilder`) builds the same `Topology`.
 */
export { StreamsError, TopologyError, SerializationError, ProcessorStateError } from './errors.js'
export { Headers } from './headers.js'
export type { Header } from './headers.js'
export { Record, FixedKeyRecord } from './record.js'
export type { RecordMetadata } from './record-metadata.js'
export type { Processor, FixedKeyProcessor, ProcessorSupplier, FixedKeyProcessorSupplier } from './processor.js'
export type { ProcessorContext, FixedKeyProcessorContext, ProcessingContextBase, AppConfigs } from './processor-context.js'
export { PunctuationType } from './punctuation.js'
export type { Punctuator, Cancellable } from './punctuation.js'
export type {
  StateStore,
  StateStoreContext,
  StoreBuilder,
  LogConfig,
  ChangelogRecord,
  RestoreCallback,
  CachedRecordContext,
} from './state-store.js'
export { TaskId } from './task-id.js'
export { SystemClock, ManualClock } from './time.js'
export type { Clock } from './time.js'
export { KeyValue } from './key-value.js'
export type { Window, Windowed } from './windowed.js'
export type {
  OffsetReset,
  TimestampExtractor,
  TopicNameExtractor,
  StreamPartitioner,
  RecordContext,
  SourceOptions,
  SinkOptions,
} from './topology-options.js'
export { Topology } from './topology.js'
export {
  TopologyDescription,
  SubtopologyDescription,
  GlobalStoreDescription,
  SourceNodeDescription,
  ProcessorNodeDescription,
  SinkNodeDescription,
} from './topology-description.js'
export type { TopologyNodeDescription } from './topology-description.js'
export type { Serde, Serializer, Deserializer } from './serde/serde.js'
export { Serdes } from './serde/serdes.js'
export { StringSerde } from './serde/string-serde.js'
export { LongSerde, BigIntSerde, IntegerSerde, ShortSerde, DoubleSerde, FloatSerde } from './serde/numeric-serdes.js'
export { ByteArraySerde } from './serde/byte-array-serde.js'
export { VoidSerde } from './serde/void-serde.js'
export { BooleanSerde } from './serde/boolean-serde.js'
export { UUIDSerde } from './serde/uuid-serde.js'
export { JsonSerde } from './serde/json-serde.js'
export { ZodSerde } from './serde/zod-serde.js'
export type { ZodSerdeOptions, ZodSchema, ZodOutput } from './serde/zod-serde.js'
