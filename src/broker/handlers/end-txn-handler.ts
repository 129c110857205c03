import { ApiKey } from '../protocol/index.js'
import type { TransactionCoordinator } from '../transaction/transaction-coordinator.js'
import type { ApiHandler } from './api-handler.js'

/**
 * EndTxn (v0-1): commits or aborts the producer's transaction. The answer comes after the
 * markers are in every partition and the group offsets are applied or dropped.
 */
export function endTxnHandler(transactions: TransactionCoordinator): ApiHandler<typeof ApiKey.EndTxn> {
  return {
    apiKey: ApiKey.EndTxn,
    handle(request) {
      const errorCode = transactions.endTxn(request.transactionalId, request.producerId, request.producerEpoch, request.committed)
      return { throttleTimeMs: 0, errorCode }
    },
    errorResponse: (_request, errorCode) => ({ throttleTimeMs: 0, errorCode }),
  }
}
