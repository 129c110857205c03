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
  /**
   * Estimated bytes of records buffered or unacknowledged above which `awaitCapacity` waits
   * (Kafka's producer `buffer.memory`, 32 MiB by default, past which `send()` blocks).
   */
  readonly maxPendingBytes: number
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
 * Memory is bounded as by Kafka's `buffer.memory`: past `maxPendingBytes` of records buffered or
 * unacknowledged, the stream thread waits in `awaitCapacity` before processing more.
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
  /** Estimated bytes of the records buffered or in flight. */
  private pendingBytes = 0
  private bufferBytes = 0

  constructor(private readonly options: StreamRecordCollectorOptions) {}

  send(record: CollectedRecord): void {
    this.buffer.push(record)
    const bytes = estimatedBytes(record)
    this.bufferBytes += bytes
    this.pendingBytes += bytes
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

  /** Estimated bytes of the records buffered or in flight. */
  get pendingSize(): number {
    return this.pendingBytes
  }

  /**
   * Waits while more than `maxPendingBytes` are buffered or unacknowledged (sending what is
   * buffered), as Kafka's producer blocks in `send()` when `buffer.memory` is full. Never throws:
   * a failed send is reported by `flush`.
   */
  async awaitCapacity(): Promise<void> {
    if (this.pendingBytes <= this.options.maxPendingBytes) return
    this.kick()
    while (this.pendingBytes > this.options.maxPendingBytes && this.sending > 0) await this.chain.catch(() => {})
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
    this.pendingBytes -= this.bufferBytes
    this.bufferBytes = 0
    while (this.sending > 0) await this.chain.catch(() => {})
    this.failure = null
  }

  private kick(): void {
    if (this.buffer.length === 0) return
    const batch = this.buffer
    const bytes = this.bufferBytes
    this.buffer = []
    this.bufferBytes = 0
    this.inFlight += batch.length
    this.sending++
    this.chain = this.chain.then(() => this.sendBatch(batch, bytes))
  }

  private async sendBatch(batch: CollectedRecord[], bytes: number): Promise<void> {
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
      this.pendingBytes -= bytes
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

/**
 * What a record holds on to until it is acknowledged: its bytes plus the objects around them
 * (the collected record, its key and value Buffer objects and Headers, the producer record, the
 * client's message). Heap snapshots of B8 measured ~800 bytes of heap per queued record with a
 * 10-byte key and a 100-byte value: ~700 beyond the bytes. Counting it keeps `buffer.memory` a
 * bound on the heap really used, as Kafka's is on the memory its producer really holds.
 */
function estimatedBytes(r: CollectedRecord): number {
  return 700 + (r.key === null ? 0 : r.key.length) + (r.value === null ? 0 : r.value.length)
}

/** Kafka's producer `buffer.memory` default. */
export const DEFAULT_PRODUCER_BUFFER_BYTES = 32 * 1024 * 1024

/** `buffer.memory` from application configs (`producer.buffer.memory` or `buffer.memory`, as Kafka Streams reads producer settings), else Kafka's default. */
export function producerBufferBytesOf(appConfigs: { readonly [key: string]: unknown } | undefined): number {
  for (const key of ['producer.buffer.memory', 'buffer.memory']) {
    const v = appConfigs?.[key]
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
    if (Number.isFinite(n) && n > 0) return n
  }
  return DEFAULT_PRODUCER_BUFFER_BYTES
}
