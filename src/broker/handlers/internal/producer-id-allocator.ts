import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Producer ids reserved per write of the block file (Kafka's ProducerIdManager uses 1000 too). */
const BLOCK_SIZE = 1000n

/**
 * Hands out producer ids for idempotent producers. With a data dir, ids are reserved in blocks
 * whose upper bound is written (atomically, via rename) before any id of the block is used, so
 * ids are never reused across restarts, even after a crash. In memory, ids start at 0.
 */
export class ProducerIdAllocator {
  private readonly file: string | undefined
  private next: bigint
  private blockEnd: bigint

  constructor(dataDir: string | undefined) {
    this.file = dataDir === undefined ? undefined : join(dataDir, 'producer-id-block')
    let start = 0n
    if (this.file !== undefined) {
      mkdirSync(dataDir!, { recursive: true })
      try {
        start = BigInt(readFileSync(this.file, 'utf8').trim())
      } catch {
        start = 0n
      }
    }
    this.next = start
    this.blockEnd = start
  }

  /** A producer id never handed out before. */
  allocate(): bigint {
    if (this.next >= this.blockEnd) this.reserveBlock()
    return this.next++
  }

  private reserveBlock(): void {
    this.blockEnd = this.next + BLOCK_SIZE
    if (this.file === undefined) return
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, `${this.blockEnd}\n`)
    renameSync(tmp, this.file)
  }
}
