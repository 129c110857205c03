import { APPEND, type AppendDecision, type PendingAppend, type ProducerStateCheck } from '../handlers/producer-state-check.js'

/** The coordinator's side of produce verification. */
export interface ProduceVerifier {
  verifyTransactionalProduce(transactionalId: string | null, producerId: bigint, producerEpoch: number, topic: string, partition: number): number
}

/**
 * The Produce path's producer-state check: each partition log's producer state decides
 * (duplicates answered with the original offset, epoch/sequence/transaction-state errors), and
 * the first transactional batch of a producer on a partition must belong to a transaction the
 * coordinator knows includes that partition (Kafka's KIP-890 verification).
 */
export function transactionalProduceCheck(verifier: ProduceVerifier): ProducerStateCheck {
  return {
    beforeAppend(append: PendingAppend): AppendDecision {
      const check = append.log.producerState.checkAppend(append.records)
      if (check.errorCode !== 0) return { action: 'reject', errorCode: check.errorCode }
      if (check.duplicateOffset >= 0n) return { action: 'duplicate', baseOffset: check.duplicateOffset, logAppendTime: check.duplicateAppendTime }
      if (check.opensTransactionFor >= 0n) {
        const errorCode = verifier.verifyTransactionalProduce(
          append.transactionalId,
          check.opensTransactionFor,
          check.opensTransactionEpoch,
          append.topic,
          append.partition,
        )
        if (errorCode !== 0) return { action: 'reject', errorCode }
      }
      return APPEND
    },
    // The log records sequences and transactions itself on every append.
    afterAppend() {},
  }
}
