import { ApiKey } from '../protocol/index.js'
import type { TransactionCoordinator } from '../transaction/transaction-coordinator.js'
import type { ApiHandler } from './api-handler.js'

/**
 * AddOffsetsToTxn (v0-1): the producer's ongoing transaction will also commit the consumer
 * group's offsets (sent next with TxnOffsetCommit to the group coordinator).
 */
export function addOffsetsToTxnHandler(transactions: TransactionCoordinator): ApiHandler<typeof ApiKey.AddOffsetsToTxn> {
  return {
    apiKey: ApiKey.AddOffsetsToTxn,
    handle(request) {
      const errorCode = transactions.addOffsets(request.transactionalId, request.producerId, request.producerEpoch, request.groupId)
      return { throttleTimeMs: 0, errorCode }
    },
    errorResponse: (_request, errorCode) => ({ throttleTimeMs: 0, errorCode }),
  }
}
