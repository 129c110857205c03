import type { Logger } from '../../logging/index.js'
import type { ProducerPort, ProducerRecord } from '../ports.js'
import type { CollectedRecord, RecordCollector } from '../task/record-collector.js'
import { defaultPartition } from './murmur2.js'

/** What to do when the broker rejects a batch: fail the thread, or log and drop the records. */
export type SendErrorDecision = 'fail' | 'continue'

/** Options of the runtime's record collector. */
export interface StreamRecordCollectorOptions {
  /** The current producer (it may be replaced after an aborted transaction). */
  readonly producer: () => ProducerPort
  /** Known partition counts (internal topics and existing sinks); more are added with `setPartitionCount`. */
  readonly partitionCounts: Map<string, number>
  /** Records buffered before a background send starts. */
  readonly batchSize: number
  /** Runs before each send (exactly-once: opens the transaction when none is open). */
  readonly beforeSend: () => Promise<void>
  /** Decides about a failed send (the production exception handler). */
  readonly onSendError: (error: unknown, records: readonly ProducerRecord[]) => SendErrorDecision
  readonly logger: Logger
}

/**
 * The runtime's `RecordCollector` (Kafka's `RecordCollectorImpl`): buffers what sinks and
 * change-logging stores emit and sends in the background, one send in flight at a time (so
 * per-partition order is kept). Like Kafka's producer with a small linger, output leaves
 * promptly: `sendBuffered()` (after each processing round) starts a send when none is in flight,
 * records that arrive during a send go out as soon as it completes, and a send starts anyway once
 * `batchSize` records are buffered. `flush()` sends the rest and waits for every acknowledgement. Records without a partition get Kafka's default
 * partitioner (murmur2 of the serialized key; round-robin for null keys) when the topic's count
 * is known. The last acknowledged offset per partition feeds changelog checkpoints.
 */
export class StreamRecordCollector implements RecordCollector {
  private buffer: CollectedRecord[] = []
  private chain: Promise<void> = Promise.resolve()
  private failure: { error: unknown } | null = null
  private readonly acked = new Map<string, number>()
  private readonly roundRobin = new Map<string, number>()
  private inFlight = 0
  /** Sends queued or in flight (the chain's length). */
  private sending = 0

  constructor(private readonly options: StreamRecordCollectorOptions) {}

  send(record: CollectedRecord): void {
    this.buffer.push(record)
    if (this.buffer.length >= this.options.batchSize) this.kick()
  }

  partitionsFor(topic: string): number | null {
    return this.options.partitionCounts.get(topic) ?? null
  }

  lastOffset(topic: string, partition: number): number | null {
    return this.acked.get(`${topic}\u0000${partition}`) ?? null
  }

  /** Records the partition count of a topic (e.g. after looking up a sink created since start). */
  setPartitionCount(topic: string, count: number): void {
    this.options.partitionCounts.set(topic, count)
  }

  /** Records buffered or in flight. */
  get pendingRecords(): number {
    return this.buffer.length + this.inFlight
  }

  /**
   * Starts sending what is buffered unless a send is already queued or in flight (records
   * buffered meanwhile follow when it completes). Called after each processing round, so output
   * is not held until a batch fills up or the next commit.
   */
  sendBuffered(): void {
    if (this.sending === 0) this.kick()
  }

  /**
   * Sends everything buffered and waits for all acknowledgements.
   * @throws the first send failure the production exception handler did not skip.
   */
  async flush(): Promise<void> {
    this.kick()
    // A send completing may start the next one (records buffered meanwhile): wait for the last.
    while (this.sending > 0) await this.chain
    if (this.failure !== null) {
      const { error } = this.failure
      this.failure = null
      throw error
    }
  }

  /** Drops what is buffered and forgets failures, after in-flight sends settle (exactly-once abort). */
  async abandon(): Promise<void> {
    this.buffer = []
    while (this.sending > 0) await this.chain.catch(() => {})
    this.failure = null
  }

  private kick(): void {
    if (this.buffer.length === 0) return
    const batch = this.buffer
    this.buffer = []
    this.inFlight += batch.length
    this.sending++
    this.chain = this.chain.then(() => this.sendBatch(batch))
  }

  private async sendBatch(batch: CollectedRecord[]): Promise<void> {
    try {
      if (this.failure !== null) return
      const records = batch.map((r) => this.toProducerRecord(r))
      try {
        await this.options.beforeSend()
        const acks = await this.options.producer().send(records)
        for (const a of acks) {
          if (a.lastOffset === null) continue
          const k = `${a.topic}\u0000${a.partition}`
          const prev = this.acked.get(k)
          if (prev === undefined || a.lastOffset > prev) this.acked.set(k, a.lastOffset)
        }
      } catch (err) {
        if (this.options.onSendError(err, records) === 'fail') this.failure = { error: err }
        else this.options.logger.warn({ err, records: records.length }, 'Dropping records the broker rejected (production exception handler: continue)')
      }
    } finally {
      this.inFlight -= batch.length
      // What was buffered during this send leaves now, as Kafka's sender does.
      if (--this.sending === 0 && this.failure === null) this.kick()
    }
  }

  private toProducerRecord(r: CollectedRecord): ProducerRecord {
    // The engine never mutates a collected record, so one whose partition is set is sent as is.
    if (r.partition !== null) return r
    let partition: number | null = null
    const n = this.options.partitionCounts.get(r.topic)
    if (n !== undefined && n > 0) {
      if (r.key !== null) partition = defaultPartition(r.key, n)
      else {
        const next = this.roundRobin.get(r.topic) ?? 0
        this.roundRobin.set(r.topic, next + 1)
        partition = next % n
      }
    }
    return { topic: r.topic, partition, key: r.key, value: r.value, timestamp: r.timestamp, headers: r.headers }
  }
}
