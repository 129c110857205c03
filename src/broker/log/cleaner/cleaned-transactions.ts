import type { AbortedTxn } from '../transaction-index.js'

/** Control record type of an ABORT marker. */
export const CONTROL_ABORT = 0
/** Control record type of a COMMIT marker. */
export const CONTROL_COMMIT = 1

interface OngoingAborted {
  readonly txn: AbortedTxn
  observed: boolean
}

/**
 * Transaction bookkeeping while the cleaner walks a log in offset order (Kafka's
 * `CleanedTransactionMetadata`): data batches of aborted transactions are discarded; an ABORT
 * marker is kept (with its aborted-index entry) until a pass sees none of its transaction's
 * data, a COMMIT marker until a pass sees none of its transaction's batches; only then may they
 * go (after their delete horizon).
 */
export class CleanedTransactions {
  private readonly aborted: readonly AbortedTxn[]
  private next = 0
  private readonly ongoingCommitted = new Set<bigint>()
  private readonly ongoingAborted = new Map<bigint, OngoingAborted>()
  /** Aborted transactions whose markers were kept with data observed: they stay in the index. */
  readonly retained: AbortedTxn[] = []

  /** `aborted`: the index entries overlapping the walked range (any order). */
  constructor(aborted: readonly AbortedTxn[]) {
    this.aborted = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0))
  }

  /** A data batch was read: returns true when it belongs to an aborted transaction (discard it). */
  onDataBatch(producerId: bigint, transactional: boolean, lastOffset: bigint): boolean {
    this.consumeUpTo(lastOffset)
    if (!transactional) return false
    const aborted = this.ongoingAborted.get(producerId)
    if (aborted !== undefined) {
      aborted.observed = true
      return true
    }
    this.ongoingCommitted.add(producerId)
    return false
  }

  /** A marker was read: returns true when it may be discarded (no data of its transaction seen in this pass). */
  onControlBatch(producerId: bigint, controlType: number, lastOffset: bigint): boolean {
    this.consumeUpTo(lastOffset)
    if (controlType === CONTROL_ABORT) {
      const aborted = this.ongoingAborted.get(producerId)
      this.ongoingAborted.delete(producerId)
      if (aborted?.observed === true) {
        this.retained.push(aborted.txn)
        return false
      }
      return true
    }
    if (controlType === CONTROL_COMMIT) return !this.ongoingCommitted.delete(producerId)
    return false
  }

  private consumeUpTo(offset: bigint): void {
    while (this.next < this.aborted.length && (this.aborted[this.next] as AbortedTxn).firstOffset <= offset) {
      const txn = this.aborted[this.next++] as AbortedTxn
      if (!this.ongoingAborted.has(txn.producerId)) this.ongoingAborted.set(txn.producerId, { txn, observed: false })
    }
  }
}
