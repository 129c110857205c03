import { existsSync, readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { crc32c } from '../../wire/crc32c.js'
import { writeFileAtomic } from './internal/atomic-file.js'
import { ProducerStateEntry } from './producer-state-entry.js'

/** The snapshot file in a partition directory. */
export const PRODUCER_SNAPSHOT_FILE = 'producer-state.snapshot'

/** What a snapshot holds: every producer's state as of the log end offset `offset`. */
export interface ProducerSnapshot {
  /** The log end offset when it was taken: replay the log from here. */
  readonly offset: bigint
  readonly entries: readonly ProducerStateEntry[]
}

type EncodedBatch = [number, number, string, string, number]
type EncodedEntry = [string, number, number, string, EncodedBatch[]]

/**
 * Writes the snapshot atomically as `<crc32c hex>\n<json>` (Kafka keeps binary `.snapshot` files
 * per segment; one JSON file per partition is enough here: it only bounds the replay on start).
 */
export function writeProducerSnapshot(dir: string, snapshot: ProducerSnapshot): void {
  const body = JSON.stringify({
    v: 1,
    offset: snapshot.offset.toString(),
    producers: snapshot.entries.map(
      (e): EncodedEntry => [
        e.producerId.toString(),
        e.epoch,
        e.coordinatorEpoch,
        e.currentTxnFirstOffset.toString(),
        e.batches().map((b): EncodedBatch => [b.firstSeq, b.lastSeq, b.firstOffset.toString(), b.lastOffset.toString(), b.appendTime]),
      ],
    ),
  })
  const bytes = Buffer.from(body, 'utf8')
  writeFileAtomic(join(dir, PRODUCER_SNAPSHOT_FILE), `${crc32c(bytes, 0, bytes.length).toString(16)}\n${body}`)
}

/** Reads the snapshot of the partition in `dir`, or null when it is missing or damaged. */
export function readProducerSnapshot(dir: string, nowMs: number): ProducerSnapshot | null {
  const path = join(dir, PRODUCER_SNAPSHOT_FILE)
  if (!existsSync(path)) return null
  try {
    const text = readFileSync(path, 'utf8')
    const nl = text.indexOf('\n')
    const body = text.slice(nl + 1)
    const bytes = Buffer.from(body, 'utf8')
    if (nl < 0 || parseInt(text.slice(0, nl), 16) !== crc32c(bytes, 0, bytes.length)) return null
    const parsed = JSON.parse(body) as { v: number; offset: string; producers: EncodedEntry[] }
    if (parsed.v !== 1) return null
    const entries = parsed.producers.map(([pid, epoch, coordinatorEpoch, txnFirst, batches]) => {
      const entry = new ProducerStateEntry(BigInt(pid))
      entry.epoch = epoch
      entry.coordinatorEpoch = coordinatorEpoch
      entry.lastWriteMs = nowMs
      for (const [firstSeq, lastSeq, firstOffset, lastOffset, appendTime] of batches) {
        entry.addBatch(epoch, firstSeq, lastSeq, BigInt(firstOffset), BigInt(lastOffset), appendTime)
      }
      entry.currentTxnFirstOffset = BigInt(txnFirst)
      return entry
    })
    return { offset: BigInt(parsed.offset), entries }
  } catch {
    return null
  }
}

/** Removes the snapshot of the partition in `dir` (the next open replays the whole log). */
export function deleteProducerSnapshot(dir: string): void {
  try {
    unlinkSync(join(dir, PRODUCER_SNAPSHOT_FILE))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
}
