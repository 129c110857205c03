import type { CollectedRecord, RecordCollector } from '../../../../src/runtime/task/record-collector.js'

/** A RecordCollector for tests: keeps every record and assigns offsets per topic-partition like a log. */
export class MemoryCollector implements RecordCollector {
  readonly records: (CollectedRecord & { offset: number; assignedPartition: number })[] = []
  private readonly next = new Map<string, number>()
  constructor(private readonly partitions: (topic: string) => number | null = () => 1) {}

  send(record: CollectedRecord): void {
    const partition = record.partition ?? 0
    const key = `${record.topic}:${partition}`
    const offset = this.next.get(key) ?? 0
    this.next.set(key, offset + 1)
    this.records.push({ ...record, offset, assignedPartition: partition })
  }

  /** Simulates a log that already holds records: the next record of topic-partition gets `offset`. */
  setNextOffset(topic: string, partition: number, offset: number): void {
    this.next.set(`${topic}:${partition}`, offset)
  }

  partitionsFor(topic: string): number | null {
    return this.partitions(topic)
  }

  lastOffset(topic: string, partition: number): number | null {
    const n = this.next.get(`${topic}:${partition}`)
    return n === undefined ? null : n - 1
  }

  /** Records sent to `topic`, decoded as UTF-8 strings. */
  strings(topic: string): { key: string | null; value: string | null; timestamp: number }[] {
    return this.records
      .filter((r) => r.topic === topic)
      .map((r) => ({ key: r.key?.toString('utf8') ?? null, value: r.value?.toString('utf8') ?? null, timestamp: r.timestamp }))
  }
}
