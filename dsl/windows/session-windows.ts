import { DslArgumentError } from '../errors.js'

/**
 * Sessions: records of a key closer than `inactivityGapMs` to each other fall in one session
 * (Kafka's `SessionWindows`). Session bounds are the first and last record times (inclusive).
 *
 * @example
 * grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5 * 60_000)).count()
 */
export class SessionWindows {
  readonly gapMs: number
  readonly graceMs: number

  private constructor(gapMs: number, graceMs: number) {
    if (!(gapMs > 0)) throw new DslArgumentError('inactivityGapMs', 'Gap time cannot be zero or negative.')
    if (!(graceMs >= 0)) throw new DslArgumentError('graceMs', 'Grace period must not be negative.')
    this.gapMs = gapMs
    this.graceMs = graceMs
  }

  static ofInactivityGapWithNoGrace(inactivityGapMs: number): SessionWindows {
    return new SessionWindows(inactivityGapMs, 0)
  }

  static ofInactivityGapAndGrace(inactivityGapMs: number, graceMs: number): SessionWindows {
    return new SessionWindows(inactivityGapMs, graceMs)
  }

  inactivityGap(): number {
    return this.gapMs
  }

  gracePeriodMs(): number {
    return this.graceMs
  }
}
