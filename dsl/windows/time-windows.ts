import type { Window } from '../../processor-api/windowed.js'
import { DslArgumentError } from '../errors.js'
import type { Windows } from './windows.js'

/**
 * Fixed-size windows: tumbling when `advanceMs` equals `sizeMs`, hopping when smaller (Kafka's
 * `TimeWindows`). Windows are aligned to the epoch, start inclusive and end exclusive.
 *
 * @example
 * grouped.windowedBy(TimeWindows.ofSizeAndGrace(60_000, 10_000)).count()
 * grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(300_000).advanceBy(60_000)).count()
 */
export class TimeWindows implements Windows {
  readonly sizeMs: number
  readonly advanceMs: number
  readonly graceMs: number

  private constructor(sizeMs: number, advanceMs: number, graceMs: number) {
    if (!(sizeMs > 0)) throw new DslArgumentError('sizeMs', 'Window size (sizeMs) must be larger than zero.')
    if (!(advanceMs > 0 && advanceMs <= sizeMs)) {
      throw new DslArgumentError(
        'advanceMs',
        `Window advancement interval should be more than zero and less than window duration which is ${sizeMs} ms, but given advancement interval is: ${advanceMs} ms`,
      )
    }
    if (!(graceMs >= 0)) throw new DslArgumentError('graceMs', 'Grace period must not be negative.')
    this.sizeMs = sizeMs
    this.advanceMs = advanceMs
    this.graceMs = graceMs
  }

  /** Tumbling windows of `sizeMs`; records after a window's end are dropped. */
  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, 0)
  }

  /** Tumbling windows of `sizeMs` accepting records up to `graceMs` after a window's end. */
  static ofSizeAndGrace(sizeMs: number, graceMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, graceMs)
  }

  /** Hopping windows: a new window starts every `advanceMs` (0 < advanceMs <= sizeMs). */
  advanceBy(advanceMs: number): TimeWindows {
    return new TimeWindows(this.sizeMs, advanceMs, this.graceMs)
  }

  windowsFor(timestamp: number): Map<number, Window> {
    let windowStart = Math.floor(Math.max(0, timestamp - this.sizeMs + this.advanceMs) / this.advanceMs) * this.advanceMs
    const windows = new Map<number, Window>()
    while (windowStart <= timestamp) {
      windows.set(windowStart, { start: windowStart, end: windowStart + this.sizeMs })
      windowStart += this.advanceMs
    }
    return windows
  }

  size(): number {
    return this.sizeMs
  }

  gracePeriodMs(): number {
    return this.graceMs
  }
}
