import type { GroupCoordinator } from '../coordinator/group-coordinator.js'
import type { OffsetCommitPartition } from '../coordinator/offset-requests.js'
import { ApiKey } from '../protocol/index.js'
import type { TransactionCoordinator } from '../transaction/transaction-coordinator.js'
import type { ApiHandler } from './api-handler.js'

/**
 * TxnOffsetCommit (v0-1, no member or generation): stages a transaction's consumer offsets as
 * pending in the group coordinator; EndTxn applies them on commit and drops them on abort. The
 * producer must own the transactional id with its current epoch and have added the group with
 * AddOffsetsToTxn (else INVALID_PRODUCER_ID_MAPPING / INVALID_PRODUCER_EPOCH / INVALID_TXN_STATE).
 */
export function txnOffsetCommitHandler(transactions: TransactionCoordinator, groups: GroupCoordinator): ApiHandler<typeof ApiKey.TxnOffsetCommit> {
  return {
    apiKey: ApiKey.TxnOffsetCommit,
    handle(request) {
      const all = (errorCode: number) => ({
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
      })
      const check = transactions.checkTxnOffsetCommit(request.transactionalId, request.producerId, request.producerEpoch, request.groupId)
      if (check !== 0) return all(check)
      const offsets: OffsetCommitPartition[] = []
      for (const t of request.topics) {
        for (const p of t.partitions) {
          offsets.push({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: -1, metadata: p.committedMetadata })
        }
      }
      const results = groups.prepareTransactionalOffsets(request.groupId, request.producerId, request.producerEpoch, offsets)
      let i = 0
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: results[i++]?.errorCode ?? 0 })),
        })),
      }
    },
    errorResponse: (request, errorCode) => ({
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
    }),
  }
}
