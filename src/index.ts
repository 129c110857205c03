/**
 * tributary: Kafka Streams for TypeScript, with a bundled Kafka-protocol broker. This is the
 * package's single public entry point; every public name is re-exported here by name.
 */
export { Broker, BrokerError, BrokerStateError } from './broker/index.js'
export type { BrokerConfig, BrokerConfigInput } from './config/index.js'
export { ConfigError, parseBrokerConfig } from './config/index.js'
export { KafkaStreams } from './clients/kafkajs/index.js'
export type {
  KafkaStreamsOptions,
  StateListener,
  StreamsUncaughtExceptionHandler,
  StreamThreadExceptionResponse,
} from './runtime/kafka-streams.js'
export type { KafkaStreamsState, StreamsEvent } from './runtime/events.js'
export { QueryableStoreTypes } from './runtime/queryable-store-types.js'
export type { QueryableStoreType } from './runtime/queryable-store-types.js'
export type { StateRestoreListener } from './runtime/state-restore-listener.js'
export { KEY_QUERY_METADATA_NOT_AVAILABLE, UNAVAILABLE_HOST } from './runtime/streams-metadata.js'
export type { HostInfo, KeyQueryMetadata, StreamsMetadata } from './runtime/streams-metadata.js'
export type { KafkaClientSupplier } from './runtime/ports.js'
export { parseStreamsConfig, streamsConfigSchema } from './config/index.js'
export type { StreamsConfig, StreamsConfigInput } from './config/index.js'
export {
  MissingSourceTopicError,
  NotCopartitionedError,
  InternalTopicError,
  TaskAssignmentError,
  StreamsStateError,
  StreamsNotStartedError,
  UnknownStateStoreError,
  StateStoreMigratedError,
  StateStoreNotAvailableError,
  ProducerFencedError,
  TaskMigratedError,
  KafkaClientError,
} from './runtime/errors.js'
