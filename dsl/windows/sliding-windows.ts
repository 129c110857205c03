import { DslArgumentError } from '../errors.js'

/**
 * Windows of fixed size `timeDifferenceMs` that slide with the data (Kafka's `SlidingWindows`):
 * two records fall in the same window when their timestamps differ by at most the time
 * difference. Both window bounds are inclusive.
 *
 * @example
 * grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10_000, 5_000)).count()
 */
export class SlidingWindows {
  readonly timeDifferenceMs: number
  readonly graceMs: number

  private constructor(timeDifferenceMs: number, graceMs: number) {
    if (!(timeDifferenceMs >= 0)) throw new DslArgumentError('timeDifferenceMs', 'Window time difference must not be negative.')
    if (!(graceMs >= 0)) throw new DslArgumentError('graceMs', 'Window grace period must not be negative.')
    this.timeDifferenceMs = timeDifferenceMs
    this.graceMs = graceMs
  }

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): SlidingWindows {
    return new SlidingWindows(timeDifferenceMs, 0)
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): SlidingWindows {
    return new SlidingWindows(timeDifferenceMs, graceMs)
  }

  gracePeriodMs(): number {
    return this.graceMs
  }
}
