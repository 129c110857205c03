import { close, closeSync, constants, fsync, fsyncSync, open, openSync } from 'node:fs'
import { fsyncPath } from './index-file.js'
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

/**
 * The `.log`, `.index` and `.timeindex` paths of the segment starting at `baseOffset` in `dir`;
 * `suffix` (compaction's `.cleaned`/`.swap`) is appended to each.
 */
export function segmentPaths(dir: string, baseOffset: bigint, suffix = ''): SegmentPaths {
  const stem = join(dir, segmentFileStem(baseOffset))
  return { log: `${stem}.log${suffix}`, index: `${stem}.index${suffix}`, timeIndex: `${stem}.timeindex${suffix}` }
}

/** Parses a segment file name (`<20 digits>.log`) to its base offset, or undefined. */
export function parseSegmentFileName(name: string): bigint | undefined {
  const m = /^(\d{20})\.log$/.exec(name)
  return m ? BigInt(m[1] as string) : undefined
}

/**
 * The open `.log` descriptor of one segment (index files are opened per write, see
 * `index-file.ts`, so a segment costs one descriptor). fsyncs may run on the thread pool after
 * a roll while the event loop goes on; the descriptor is closed only once they have finished.
 */
export class SegmentFds {
  readonly log: number
  readonly paths: SegmentPaths
  private pending = 0
  private closeRequested = false
  private closed = false

  private constructor(log: number, paths: SegmentPaths) {
    this.log = log
    this.paths = paths
  }

  /** Opens the `.log` read-write and creates missing index files; `truncate` empties all three first. */
  static open(paths: SegmentPaths, truncate: boolean): SegmentFds {
    // Not O_APPEND: writes are positioned (pwrite) so a truncated tail is overwritten in place.
    const flags = constants.O_RDWR | constants.O_CREAT | (truncate ? constants.O_TRUNC : 0)
    for (const p of [paths.index, paths.timeIndex]) closeSync(openSync(p, flags, 0o644))
    return new SegmentFds(openSync(paths.log, flags, 0o644), paths)
  }

  /** fsyncs the three files now (blocking). */
  syncNow(): void {
    fsyncSync(this.log)
    fsyncPath(this.paths.index)
    fsyncPath(this.paths.timeIndex)
  }

  /** fsyncs the three files on the thread pool; `onError` hears about failures. */
  syncInBackground(onError: (err: unknown) => void): void {
    this.pending++
    fsync(this.log, (err) => {
      if (err) onError(err)
      for (const p of [this.paths.index, this.paths.timeIndex]) {
        this.pending++
        open(p, 'r', (openErr, fd) => {
          if (openErr) return this.settle(openErr, onError)
          fsync(fd, (syncErr) => close(fd, () => this.settle(syncErr, onError)))
        })
      }
      this.settle(null, onError)
    })
  }

  /** Closes the descriptor now, or as soon as running background fsyncs complete. */
  close(): void {
    this.closeRequested = true
    if (this.pending === 0) this.doClose()
  }

  private settle(err: unknown, onError: (err: unknown) => void): void {
    this.pending--
    if (err) onError(err)
    if (this.pending === 0 && this.closeRequested) this.doClose()
  }

  private doClose(): void {
    if (this.closed) return
    this.closed = true
    try {
      closeSync(this.log)
    } catch {
      // already closed or invalid: nothing left to release
    }
  }
}
