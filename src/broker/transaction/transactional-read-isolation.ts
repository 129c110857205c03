import type { AbortedTransaction, CommittedRead, ReadIsolation } from '../handlers/read-isolation.js'
import type { LogReadResult, PartitionLog } from '../log/partition-log.js'
import { BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD } from '../log/internal/batch-header.js'

const NONE: readonly AbortedTransaction[] = Object.freeze([])
/** How much larger than the fetch budget a read may grow to reach an ABORT marker. */
const EXTEND_FACTOR = 4

/**
 * read_committed reads over the partition logs' transaction state: data below the last stable
 * offset, and the aborted transactions overlapping exactly the returned range (sorted by first
 * offset). A read that would end between an aborted transaction's data and its ABORT marker is
 * cut before that transaction's first batch, or, when the fetch starts inside it, extended (up to
 * 4x the budget) to include the marker: clients such as @platformatic/kafka only drop aborted
 * data whose marker is in the same response (protocol.md §5.5).
 */
export const transactionalReadIsolation: ReadIsolation = Object.freeze({
  lastStableOffset: (log: PartitionLog) => log.lastStableOffset,
  abortedTransactions: (log: PartitionLog, fetchOffset: bigint, upperOffset: bigint) => log.producerState.abortedTransactions(fetchOffset, upperOffset),
  readCommitted(log: PartitionLog, fetchOffset: bigint, maxBytes: number, minOneBatch: boolean): CommittedRead {
    const lastStableOffset = log.lastStableOffset
    let read = log.read(fetchOffset, maxBytes, { minOneBatch, maxOffset: lastStableOffset })
    const index = log.producerState.transactionIndex
    if (read.size === 0 || index.lastOffset < fetchOffset) return { read, lastStableOffset, abortedTransactions: NONE }
    let end = endOffset(read)
    const straddling = index.overlapping(end, end)
    if (straddling.length > 0) {
      let first = end
      let marker = -1n
      for (const t of straddling) {
        if (t.firstOffset < first) first = t.firstOffset
        if (t.lastOffset > marker) marker = t.lastOffset
      }
      const upper = marker + 1n < lastStableOffset ? marker + 1n : lastStableOffset
      if (first > fetchOffset) {
        read = log.read(fetchOffset, maxBytes, { minOneBatch, maxOffset: first })
      } else if (marker < lastStableOffset) {
        const longer = log.read(fetchOffset, maxBytes * EXTEND_FACTOR, { minOneBatch, maxOffset: upper })
        if (longer.size > 0 && endOffset(longer) > marker) read = longer
      }
      if (read.size === 0) return { read, lastStableOffset, abortedTransactions: NONE }
      end = endOffset(read)
    }
    return { read, lastStableOffset, abortedTransactions: log.producerState.abortedTransactions(fetchOffset, end) }
  },
})

/** The offset after the last batch of a read (walks the batch headers of its last slice). */
function endOffset(read: LogReadResult): bigint {
  const last = read.records[read.records.length - 1] as Buffer
  let pos = 0
  let at = 0
  while (pos + LOG_OVERHEAD <= last.length) {
    at = pos
    pos += last.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD
  }
  return last.readBigInt64BE(at) + BigInt(last.readInt32BE(at + LAST_OFFSET_DELTA)) + 1n
}
