import type { CollectedRecord, RecordCollector } from '../../runtime/task/record-collector.js'

/** A record the driver captured, with the partition and offset its in-memory log assigned. */
export interface CapturedRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly record: CollectedRecord
}

/**
 * The driver's RecordCollector: an in-memory log per topic-partition (offsets from 0), every
 * topic having one partition as in Kafka's driver. Newly sent records wait in `fresh` until the
 * driver captures them into the output topics (and feeds internal/source topics back in).
 */
export class DriverCollector implements RecordCollector {
  /** Every topic has one partition, but a partitioner's other choices pass unchecked, as in Kafka's driver. */
  readonly acceptsAnyPartition = true
  private fresh: CapturedRecord[] = []
  private readonly next = new Map<string, number>()

  send(record: CollectedRecord): void {
    const partition = record.partition ?? 0
    const key = `${record.topic}\u0000${partition}`
    const offset = this.next.get(key) ?? 0
    this.next.set(key, offset + 1)
    this.fresh.push({ topic: record.topic, partition, offset, record })
  }

  partitionsFor(): number {
    return 1
  }

  lastOffset(topic: string, partition: number): number | null {
    const n = this.next.get(`${topic}\u0000${partition}`)
    return n === undefined ? null : n - 1
  }

  hasFresh(): boolean {
    return this.fresh.length > 0
  }

  /** Records sent since the last call, in send order. */
  takeFresh(): CapturedRecord[] {
    const out = this.fresh
    this.fresh = []
    return out
  }
}
