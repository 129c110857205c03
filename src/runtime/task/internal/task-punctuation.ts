import { PunctuationType, type Cancellable, type Punctuator } from '../../../../processor-api/punctuation.js'
import type { Clock } from '../../../../processor-api/time.js'
import { isPromiseLike, type MaybePromise } from './maybe-promise.js'
import type { ProcessingState } from './processing-state.js'
import { PunctuationQueue, type PunctuationSchedule } from './punctuation-queue.js'

/**
 * The punctuators of one task (Kafka's two `PunctuationQueue`s and `StreamTask.punctuate`):
 * stream-time schedules start at 0 (so the first record fires them, then multiples of the
 * interval), wall-clock schedules at now + interval. A punctuator runs with the punctuation
 * context (its time, no topic, empty headers); one that returns a Promise is awaited before the
 * next one fires.
 */
export class TaskPunctuation {
  private readonly streamTime = new PunctuationQueue()
  private readonly wallClock = new PunctuationQueue()

  constructor(
    private readonly state: ProcessingState,
    private readonly clock: Clock,
  ) {}

  schedule(nodeName: string, intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    if (type === PunctuationType.STREAM_TIME) return this.streamTime.schedule(nodeName, 0, intervalMs, punctuator)
    if (type === PunctuationType.WALL_CLOCK_TIME) {
      return this.wallClock.schedule(nodeName, this.clock.nowMs() + intervalMs, intervalMs, punctuator)
    }
    throw new RangeError(`Unrecognized PunctuationType: ${String(type)}`)
  }

  /** Fires the stream-time punctuators due at `streamTime`; true when any fired. */
  punctuateStreamTime(streamTime: number): MaybePromise<boolean> {
    if (streamTime < 0) return false
    return this.fireDue(this.streamTime, streamTime, false)
  }

  /** Fires the wall-clock punctuators due now; true when any fired. */
  punctuateWallClock(): MaybePromise<boolean> {
    return this.fireDue(this.wallClock, this.clock.nowMs(), false)
  }

  /** Cancels every schedule (the processors are closing). */
  clear(): void {
    this.streamTime.clear()
    this.wallClock.clear()
  }

  private fireDue(queue: PunctuationQueue, now: number, punctuated: boolean): MaybePromise<boolean> {
    const state = this.state
    for (;;) {
      const schedule = queue.pollDue(now)
      if (schedule === null) return punctuated
      punctuated = true
      this.run(schedule, now)
      queue.reschedule(schedule, now)
      if (state.pending.length > 0) return state.drainPending().then(() => this.fireDue(queue, now, true))
    }
  }

  private run(schedule: PunctuationSchedule, now: number): void {
    const state = this.state
    state.setPunctuationContext(now)
    try {
      const r = schedule.punctuator(now)
      if (r !== undefined && isPromiseLike(r)) state.track(r, schedule.nodeName, null, true)
    } catch (err) {
      const failure = state.processingFailure(err, schedule.nodeName, null, true)
      if (failure !== null) throw failure
    } finally {
      state.clearRecordContext()
    }
  }
}
