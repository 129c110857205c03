/**
 * Stream time, the oldest buffered non-joined record, and the next wall-clock time to look for
 * expired ones, shared by the two sides of one outer stream-stream join in one task (Kafka's
 * `KStreamImplJoin.TimeTracker`).
 */
export class JoinTimeTracker {
  emitIntervalMs = 1000
  streamTime = -1
  minTime = Number.MAX_SAFE_INTEGER
  nextTimeToEmit = 0

  advanceStreamTime(recordTimestamp: number): void {
    this.streamTime = Math.max(recordTimestamp, this.streamTime)
  }

  updatedMinTime(recordTimestamp: number): void {
    this.minTime = Math.min(recordTimestamp, this.minTime)
  }

  advanceNextTimeToEmit(): void {
    this.nextTimeToEmit += this.emitIntervalMs
  }
}

/** One tracker per task, shared by both join sides (Kafka's `TimeTrackerSupplier`). */
export class JoinTimeTrackerSupplier {
  private readonly trackers = new Map<string, JoinTimeTracker>()

  get(taskId: string): JoinTimeTracker {
    let t = this.trackers.get(taskId)
    if (t === undefined) {
      t = new JoinTimeTracker()
      this.trackers.set(taskId, t)
    }
    return t
  }

  remove(taskId: string): void {
    this.trackers.delete(taskId)
  }
}
