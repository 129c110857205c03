import type { Cancellable, Punctuator } from '../../../../processor-api/punctuation.js'

/** One scheduled punctuator; the same object is re-queued after each run so `cancel` keeps working. */
export class PunctuationSchedule implements Cancellable {
  cancelled = false
  constructor(
    readonly nodeName: string,
    /** The next time (ms) at which it is due. */
    public time: number,
    readonly interval: number,
    readonly punctuator: Punctuator,
    /** Tie-breaker: schedules due at the same time fire in the order they were scheduled. */
    public seq: number,
  ) {}

  cancel(): void {
    this.cancelled = true
  }
}

/**
 * Kafka's `PunctuationQueue` (one for stream time, one for wall-clock time): a min-heap of
 * schedules by due time. After a schedule fires at time `now`, its next time is the next
 * multiple of its interval after its previous time that is later than `now`, skipping missed
 * intervals (Kafka's `PunctuationSchedule.next`).
 */
export class PunctuationQueue {
  private heap: PunctuationSchedule[] = []
  private nextSeq = 0

  schedule(nodeName: string, firstTime: number, interval: number, punctuator: Punctuator): PunctuationSchedule {
    const s = new PunctuationSchedule(nodeName, firstTime, interval, punctuator, this.nextSeq++)
    this.push(s)
    return s
  }

  /** Removes and returns the next live schedule due at or before `now`, or null. Drops cancelled ones. */
  pollDue(now: number): PunctuationSchedule | null {
    for (;;) {
      const top = this.heap[0]
      if (top === undefined || top.time > now) return null
      this.pop()
      if (!top.cancelled) return top
    }
  }

  /** Re-queues a schedule that just fired at `now` (unless it was cancelled meanwhile). */
  reschedule(s: PunctuationSchedule, now: number): void {
    if (s.cancelled) return
    let next = s.time + s.interval
    if (now >= next) {
      const missed = Math.floor((now - s.time) / s.interval)
      next = s.time + (missed + 1) * s.interval
    }
    s.time = next
    this.push(s)
  }

  get size(): number {
    return this.heap.length
  }

  clear(): void {
    this.heap = []
  }

  private less(a: PunctuationSchedule, b: PunctuationSchedule): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq)
  }

  private push(s: PunctuationSchedule): void {
    const heap = this.heap
    heap.push(s)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()!
    if (heap.length === 0) return
    heap[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l
      if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r
      if (m === i) break
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
}
