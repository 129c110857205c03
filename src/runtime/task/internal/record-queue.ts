import type { Headers } from '../../../../processor-api/headers.js'
import { StreamsError } from '../../../../processor-api/errors.js'
import { Record } from '../../../../processor-api/record.js'
import type { TimestampExtractor } from '../../../../processor-api/topology-options.js'
import { failOnInvalidTimestamp, logAndSkipOnInvalidTimestamp, usePartitionTimeOnInvalidTimestamp } from '../timestamp-extractors.js'
import type { Logger } from '../../../logging/index.js'
import type { RawRecord } from '../raw-record.js'
import type { SourceNode } from './source-node.js'

/**
 * What a timestamp extractor sees (Kafka hands it the deserialized `ConsumerRecord`). Built only
 * for user extractors, or for a built-in one when the record's own timestamp is invalid: the
 * built-in extractors return a valid record timestamp unchanged, so the queue skips the call.
 */
class ConsumedRecord {
  constructor(
    readonly key: unknown,
    readonly value: unknown,
    /** The record's own timestamp, as consumed. */
    readonly timestamp: number,
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
    readonly headers: Headers | null,
  ) {}
}

const BUILT_IN_EXTRACTORS: ReadonlySet<TimestampExtractor> = new Set([
  failOnInvalidTimestamp,
  logAndSkipOnInvalidTimestamp,
  usePartitionTimeOnInvalidTimestamp,
])

/**
 * Decides what to do with a record the source cannot deserialize: return true to skip it, or
 * throw to fail the task.
 */
export type DeserializationFailure = (queue: RecordQueue, raw: RawRecord, error: unknown) => true
/** Wraps an error thrown by a user timestamp extractor. */
export type ExtractorFailure = (queue: RecordQueue, error: unknown) => unknown

/** Drop consumed batch references once this many have piled up in front. */
const COMPACT_AT = 64

/**
 * Kafka's `RecordQueue`: the raw records of one input partition in offset order, with the head
 * deserialized and stamped eagerly (as the `Record` the source forwards, its timestamp the
 * extracted one) so the task can choose the partition with the lowest head timestamp. Tracks
 * the partition time (largest timestamp polled) and the last offset removed (processed or
 * skipped), which is what the task commits.
 */
export class RecordQueue {
  /** The added batches, kept as given (no per-record copy); records before `pos` of `batches[at]` are taken. */
  private batches: Array<readonly RawRecord[]> = []
  private at = 0
  private pos = 0
  /** Raw records not yet taken. */
  private queued = 0
  /** The next record, deserialized, with the extracted timestamp; null when the queue is empty. */
  head: Record<unknown, unknown> | null = null
  /** Offset of `head`. */
  private headOffset = -1
  /** Largest extracted timestamp polled from this partition; -1 before any. */
  partitionTime = -1
  /** Offset up to which every record is done (processed or skipped); -1 before any. */
  consumedOffset = -1
  /** Offset of the record handed out by `poll` and not yet marked processed; -1: none. */
  inFlight = -1
  /** Largest offset skipped while a polled record was in flight. */
  private skippedBeyond = -1
  /** Kafka's fetched lag: -1 unknown, 0 caught up, > 0 records known to be on the broker. */
  lag = -1
  /** Wall-clock deadline for waiting on this empty partition (`max.task.idle.ms`), or -1. */
  idleDeadline = -1
  /** The source uses a built-in extractor: a valid record timestamp is the extracted one. */
  private readonly builtInExtractor: boolean

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly source: SourceNode,
    private readonly onDeserializationFailure: DeserializationFailure,
    private readonly onExtractorFailure: ExtractorFailure,
    private readonly logger: Logger,
  ) {
    this.builtInExtractor = BUILT_IN_EXTRACTORS.has(source.timestampExtractor)
  }

  /** Appends records (in offset order), keeping the array itself: it must not change afterwards. Returns the queue size. */
  addRawRecords(records: readonly RawRecord[]): number {
    if (records.length === 0) return this.size()
    this.batches.push(records)
    this.queued += records.length
    if (this.head === null) this.updateHead()
    return this.size()
  }

  /** Removes and returns the head (its offset is then `inFlight`); advances partition time; deserializes the next head. */
  poll(): Record<unknown, unknown> {
    const record = this.head!
    this.head = null
    if (record.timestamp > this.partitionTime) this.partitionTime = record.timestamp
    this.inFlight = this.headOffset
    this.skippedBeyond = -1
    this.updateHead()
    return record
  }

  /** The record last polled was processed: its offset (and records skipped after it) are done. */
  markProcessed(): void {
    if (this.inFlight < 0) return
    this.consumedOffset = this.skippedBeyond > this.inFlight ? this.skippedBeyond : this.inFlight
    this.inFlight = -1
    this.skippedBeyond = -1
  }

  size(): number {
    return this.queued + (this.head === null ? 0 : 1)
  }

  isEmpty(): boolean {
    return this.head === null && this.queued === 0
  }

  /** The head's extracted timestamp, or -1 when empty. */
  headTimestamp(): number {
    return this.head === null ? -1 : this.head.timestamp
  }

  clear(): void {
    this.batches = []
    this.at = 0
    this.pos = 0
    this.queued = 0
    this.head = null
    this.partitionTime = -1
  }

  private skipped(offset: number): void {
    if (this.inFlight >= 0) this.skippedBeyond = offset
    else this.consumedOffset = offset
  }

  private takeRaw(): RawRecord {
    const batch = this.batches[this.at]!
    const raw = batch[this.pos]!
    this.queued--
    if (++this.pos === batch.length) {
      this.pos = 0
      if (++this.at === this.batches.length) {
        this.batches.length = 0
        this.at = 0
      } else if (this.at >= COMPACT_AT) {
        this.batches = this.batches.slice(this.at)
        this.at = 0
      }
    }
    return raw
  }

  private updateHead(): void {
    const source = this.source
    const extractor = source.timestampExtractor
    const builtIn = this.builtInExtractor
    while (this.head === null && this.queued > 0) {
      const raw = this.takeRaw()
      let key: unknown
      let value: unknown
      const headers = raw.headers
      try {
        key = source.keyDeserializer.deserialize(this.topic, raw.key, headers ?? undefined)
        value = source.valueDeserializer.deserialize(this.topic, raw.value, headers ?? undefined)
      } catch (err) {
        this.onDeserializationFailure(this, raw, err)
        this.skipped(raw.offset)
        continue
      }
      let ts = raw.timestamp
      if (!builtIn || !(ts >= 0)) {
        try {
          ts = extractor(new ConsumedRecord(key, value, raw.timestamp, this.topic, this.partition, raw.offset, headers), this.partitionTime)
        } catch (err) {
          throw err instanceof StreamsError ? err : this.onExtractorFailure(this, err)
        }
      }
      if (!(ts >= 0 && ts < Infinity)) {
        this.logger.warn(
          { topic: this.topic, partition: this.partition, offset: raw.offset, extractedTimestamp: ts },
          'Skipping record due to negative extracted timestamp',
        )
        this.skipped(raw.offset)
        continue
      }
      this.head = new Record(key, value, ts, headers ?? undefined)
      this.headOffset = raw.offset
    }
  }
}
