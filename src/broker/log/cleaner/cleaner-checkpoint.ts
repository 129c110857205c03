import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../internal/atomic-file.js'

/** The cleaner's checkpoint file in a partition directory (Kafka keeps one per log dir). */
export const CLEANER_CHECKPOINT_FILE = 'cleaner-offset-checkpoint'

/** Where the last cleaning pass of a log ended. */
export interface CleanerCheckpoint {
  /** Everything below was cleaned: the dirty section starts here. */
  readonly firstDirtyOffset: bigint
  /** The earliest delete horizon of a kept tombstone or marker, or -1: a pass is due then even without dirty data. */
  readonly deleteHorizonMs: number
}

/** Reads the checkpoint of the partition in `dir`; null when absent or unreadable. */
export function readCleanerCheckpoint(dir: string): CleanerCheckpoint | null {
  const path = join(dir, CLEANER_CHECKPOINT_FILE)
  if (!existsSync(path)) return null
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { firstDirtyOffset?: unknown; deleteHorizonMs?: unknown }
    if (typeof raw.firstDirtyOffset !== 'string' || !/^\d+$/.test(raw.firstDirtyOffset) || typeof raw.deleteHorizonMs !== 'number') return null
    return { firstDirtyOffset: BigInt(raw.firstDirtyOffset), deleteHorizonMs: raw.deleteHorizonMs }
  } catch {
    return null
  }
}

/** Writes the checkpoint atomically. */
export function writeCleanerCheckpoint(dir: string, checkpoint: CleanerCheckpoint): void {
  writeFileAtomic(
    join(dir, CLEANER_CHECKPOINT_FILE),
    `${JSON.stringify({ firstDirtyOffset: checkpoint.firstDirtyOffset.toString(), deleteHorizonMs: checkpoint.deleteHorizonMs })}\n`,
  )
}
