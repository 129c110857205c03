import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The file in a task directory that records the sum of its stores' changelog checkpoints. */
const FILE = '.offset-sum'

/**
 * Records the sum of a task's changelog checkpoints in its directory, so that after a restart
 * (or a crash) the instance can tell the assignor how much of the task's state it holds without
 * opening the stores (Kafka reads its checkpoint files for the same purpose). Best effort: the
 * write is not awaited by the caller's hot path and a failure only weakens stickiness.
 */
export async function writeOffsetSum(appDir: string, taskId: string, sum: number): Promise<void> {
  await writeFile(join(appDir, taskId, FILE), String(sum))
}

/** The recorded offset sums of the task directories under `appDir` (directories without a record are left out). */
export function readOffsetSums(appDir: string): Map<string, number> {
  const out = new Map<string, number>()
  let names: string[]
  try {
    names = readdirSync(appDir).filter((name) => /^\d+_\d+$/.test(name))
  } catch {
    return out
  }
  for (const name of names) {
    try {
      const sum = Number(readFileSync(join(appDir, name, FILE), 'utf8'))
      if (Number.isFinite(sum) && sum >= 0) out.set(name, sum)
    } catch {
      // No record: the directory holds no committed state worth moving a task for.
    }
  }
  return out
}
