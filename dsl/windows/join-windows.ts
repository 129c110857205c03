import { DslArgumentError } from '../errors.js'

/**
 * The time bounds of a stream-stream join (Kafka's `JoinWindows`): a record joins records of the
 * other stream whose timestamps lie in `[t - beforeMs, t + afterMs]`. With grace, late records
 * are still joined up to `graceMs` after the window closes; left/outer results without a match
 * are emitted only after that (Kafka >= 3.1 semantics).
 *
 * @example
 * left.join(right, joiner, JoinWindows.ofTimeDifferenceAndGrace(5_000, 1_000))
 * left.join(right, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(5_000).after(0))
 */
export class JoinWindows {
  readonly beforeMs: number
  readonly afterMs: number
  readonly graceMs: number

  private constructor(beforeMs: number, afterMs: number, graceMs: number) {
    if (beforeMs + afterMs < 0) throw new DslArgumentError('beforeMs', 'Window interval (ie, beforeMs+afterMs) must not be negative.')
    if (!(graceMs >= 0)) throw new DslArgumentError('graceMs', 'Grace period must not be negative.')
    this.beforeMs = beforeMs
    this.afterMs = afterMs
    this.graceMs = graceMs
  }

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): JoinWindows {
    return new JoinWindows(timeDifferenceMs, timeDifferenceMs, 0)
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): JoinWindows {
    return new JoinWindows(timeDifferenceMs, timeDifferenceMs, graceMs)
  }

  /** Sets how far back (ms) the other stream's records may be; `afterMs` is kept. */
  before(timeDifferenceMs: number): JoinWindows {
    return new JoinWindows(timeDifferenceMs, this.afterMs, this.graceMs)
  }

  /** Sets how far ahead (ms) the other stream's records may be; `beforeMs` is kept. */
  after(timeDifferenceMs: number): JoinWindows {
    return new JoinWindows(this.beforeMs, timeDifferenceMs, this.graceMs)
  }

  size(): number {
    return this.beforeMs + this.afterMs
  }

  gracePeriodMs(): number {
    return this.graceMs
  }
}
