/** A source of wall-clock time (ms). The runtime uses the system clock; the test driver a manual one. */
export interface Clock {
  nowMs(): number
}

export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now()
  }
}

/** A clock that only moves when told to; used by TopologyTestDriver and time-dependent tests. */
export class ManualClock implements Clock {
  private current: number
  constructor(startMs = 0) {
    this.current = startMs
  }
  nowMs(): number {
    return this.current
  }
  advance(ms: number): number {
    if (ms < 0) throw new RangeError(`Cannot move a clock backwards (${ms} ms)`)
    this.current += ms
    return this.current
  }
  set(ms: number): void {
    this.current = ms
  }
}
