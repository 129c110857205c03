import { ApiKey } from '../protocol/index.js'
import type { TransactionCoordinator } from '../transaction/transaction-coordinator.js'
import type { ApiHandler } from './api-handler.js'

/**
 * AddPartitionsToTxn (v0-1): adds data partitions to the producer's ongoing transaction, before
 * it produces to them. Per-partition codes: unknown partitions UNKNOWN_TOPIC_OR_PARTITION (the
 * rest OPERATION_NOT_ATTEMPTED), else the coordinator's answer for all.
 */
export function addPartitionsToTxnHandler(transactions: TransactionCoordinator): ApiHandler<typeof ApiKey.AddPartitionsToTxn> {
  return {
    apiKey: ApiKey.AddPartitionsToTxn,
    handle(request) {
      const results = transactions.addPartitions(
        request.v3AndBelowTransactionalId,
        request.v3AndBelowProducerId,
        request.v3AndBelowProducerEpoch,
        request.v3AndBelowTopics.map((t) => ({ topic: t.name, partitions: t.partitions })),
      )
      return {
        throttleTimeMs: 0,
        resultsByTopicV3AndBelow: results.map((r) => ({
          name: r.topic,
          resultsByPartition: r.results.map((p) => ({ partitionIndex: p.partition, partitionErrorCode: p.errorCode })),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      throttleTimeMs: 0,
      resultsByTopicV3AndBelow: request.v3AndBelowTopics.map((t) => ({
        name: t.name,
        resultsByPartition: t.partitions.map((partitionIndex) => ({ partitionIndex, partitionErrorCode: errorCode })),
      })),
    }),
  }
}
