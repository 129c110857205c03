import { closeSync, constants, fsync, fsyncSync, openSync } from 'node:fs'
import { join } from 'node:path'

/** `00000000000000000042` — the 20-digit zero-padded base offset Kafka names segment files by. */
export function segmentFileStem(baseOffset: bigint): string {
  return baseOffset.toString().padStart(20, '0')
}

/** Paths of a segment's three files. */
export interface SegmentPaths {
  readonly log: string
  readonly index: string
  readonly timeIndex: string
}

/** The `.log`, `.index` and `.timeindex` paths of the segment starting at `baseOffset` in `dir`. */
export function segmentPaths(dir: string, baseOffset: bigint): SegmentPaths {
  const stem = join(dir, segmentFileStem(baseOffset))
  return { log: `${stem}.log`, index: `${stem}.index`, timeIndex: `${stem}.timeindex` }
}

/** Parses a segment file name (`<20 digits>.log`) to its base offset, or undefined. */
export function parseSegmentFileName(name: string): bigint | undefined {
  const m = /^(\d{20})\.log$/.exec(name)
  return m ? BigInt(m[1] as string) : undefined
}

/**
 * Open file descriptors of one segment. fsyncs may run on the thread pool (after a roll) while
 * the event loop goes on; the descriptors are closed only once those have finished.
 */
export class SegmentFds {
  readonly log: number
  readonly index: number
  readonly timeIndex: number
  private pending = 0
  private closeRequested = false
  private closed = false

  private constructor(log: number, index: number, timeIndex: number) {
    this.log = log
    this.index = index
    this.timeIndex = timeIndex
  }

  /** Opens (creating when missing) the three files read-write; `truncate` empties them first. */
  static open(paths: SegmentPaths, truncate: boolean): SegmentFds {
    // Not O_APPEND: writes are positioned (pwrite) so a truncated tail is overwritten in place.
    const flags = constants.O_RDWR | constants.O_CREAT | (truncate ? constants.O_TRUNC : 0)
    const fds: number[] = []
    try {
      for (const p of [paths.log, paths.index, paths.timeIndex]) fds.push(openSync(p, flags, 0o644))
    } catch (err) {
      for (const fd of fds) closeSync(fd)
      throw err
    }
    return new SegmentFds(fds[0] as number, fds[1] as number, fds[2] as number)
  }

  /** fsyncs the three files now (blocking). */
  syncNow(): void {
    fsyncSync(this.log)
    fsyncSync(this.index)
    fsyncSync(this.timeIndex)
  }

  /** fsyncs the three files on the thread pool; `onError` hears about failures. */
  syncInBackground(onError: (err: unknown) => void): void {
    for (const fd of [this.log, this.index, this.timeIndex]) {
      this.pending++
      fsync(fd, (err) => {
        this.pending--
        if (err) onError(err)
        if (this.pending === 0 && this.closeRequested) this.doClose()
      })
    }
  }

  /** Closes the descriptors now, or as soon as running background fsyncs complete. */
  close(): void {
    this.closeRequested = true
    if (this.pending === 0) this.doClose()
  }

  private doClose(): void {
    if (this.closed) return
    this.closed = true
    for (const fd of [this.log, this.index, this.timeIndex]) {
      try {
        closeSync(fd)
      } catch {
        // already closed or invalid: nothing left to release
      }
    }
  }
}
