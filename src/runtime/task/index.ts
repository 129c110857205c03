/**
 * The task engine shared by KafkaStreams and the TopologyTestDriver: `StreamTask` runs a
 * processor topology for one task id, `GlobalStateUpdateTask` maintains global stores. Start
 * with `StreamTask` and the `RecordCollector` port it hands produced records to.
 */
export { StreamTask } from './stream-task.js'
export type { StreamTaskOptions, StreamTaskState, CommittableOffset } from './stream-task.js'
export { GlobalStateUpdateTask } from './global-state-update-task.js'
export type { GlobalStateUpdateTaskOptions } from './global-state-update-task.js'
export { processorTopologyOf } from './processor-topology.js'
export type { ProcessorTopology } from './processor-topology.js'
export type { RecordCollector, CollectedRecord } from './record-collector.js'
export type { RawRecord, TopicPartition } from './raw-record.js'
export { taskConfig, taskConfigFromStreamsConfig } from './task-config.js'
export type { TaskConfig } from './task-config.js'
export { DeserializationHandlerResponse } from './deserialization-exception-handler.js'
export type {
  ProcessingExceptionHandler,
  ProductionExceptionHandler,
  ProcessingErrorContext,
  ProductionErrorContext,
} from './exception-handlers.js'
export type {
  DeserializationExceptionHandler,
  DeserializationExceptionHandlerFn,
  DeserializationErrorContext,
} from './deserialization-exception-handler.js'
export { failOnInvalidTimestamp, logAndSkipOnInvalidTimestamp, usePartitionTimeOnInvalidTimestamp } from './timestamp-extractors.js'
export { isPromiseLike } from './internal/maybe-promise.js'
export type { MaybePromise } from './internal/maybe-promise.js'
