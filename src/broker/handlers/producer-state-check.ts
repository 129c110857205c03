import type { AppendResult, PartitionLog } from '../log/partition-log.js'

/** A record set about to be appended to one partition by a Produce request. */
export interface PendingAppend {
  readonly topic: string
  readonly partition: number
  /** The raw record batches as received (not yet offset-assigned). */
  readonly records: Buffer
  /** The request's transactional id (null for non-transactional producers). */
  readonly transactionalId: string | null
  readonly log: PartitionLog
}

/** What to do with a pending append. */
export type AppendDecision =
  | { readonly action: 'append' }
  | { readonly action: 'reject'; readonly errorCode: number }
  /** A retried batch already in the log: answer success with its original offsets, append nothing. */
  | { readonly action: 'duplicate'; readonly baseOffset: bigint; readonly logAppendTime: bigint }

/**
 * The producer-state hook of the Produce path: idempotence (sequence numbers, epochs) and
 * transactions (open transactions pinning the LSO) plug in here. It runs synchronously for each
 * partition of each Produce request, so implementations must be cheap.
 */
export interface ProducerStateCheck {
  /** Decides whether `append` may go to the log (runs before any validation by the log). */
  beforeAppend(append: PendingAppend): AppendDecision
  /** Called after the log accepted `append` (to record sequences, open transactions...). */
  afterAppend(append: PendingAppend, result: AppendResult): void
}

/** The shared "go ahead" decision (no allocation on the hot path). */
export const APPEND: AppendDecision = Object.freeze({ action: 'append' })

/** The default check: every producer is accepted and nothing is tracked (no idempotence checks yet). */
export const acceptAllProducers: ProducerStateCheck = Object.freeze({
  beforeAppend: () => APPEND,
  afterAppend: () => {},
})
