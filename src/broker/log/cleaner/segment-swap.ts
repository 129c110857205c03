import { existsSync, readdirSync, readSync, closeSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { syncDirectory } from '../internal/atomic-file.js'
import { BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD, OFFSET_RANGE_BYTES } from '../internal/batch-header.js'
import type { Segment } from '../internal/segment.js'
import { segmentPaths } from '../internal/segment-files.js'
import { TRANSACTION_INDEX_FILE } from '../transaction-index.js'

/** Suffix of the files a cleaning pass writes before swapping them in. */
export const CLEANED_SUFFIX = '.cleaned'
/** Suffix of cleaned files committed to replace their segments (the swap's commit point is the `.log.swap`). */
export const SWAP_SUFFIX = '.swap'

const SWAP_LOG = /^(\d{20})\.log\.swap$/
const SEGMENT_LOG = /^(\d{20})\.log$/

/**
 * Swaps a cleaned segment (its `<base>.{log,index,timeindex}.cleaned` files already written and
 * fsynced, and `transaction.index.cleaned` when `withTransactionIndex`) in for the segments
 * `old`, Kafka's way: rename every `.cleaned` file to `.swap` (the log last: that rename is the
 * commit point), delete the old segments, then rename the `.swap` files to their final names (the
 * log last again). A crash anywhere is completed or undone by {@link recoverCleanerSwap}.
 */
export function swapInCleaned(dir: string, base: bigint, old: readonly Segment[], withTransactionIndex: boolean): void {
  const cleaned = segmentPaths(dir, base, CLEANED_SUFFIX)
  const swap = segmentPaths(dir, base, SWAP_SUFFIX)
  const txnIndex = join(dir, TRANSACTION_INDEX_FILE)
  if (withTransactionIndex) renameSync(`${txnIndex}${CLEANED_SUFFIX}`, `${txnIndex}${SWAP_SUFFIX}`)
  renameSync(cleaned.index, swap.index)
  renameSync(cleaned.timeIndex, swap.timeIndex)
  renameSync(cleaned.log, swap.log)
  syncDirectory(dir)
  for (const seg of old) seg.delete()
  finishSwap(dir, base, withTransactionIndex)
}

/**
 * Crash recovery of compaction swaps, run before a partition's segments are loaded: a committed
 * swap (`<base>.log.swap` present) is completed (the segments it replaces, those with base offsets
 * from `<base>` to the swap's last offset, are deleted and the `.swap` files renamed); files of an
 * uncommitted swap and every `.cleaned` file are removed.
 */
export function recoverCleanerSwap(dir: string, logger: Logger): void {
  if (!existsSync(dir)) return
  const names = readdirSync(dir)
  const committed = names.map((n) => SWAP_LOG.exec(n)?.[1]).filter((b): b is string => b !== undefined)
  for (const stem of committed) {
    const base = BigInt(stem)
    const swapLog = join(dir, `${stem}.log${SWAP_SUFFIX}`)
    const last = lastOffsetOf(swapLog)
    for (const name of names) {
      const m = SEGMENT_LOG.exec(name)
      if (m === null) continue
      const b = BigInt(m[1] as string)
      if (b === base || (b > base && last !== null && b <= last)) deleteSegmentFiles(dir, b)
    }
    finishSwap(dir, base, existsSync(join(dir, `${TRANSACTION_INDEX_FILE}${SWAP_SUFFIX}`)))
    logger.warn({ dir, segment: stem }, 'Completed a compaction swap interrupted by a crash')
  }
  for (const name of readdirSync(dir)) {
    if (name.endsWith(CLEANED_SUFFIX) || name.endsWith(SWAP_SUFFIX)) {
      unlinkSync(join(dir, name))
      logger.info({ dir, file: name }, 'Removed the leftover of an interrupted compaction')
    }
  }
}

function finishSwap(dir: string, base: bigint, withTransactionIndex: boolean): void {
  const swap = segmentPaths(dir, base, SWAP_SUFFIX)
  const final = segmentPaths(dir, base)
  if (existsSync(swap.index)) renameSync(swap.index, final.index)
  if (existsSync(swap.timeIndex)) renameSync(swap.timeIndex, final.timeIndex)
  if (withTransactionIndex) {
    const txnIndex = join(dir, TRANSACTION_INDEX_FILE)
    renameSync(`${txnIndex}${SWAP_SUFFIX}`, txnIndex)
  }
  renameSync(swap.log, final.log)
  syncDirectory(dir)
}

function deleteSegmentFiles(dir: string, base: bigint): void {
  const p = segmentPaths(dir, base)
  for (const path of [p.log, p.index, p.timeIndex]) {
    try {
      unlinkSync(path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

/** The last offset of the last whole batch in a (fsynced, intact) segment file, or null when it holds none. */
function lastOffsetOf(path: string): bigint | null {
  const size = statSync(path).size
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(OFFSET_RANGE_BYTES)
    let pos = 0
    let last: bigint | null = null
    while (pos + OFFSET_RANGE_BYTES <= size) {
      if (readSync(fd, head, 0, OFFSET_RANGE_BYTES, pos) < OFFSET_RANGE_BYTES) break
      const batchSize = head.readInt32BE(BATCH_LENGTH) + LOG_OVERHEAD
      if (batchSize < OFFSET_RANGE_BYTES || pos + batchSize > size) break
      last = head.readBigInt64BE(0) + BigInt(head.readInt32BE(LAST_OFFSET_DELTA))
      pos += batchSize
    }
    return last
  } finally {
    closeSync(fd)
  }
}
