import type { ConsumedBatch, TopicPartition } from '../../../runtime/ports.js'

/**
 * The partitions the runtime paused, for the group consumer adapter. Their fetched batches are
 * held (not handed out) until they are resumed; kafkajs is asked to stop fetching a partition
 * only once it holds `bound` records. Pausing kafkajs at once would make it drop the batches of
 * the partition it already fetched and decoded and, with every partition paused, idle its fetch
 * loop for the whole fetch wait, while the runtime pauses full partitions many times a second.
 */
export class PausedPartitions {
  private readonly paused = new Set<string>()
  private readonly held = new Map<string, { batches: ConsumedBatch[]; records: number }>()
  private readonly fetchPaused = new Set<string>()

  constructor(
    private readonly bound: number,
    private readonly fetching: { pause(p: readonly TopicPartition[]): void; resume(p: readonly TopicPartition[]): void },
  ) {}

  isPaused(topic: string, partition: number): boolean {
    return this.paused.size > 0 && this.paused.has(tpKey(topic, partition))
  }

  /** Marks the partition paused; false when it already was. */
  pause(p: TopicPartition): boolean {
    const k = tpKey(p.topic, p.partition)
    if (this.paused.has(k)) return false
    this.paused.add(k)
    return true
  }

  /** Keeps a batch of a paused partition (in fetch order); at `bound` held records, kafkajs stops fetching it. */
  hold(batch: ConsumedBatch): void {
    const k = tpKey(batch.topic, batch.partition)
    let held = this.held.get(k)
    if (held === undefined) {
      held = { batches: [], records: 0 }
      this.held.set(k, held)
    }
    held.batches.push(batch)
    held.records += batch.records.length
    if (held.records >= this.bound && !this.fetchPaused.has(k)) {
      this.fetchPaused.add(k)
      this.fetching.pause([{ topic: batch.topic, partition: batch.partition }])
    }
  }

  /** Unpauses `partitions`; returns their held batches in order and lets kafkajs fetch them again. */
  resume(partitions: readonly TopicPartition[]): ConsumedBatch[] {
    const released: ConsumedBatch[] = []
    const fetch: TopicPartition[] = []
    for (const p of partitions) {
      const k = tpKey(p.topic, p.partition)
      if (!this.paused.delete(k)) continue
      const held = this.held.get(k)
      if (held !== undefined) {
        this.held.delete(k)
        for (const b of held.batches) released.push(b)
      }
      if (this.fetchPaused.delete(k)) fetch.push(p)
    }
    if (fetch.length > 0) this.fetching.resume(fetch)
    return released
  }

  /** Drops the held batches of one partition (a seek), or of every partition (a new generation). */
  dropHeld(partition?: TopicPartition): void {
    if (partition === undefined) this.held.clear()
    else this.held.delete(tpKey(partition.topic, partition.partition))
  }

  /** Partitions that left the assignment are no longer paused: if they come back, records flow unless paused again. */
  forgetOutside(assigned: readonly TopicPartition[]): void {
    if (this.paused.size === 0) return
    const keep = new Set(assigned.map((p) => tpKey(p.topic, p.partition)))
    const unpause: TopicPartition[] = []
    for (const k of [...this.paused]) {
      if (keep.has(k)) continue
      this.paused.delete(k)
      this.held.delete(k)
      if (this.fetchPaused.delete(k)) {
        const at = k.lastIndexOf('\u0000')
        unpause.push({ topic: k.slice(0, at), partition: Number(k.slice(at + 1)) })
      }
    }
    if (unpause.length > 0) this.fetching.resume(unpause)
  }
}

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}
