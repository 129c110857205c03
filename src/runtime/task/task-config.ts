import type { AppConfigs } from '../../../processor-api/processor-context.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { TimestampExtractor } from '../../../processor-api/topology-options.js'
import type { Logger } from '../../logging/index.js'
import { silentLogger } from '../../logging/index.js'
import type { StreamsConfig } from '../../config/streams-config.js'
import type { DeserializationExceptionHandler } from './deserialization-exception-handler.js'
import type { ProcessingExceptionHandler, ProductionExceptionHandler } from './exception-handlers.js'
import { failOnInvalidTimestamp } from './timestamp-extractors.js'

/**
 * The settings a task runs with, resolved from the application's configuration (the runtime's
 * streams config or the test driver's). Immutable; shared by all tasks of an instance.
 */
export interface TaskConfig {
  readonly applicationId: string
  /** Everything processors see as `context.appConfigs` (the user's config plus resolved values). */
  readonly appConfigs: AppConfigs
  /** Default serdes for sources and sinks without their own (null: none configured). */
  readonly defaultKeySerde: Serde<unknown> | null
  readonly defaultValueSerde: Serde<unknown> | null
  /** Used by sources without their own extractor. Default: `failOnInvalidTimestamp`. */
  readonly defaultTimestampExtractor: TimestampExtractor
  /** Default: `'fail'`, as Kafka's `LogAndFailExceptionHandler`. */
  readonly deserializationExceptionHandler: DeserializationExceptionHandler
  /** What to do when a processor or punctuator throws (KIP-1033). Default: `'fail'`. */
  readonly processingExceptionHandler: ProcessingExceptionHandler
  /** What to do when a sink cannot serialize a record. Default: `'fail'`. */
  readonly productionExceptionHandler: ProductionExceptionHandler
  /**
   * Kafka's `max.task.idle.ms`: how long a task with some empty input partitions waits (on the
   * wall clock) for data on them before processing anyway. 0 (default): wait only while the
   * lag of an empty partition is unknown or positive; -1: never wait.
   */
  readonly maxTaskIdleMs: number
  readonly logger: Logger
}

/** Builds a `TaskConfig` with Kafka's defaults for everything not given. */
export function taskConfig(options: Partial<TaskConfig> & { applicationId: string }): TaskConfig {
  return {
    applicationId: options.applicationId,
    appConfigs: options.appConfigs ?? { applicationId: options.applicationId },
    defaultKeySerde: options.defaultKeySerde ?? null,
    defaultValueSerde: options.defaultValueSerde ?? null,
    defaultTimestampExtractor: options.defaultTimestampExtractor ?? failOnInvalidTimestamp,
    deserializationExceptionHandler: options.deserializationExceptionHandler ?? 'fail',
    processingExceptionHandler: options.processingExceptionHandler ?? 'fail',
    productionExceptionHandler: options.productionExceptionHandler ?? 'fail',
    maxTaskIdleMs: options.maxTaskIdleMs ?? 0,
    logger: options.logger ?? silentLogger,
  }
}

/**
 * The task settings of a validated streams configuration (what KafkaStreams and the
 * TopologyTestDriver both run with). `appConfigs` holds the user's `appConfigs` plus
 * `applicationId`, `cacheMaxBytes` (also under Kafka's name `statestore.cache.max.bytes`) and
 * Kafka's `processing.guarantee`.
 */
export function taskConfigFromStreamsConfig(config: StreamsConfig): TaskConfig {
  return {
    applicationId: config.applicationId,
    appConfigs: {
      ...config.appConfigs,
      applicationId: config.applicationId,
      cacheMaxBytes: config.cacheMaxBytes,
      'statestore.cache.max.bytes': config.cacheMaxBytes,
      'processing.guarantee': config.processingGuarantee,
    },
    defaultKeySerde: (config.defaultKeySerde as Serde<unknown> | undefined) ?? null,
    defaultValueSerde: (config.defaultValueSerde as Serde<unknown> | undefined) ?? null,
    defaultTimestampExtractor: (config.defaultTimestampExtractor as TimestampExtractor | undefined) ?? failOnInvalidTimestamp,
    deserializationExceptionHandler: config.deserializationExceptionHandler as DeserializationExceptionHandler,
    processingExceptionHandler: config.processingExceptionHandler as ProcessingExceptionHandler,
    productionExceptionHandler: config.productionExceptionHandler as ProductionExceptionHandler,
    maxTaskIdleMs: config.maxTaskIdleMs,
    logger: config.logger ?? silentLogger,
  }
}
