/**
 * A merge source reading a LevelDB range in growing batches (`nextv`), stripping the region
 * prefix from keys (a view, no copy).
 */
import type { MergeSource } from '../../internal/merged-iterator.js'

/** The part of a classic-level iterator this source uses. */
export interface LevelIterator {
  nextv(size: number): Promise<Array<[Buffer, Buffer]>>
  close(): Promise<void>
}

const FIRST_BATCH = 16
const MAX_BATCH = 1024

/** A `MergeSource` over one LevelDB iterator range. */
export class LevelDbSource implements MergeSource {
  key: Buffer | null = null
  value: Buffer | null = null
  private entries: Array<[Buffer, Buffer]> = []
  private index = 0
  private ended = false
  private closed = false
  private batchSize = FIRST_BATCH

  constructor(
    private readonly it: LevelIterator,
    private readonly prefixLength: number,
  ) {}

  advance(): void | Promise<void> {
    if (this.index < this.entries.length) {
      const e = this.entries[this.index++]!
      this.key = e[0].subarray(this.prefixLength)
      this.value = e[1]
      return
    }
    if (this.ended) {
      this.key = null
      this.value = null
      return
    }
    return this.load()
  }

  private async load(): Promise<void> {
    const batch = await this.it.nextv(this.batchSize)
    this.batchSize = Math.min(this.batchSize * 4, MAX_BATCH)
    if (batch.length === 0) {
      this.ended = true
      this.key = null
      this.value = null
      await this.close()
      return
    }
    this.entries = batch
    this.index = 0
    this.advance()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.it.close()
  }
}
