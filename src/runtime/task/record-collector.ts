import type { Headers } from '../../../processor-api/headers.js'

/**
 * One serialized record a task produces: sink output, repartition records and changelog
 * records alike. `partition` null lets the collector choose (Kafka's default partitioner on the
 * serialized key). The collector may keep the object; the engine never mutates it afterwards.
 */
export interface CollectedRecord {
  readonly topic: string
  readonly partition: number | null
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly timestamp: number
  readonly headers: Headers
}

/**
 * The port through which the engine hands produced records to whoever sends them: the
 * TopologyTestDriver captures them in memory; the runtime sends them with its producer (inside
 * the transaction under exactly-once). Everything here is called synchronously on the
 * processing path, so `send` must only buffer.
 */
export interface RecordCollector {
  /** Buffers one record. Must not block or await. */
  send(record: CollectedRecord): void
  /**
   * The number of partitions of `topic`, or null when unknown. Asked only when a sink has a
   * `StreamPartitioner`, which needs the count.
   */
  partitionsFor(topic: string): number | null
  /**
   * True when a partitioner may pick any partition number >= 0, even past `partitionsFor` (the
   * test driver, as Kafka's driver whose mock producer does not check); otherwise such a choice
   * fails at the sink with a `RecordProductionError`.
   */
  readonly acceptsAnyPartition?: boolean
  /**
   * The offset of the last record of `topic`/`partition` the broker acknowledged (or the
   * driver's in-memory log assigned), or null when none was written. Read after a commit to
   * compute changelog checkpoints (the next offset = this + 1).
   */
  lastOffset(topic: string, partition: number): number | null
}
