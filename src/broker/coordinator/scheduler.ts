/**
 * Time for the coordinator: every timeout (sessions, rebalances, initial delay) goes through a
 * `Scheduler`, so production uses real timers and tests a `ManualScheduler`.
 */

/** A scheduled task that may still be cancelled. Cancelling twice, or after it ran, is harmless. */
export interface TimerHandle {
  cancel(): void
}

/** A clock plus one-shot timers. */
export interface Scheduler {
  /** Current wall-clock time in milliseconds. */
  nowMs(): number
  /** Runs `task` once after `delayMs` (>= 0) unless cancelled first. */
  schedule(delayMs: number, task: () => void): TimerHandle
}

/** setTimeout's largest delay; longer delays would fire immediately. */
const MAX_TIMER_DELAY_MS = 2_147_483_647

/** The production scheduler: `Date.now()` and `setTimeout`, with timers `unref()`ed so they never keep the process alive. */
export class SystemScheduler implements Scheduler {
  nowMs(): number {
    return Date.now()
  }

  schedule(delayMs: number, task: () => void): TimerHandle {
    const timer = setTimeout(task, Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS))
    timer.unref()
    return { cancel: () => clearTimeout(timer) }
  }
}
