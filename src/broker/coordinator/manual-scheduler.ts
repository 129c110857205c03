import type { Scheduler, TimerHandle } from './scheduler.js'

interface ManualTimer {
  readonly dueMs: number
  readonly seq: number
  readonly task: () => void
  cancelled: boolean
}

/**
 * A scheduler whose time only moves when told to, for tests: `advance(ms)` runs every timer that
 * falls due, in due-time order (ties in scheduling order), with `nowMs()` set to each timer's due time.
 */
export class ManualScheduler implements Scheduler {
  private current: number
  private seq = 0
  private timers: ManualTimer[] = []

  constructor(startMs = 0) {
    this.current = startMs
  }

  nowMs(): number {
    return this.current
  }

  schedule(delayMs: number, task: () => void): TimerHandle {
    const timer: ManualTimer = { dueMs: this.current + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => (timer.cancelled = true) }
  }

  /** Moves time forward by `ms`, running due timers (including ones they schedule) on the way. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`Cannot move time backwards (${ms} ms)`)
    const target = this.current + ms
    for (;;) {
      const next = this.nextDue(target)
      if (next === undefined) break
      this.timers.splice(this.timers.indexOf(next), 1)
      this.current = next.dueMs
      next.task()
    }
    this.current = target
  }

  /** Timers scheduled and neither run nor cancelled. */
  get pendingTimers(): number {
    this.timers = this.timers.filter((t) => !t.cancelled)
    return this.timers.length
  }

  private nextDue(limitMs: number): ManualTimer | undefined {
    let best: ManualTimer | undefined
    for (const t of this.timers) {
      if (t.cancelled || t.dueMs > limitMs) continue
      if (best === undefined || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.seq < best.seq)) best = t
    }
    return best
  }
}
