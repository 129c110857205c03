/**
 * The bundled broker's transactions: the transaction coordinator (producer ids and epochs,
 * AddPartitions/AddOffsets/EndTxn, markers, timeouts; durable under `<dataDir>/__transaction_state/`),
 * the Produce check and the read_committed isolation it plugs into the broker with `transactionExtension`.
 */
export { TransactionCoordinator } from './transaction-coordinator.js'
export type { AddPartitionsResult, InitProducerIdResult, TopicPartitions, TransactionCoordinatorOptions } from './transaction-coordinator.js'
export type { TransactionMetadata, TransactionState } from './transaction-metadata.js'
export { MAX_PRODUCER_EPOCH, TRANSACTION_STATES } from './transaction-metadata.js'
export type { ProducerIdSource, TransactionalOffsets, TransactionMarkerWriter } from './transaction-ports.js'
export { LogMarkerWriter } from './log-marker-writer.js'
export type { MarkerTargets } from './log-marker-writer.js'
export { transactionalProduceCheck } from './transactional-produce-check.js'
export type { ProduceVerifier } from './transactional-produce-check.js'
export { transactionalReadIsolation } from './transactional-read-isolation.js'
export { transactionExtension } from './transaction-extension.js'
export { TransactionCoordinatorError, TransactionStorageError } from './errors.js'
export { TRANSACTION_STATE_DIR } from './internal/transaction-store.js'
