import type { Logger } from '../../../logging/index.js'
import type { Record } from '../../../../processor-api/record.js'
import type { RecordQueue } from './record-queue.js'

/**
 * Kafka's `PartitionGroup`: the partition queues of one task. Hands out the queued record with
 * the lowest timestamp across partitions, keeps the task's stream time (the largest timestamp
 * processed), and decides readiness under `max.task.idle.ms`.
 */
export class PartitionGroup {
  /** The task's stream time: largest timestamp handed out so far, or -1. */
  streamTime = -1
  /** The queue the last `nextRecord` came from. */
  lastQueue: RecordQueue | null = null
  private readonly byKey = new Map<string, RecordQueue>()

  constructor(
    readonly queues: RecordQueue[],
    private readonly maxTaskIdleMs: number,
    private readonly logger: Logger,
  ) {
    for (const q of queues) this.byKey.set(keyOf(q.topic, q.partition), q)
  }

  /** Adds the queue of a new input partition. */
  addQueue(queue: RecordQueue): void {
    this.queues.push(queue)
    this.byKey.set(keyOf(queue.topic, queue.partition), queue)
  }

  queue(topic: string, partition: number): RecordQueue | undefined {
    return this.byKey.get(keyOf(topic, partition))
  }

  numBuffered(): number {
    let n = 0
    for (const q of this.queues) n += q.size()
    return n
  }

  hasBuffered(): boolean {
    for (const q of this.queues) if (!q.isEmpty()) return true
    return false
  }

  /** Kafka's `readyToProcess`: may the task process now, given empty partitions and their lags? */
  readyToProcess(nowMs: number): boolean {
    const queues = this.queues
    if (this.maxTaskIdleMs < 0) return this.hasBuffered()
    if (queues.length === 1 && queues[0]!.head !== null) {
      // The common single-partition task with a record queued: ready, nothing waits.
      queues[0]!.idleDeadline = -1
      return true
    }
    let queued = false
    let enforced = false
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i]!
      if (!q.isEmpty()) {
        q.idleDeadline = -1
        queued = true
      } else if (q.lag !== 0) {
        // Unknown lag (-1) or data known to be on the broker: wait for it to be fetched.
        q.idleDeadline = -1
        return false
      } else {
        if (q.idleDeadline < 0) q.idleDeadline = nowMs + this.maxTaskIdleMs
        if (nowMs < q.idleDeadline) return false
        enforced = true
      }
    }
    if (!enforced) return true
    if (!queued) return false
    if (this.logger.isLevelEnabled('debug')) {
      this.logger.debug({ maxTaskIdleMs: this.maxTaskIdleMs }, 'Processing although some partitions are empty; records may be processed out of order')
    }
    return true
  }

  /**
   * The head record with the lowest timestamp (first queue wins ties), or null when all are
   * empty. Its queue is then `lastQueue` (whose `inFlight` is the record's offset).
   */
  nextRecord(): Record<unknown, unknown> | null {
    const queues = this.queues
    let best: RecordQueue | null = null
    let bestTs = 0
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i]!
      const head = q.head
      if (head === null) continue
      if (best === null || head.timestamp < bestTs) {
        best = q
        bestTs = head.timestamp
      }
    }
    this.lastQueue = best
    if (best === null) return null
    const record = best.poll()
    if (record.timestamp > this.streamTime) this.streamTime = record.timestamp
    return record
  }

  /** Restores a partition's time (from committed metadata); stream time follows if larger. */
  setPartitionTime(topic: string, partition: number, time: number): void {
    const q = this.queue(topic, partition)
    if (q === undefined) throw new RangeError(`Partition ${topic}-${partition} not found`)
    q.partitionTime = time
    if (time > this.streamTime) this.streamTime = time
  }
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}
