import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { CLEANED_SUFFIX, recoverCleanerSwap, SWAP_SUFFIX } from '../cleaner/segment-swap.js'
import { writeFileAtomic } from './atomic-file.js'
import { Segment } from './segment.js'
import { parseSegmentFileName, segmentPaths } from './segment-files.js'
import { indexesLookSound, recoverSegment } from './segment-recovery.js'

/** File in a partition directory holding the log start offset (decimal). */
export const LOG_START_OFFSET_FILE = 'log-start-offset'

/** What opening a partition directory produced. */
export interface LoadedLog {
  readonly segments: Segment[]
  readonly logStartOffset: bigint
}

/**
 * Opens every segment in `dir` (creating the directory and a first segment when empty),
 * validating indexes and recovering the active segment's tail; closed segments whose indexes are
 * missing or damaged are rebuilt by a full scan.
 */
export function loadLog(dir: string, indexIntervalBytes: number, nowMs: number, logger: Logger): LoadedLog {
  mkdirSync(dir, { recursive: true })
  let names = readdirSync(dir)
  for (const name of names) {
    if (name.endsWith('.tmp')) unlinkSync(join(dir, name))
  }
  // A compaction swap interrupted by a crash is completed (committed) or undone, before segments load.
  if (names.some((n) => n.endsWith(CLEANED_SUFFIX) || n.endsWith(SWAP_SUFFIX))) {
    recoverCleanerSwap(dir, logger)
    names = readdirSync(dir)
  }
  const bases = names
    .map(parseSegmentFileName)
    .filter((b): b is bigint => b !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const checkpoint = readLogStartOffset(dir)
  if (bases.length === 0) {
    return { segments: [Segment.create(dir, checkpoint ?? 0n, nowMs)], logStartOffset: checkpoint ?? 0n }
  }
  const segments: Segment[] = []
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i] as bigint
    const paths = segmentPaths(dir, base)
    const filesPresent = existsSync(paths.index) && existsSync(paths.timeIndex)
    const seg = Segment.open(dir, base, nowMs)
    const isLast = i === bases.length - 1
    // A closed non-empty segment always ends its time index with a final entry (written on roll).
    const closedLooksSound = filesPresent && indexesLookSound(seg) && (seg.size === 0 || seg.timeIndex.count > 0)
    if (isLast || !closedLooksSound) {
      const result = recoverSegment(seg, isLast && filesPresent ? 'tail' : 'full', indexIntervalBytes)
      if (result.truncatedBytes > 0) {
        logger.warn({ dir, segment: base.toString(), truncatedBytes: result.truncatedBytes }, 'Truncated a torn or corrupt segment tail')
      } else if (result.fullScan && seg.size > 0) {
        logger.info({ dir, segment: base.toString() }, 'Rebuilt segment indexes')
      }
    } else {
      seg.nextOffset = bases[i + 1] as bigint
    }
    segments.push(seg)
  }
  const first = segments[0] as Segment
  const last = segments[segments.length - 1] as Segment
  let logStartOffset = checkpoint !== undefined && checkpoint > first.baseOffset ? checkpoint : first.baseOffset
  if (logStartOffset > last.nextOffset) logStartOffset = last.nextOffset
  return { segments, logStartOffset }
}

/** Persists the log start offset of the partition in `dir`. */
export function writeLogStartOffset(dir: string, offset: bigint): void {
  writeFileAtomic(join(dir, LOG_START_OFFSET_FILE), `${offset.toString()}\n`)
}

function readLogStartOffset(dir: string): bigint | undefined {
  const path = join(dir, LOG_START_OFFSET_FILE)
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8').trim()
  return /^\d+$/.test(text) ? BigInt(text) : undefined
}
