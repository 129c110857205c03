import type { Headers } from '../../../processor-api/headers.js'

/**
 * A consumed record before deserialization, as a task's partition queue holds it: key and value
 * bytes, the record's own timestamp (ms), its offset in the partition, and headers (null: none).
 * The engine never mutates it.
 */
export interface RawRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly timestamp: number
  readonly offset: number
  readonly headers: Headers | null
}

/** A topic and a partition number. */
export interface TopicPartition {
  readonly topic: string
  readonly partition: number
}
