import { ApiKey, ErrorCode } from '../protocol/index.js'
import type { ApiHandler, RequestContext } from './api-handler.js'
import type { ProducerIdAllocator } from './internal/producer-id-allocator.js'

/**
 * What a transaction coordinator must provide for InitProducerId with a transactional id. Until
 * one is plugged in, such requests are refused (the transactional APIs are not advertised).
 */
export interface TransactionalInitProducerId {
  initProducerId(
    request: { transactionalId: string; transactionTimeoutMs: number },
    context: RequestContext,
  ): Promise<{ errorCode: number; producerId: bigint; producerEpoch: number }> | { errorCode: number; producerId: bigint; producerEpoch: number }
}

/**
 * InitProducerId: a null transactional id (an idempotent producer) gets a fresh producer id with
 * epoch 0. A transactional id goes to the transaction coordinator when one is configured;
 * otherwise the answer is UNSUPPORTED_VERSION, which clients treat as fatal, not retriable.
 */
export function initProducerIdHandler(
  producerIds: ProducerIdAllocator,
  transactions?: TransactionalInitProducerId,
): ApiHandler<typeof ApiKey.InitProducerId> {
  return {
    apiKey: ApiKey.InitProducerId,
    handle(request, context) {
      if (request.transactionalId === null) {
        return { errorCode: ErrorCode.NONE, producerId: producerIds.allocate(), producerEpoch: 0 }
      }
      if (transactions === undefined) {
        return { errorCode: ErrorCode.UNSUPPORTED_VERSION, producerId: -1n, producerEpoch: -1 }
      }
      return transactions.initProducerId(
        { transactionalId: request.transactionalId, transactionTimeoutMs: request.transactionTimeoutMs },
        context,
      )
    },
    errorResponse: (_request, errorCode) => ({ errorCode, producerId: -1n, producerEpoch: -1 }),
  }
}
