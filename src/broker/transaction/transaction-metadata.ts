/**
 * The transaction coordinator's view of one transactional id (Kafka's `TransactionMetadata`):
 * the producer id and epoch it owns, its timeout, its state and what the current transaction
 * touched (data partitions and consumer groups).
 */

/**
 * Kafka's transaction states. Empty → Ongoing (first AddPartitions/AddOffsets) →
 * PrepareCommit/PrepareAbort (decision logged) → CompleteCommit/CompleteAbort (markers written),
 * and back to Ongoing with the next transaction. Dead marks an expired transactional id.
 */
export type TransactionState = 'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort' | 'Dead'

/** Every state, for validation of stored records. */
export const TRANSACTION_STATES: readonly TransactionState[] = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead']

/** The largest producer epoch (Kafka's `Short.MaxValue`). */
export const MAX_PRODUCER_EPOCH = 32767

/** The coordinator's record of one transactional id. Mutated only by the coordinator. */
export interface TransactionMetadata {
  readonly transactionalId: string
  producerId: bigint
  producerEpoch: number
  /** `transaction.timeout.ms` the producer asked for in InitProducerId. */
  timeoutMs: number
  state: TransactionState
  /** Data partitions of the current transaction: topic → partitions. */
  partitions: Map<string, Set<number>>
  /** Consumer groups whose offsets the current transaction commits (AddOffsetsToTxn). */
  groups: Set<string>
  /** When the current transaction started (first AddPartitions/AddOffsets), or -1. */
  startMs: number
  /** Last state change (transactional id expiration). */
  lastUpdateMs: number
}

/** A copy of `m` (before a transition is logged, so a failed write changes nothing). */
export function copyMetadata(m: TransactionMetadata): TransactionMetadata {
  const partitions = new Map<string, Set<number>>()
  for (const [topic, ps] of m.partitions) partitions.set(topic, new Set(ps))
  return { ...m, partitions, groups: new Set(m.groups) }
}

/** Whether the transaction already holds every partition in `topics`. */
export function hasAllPartitions(m: TransactionMetadata, topics: ReadonlyMap<string, readonly number[]>): boolean {
  for (const [topic, ps] of topics) {
    const held = m.partitions.get(topic)
    if (held === undefined) return false
    for (const p of ps) if (!held.has(p)) return false
  }
  return true
}

/** The number of partitions in the transaction. */
export function partitionCount(m: TransactionMetadata): number {
  let n = 0
  for (const ps of m.partitions.values()) n += ps.size
  return n
}
