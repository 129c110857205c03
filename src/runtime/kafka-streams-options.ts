/** The options, listeners and handler types of `KafkaStreams`. */
import type { Clock } from '../../processor-api/time.js'
import type { StreamsConfig } from '../config/streams-config.js'
import type { Logger } from '../logging/index.js'
import type { KafkaStreamsState } from './events.js'
import type { KafkaClientSupplier } from './ports.js'

/** What the uncaught exception handler decides (Kafka's `StreamThreadExceptionResponse`). */
export type StreamThreadExceptionResponse = 'SHUTDOWN_CLIENT' | 'REPLACE_THREAD'

/** Decides what to do when the stream thread dies. */
export type StreamsUncaughtExceptionHandler = (error: unknown) => StreamThreadExceptionResponse

/** Listener of state changes (Kafka's `KafkaStreams.StateListener`). */
export type StateListener = (newState: KafkaStreamsState, oldState: KafkaStreamsState) => void

/** Injection points (tests, custom clients). */
export interface KafkaStreamsOptions {
  /** Creates the Kafka clients; required here (the package's `KafkaStreams` defaults to kafkajs). */
  readonly clientSupplier?: KafkaClientSupplier | ((config: StreamsConfig, logger: Logger) => KafkaClientSupplier)
  /** Wall clock of punctuators and commit intervals; default: the system clock. */
  readonly clock?: Clock
}
