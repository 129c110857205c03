import type { BrokerExtension, BrokerParts } from '../broker.js'
import { addOffsetsToTxnHandler } from '../handlers/add-offsets-to-txn-handler.js'
import { addPartitionsToTxnHandler } from '../handlers/add-partitions-to-txn-handler.js'
import { endTxnHandler } from '../handlers/end-txn-handler.js'
import { txnOffsetCommitHandler } from '../handlers/txn-offset-commit-handler.js'
import { LogMarkerWriter } from './log-marker-writer.js'
import { TransactionCoordinator } from './transaction-coordinator.js'
import { transactionalProduceCheck } from './transactional-produce-check.js'
import { transactionalReadIsolation } from './transactional-read-isolation.js'

/**
 * Plugs transactions into the broker: opens (and recovers) the transaction coordinator over the
 * partition logs and the group coordinator, serves InitProducerId with a transactional id,
 * AddPartitionsToTxn, AddOffsetsToTxn, EndTxn and TxnOffsetCommit, checks produced batches
 * against each partition's producer state, and serves read_committed fetches below the LSO.
 * `Broker.start` uses it; the coordinator's timer aborts timed-out transactions.
 */
export function transactionExtension(parts: BrokerParts): BrokerExtension {
  const { config, logs, groups, fetches, logger, producerIds } = parts
  const coordinator = TransactionCoordinator.open({
    dataDir: config.dataDir,
    logger,
    producerIds,
    markers: new LogMarkerWriter({
      partitionLog: (topic, partition) => logs.getLog(topic, partition),
      onAppend: (topic, partition, bytes) => fetches.notifyAppend(topic, partition, bytes),
    }),
    offsets: groups,
    partitionExists: (topic, partition) => logs.getLog(topic, partition) !== undefined,
    maxTimeoutMs: config.transactionMaxTimeoutMs,
    abortCheckIntervalMs: config.transactionAbortCheckIntervalMs,
    transactionalIdExpirationMs: config.transactionalIdExpirationMs,
  })
  coordinator.startup()
  return {
    handlers: {
      24: addPartitionsToTxnHandler(coordinator),
      25: addOffsetsToTxnHandler(coordinator),
      26: endTxnHandler(coordinator),
      28: txnOffsetCommitHandler(coordinator, groups),
    },
    producerState: transactionalProduceCheck(coordinator),
    isolation: transactionalReadIsolation,
    transactions: coordinator,
    stop: () => coordinator.shutdown(),
  }
}
