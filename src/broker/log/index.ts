/**
 * The broker's storage: `LogManager` (topics, configs, auto-creation, maintenance) over one
 * `PartitionLog` per topic-partition (segment files with offset/time indexes, or in memory).
 * Start with `LogManager.open({ dataDir })`, then `getLog(topic, partition)`.
 */
export { LogManager } from './log-manager.js'
export type { CreateTopicRequest, DescribeConfigsResult, LogManagerOptions, TopicDescription, TopicResult } from './log-manager.js'
export { PartitionLog } from './partition-log.js'
export type { AppendOptions, AppendResult, LogReadResult, PartitionLogOptions, ReadOptions, SegmentInfo } from './partition-log-types.js'
export type { AppendOrigin } from './internal/record-set-validator.js'
export {
  CorruptRecordBatchError,
  InvalidRecordBatchError,
  LogClosedError,
  LogError,
  LogPolicyViolationError,
  LogStorageError,
  OffsetOutOfRangeError,
  RecordTooLargeError,
} from './errors.js'
export type { LogErrorContext } from './errors.js'
export { defaultLogConfig, isTopicConfigName, TOPIC_CONFIG_NAMES, topicConfigDefault, validateTopicConfig } from './topic-config.js'
export type { LogConfig, TopicConfigOverrides, TopicConfigValidation } from './topic-config.js'
export { ConfigSource } from './topic-config-ops.js'
export type { ConfigEntry, IncrementalConfigOp } from './topic-config-ops.js'
export { INTERNAL_TOPICS, MAX_TOPIC_NAME_LENGTH, topicNameError, topicNamesCollide } from './topic-name.js'
export { ProduceCheck, ProducerStateManager } from './producer-state.js'
export type { ProducerStateOptions, ProducerStateSource } from './producer-state.js'
export { ProducerStateEntry } from './producer-state-entry.js'
export { TransactionIndex } from './transaction-index.js'
export type { AbortedTransactionRef, AbortedTxn } from './transaction-index.js'
export { LogCleaner } from './cleaner/log-cleaner.js'
export type { CleanResult, LogCleanerOptions } from './cleaner/log-cleaner.js'
