/**
 * What a partition remembers about one producer id (Kafka's `ProducerStateEntry`): its epoch, the
 * metadata of its last few batches (for sequence checks and duplicate detection), the coordinator
 * epoch of its last marker and the first offset of its open transaction on the partition.
 */

/** Batches whose metadata is kept per producer (Kafka's `NUM_BATCHES_TO_RETAIN`). */
export const NUM_BATCHES_TO_RETAIN = 5

/** "No epoch yet" (Kafka's `RecordBatch.NO_PRODUCER_EPOCH`). */
export const NO_PRODUCER_EPOCH = -1

const INT32_MAX = 0x7fffffff

/** The sequence after `baseSequence` advanced by `delta`, wrapping from int32 max to 0 (Kafka's `incrementSequence`). */
export function incrementSequence(baseSequence: number, delta: number): number {
  return baseSequence > INT32_MAX - delta ? delta - (INT32_MAX - baseSequence) - 1 : baseSequence + delta
}

/** Whether `next` directly follows `last` (Kafka's `inSequence`). */
export function inSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === INT32_MAX)
}

/** One retained batch, as a snapshot stores it. */
export interface BatchMetadata {
  readonly firstSeq: number
  readonly lastSeq: number
  readonly firstOffset: bigint
  readonly lastOffset: bigint
  /** The LogAppendTime stamped into the batch, or -1 (CreateTime). */
  readonly appendTime: number
}

/**
 * The state of one producer id on one partition. Batch metadata lives in a small ring of typed
 * arrays, so recording a batch allocates nothing.
 */
export class ProducerStateEntry {
  readonly producerId: bigint
  epoch = NO_PRODUCER_EPOCH
  coordinatorEpoch = -1
  /** First offset of the producer's open transaction on this partition, or -1n. */
  currentTxnFirstOffset = -1n
  /** Wall-clock ms of the last write (producer id expiration). */
  lastWriteMs = 0
  private readonly firstSeqs = new Int32Array(NUM_BATCHES_TO_RETAIN)
  private readonly lastSeqs = new Int32Array(NUM_BATCHES_TO_RETAIN)
  private readonly firstOffsets = new BigInt64Array(NUM_BATCHES_TO_RETAIN)
  private readonly lastOffsets = new BigInt64Array(NUM_BATCHES_TO_RETAIN)
  private readonly appendTimes = new Float64Array(NUM_BATCHES_TO_RETAIN)
  /** Index of the newest batch in the ring. */
  private head = -1
  private count = 0

  constructor(producerId: bigint) {
    this.producerId = producerId
  }

  /** Whether no batch of the current epoch is retained. */
  get isEmpty(): boolean {
    return this.count === 0
  }

  /** Last sequence of the newest retained batch, or -1. */
  get lastSeq(): number {
    return this.count === 0 ? -1 : (this.lastSeqs[this.head] as number)
  }

  /** Last offset of the newest retained batch, or -1n. */
  get lastDataOffset(): bigint {
    return this.count === 0 ? -1n : (this.lastOffsets[this.head] as bigint)
  }

  /** Moves to `epoch` when it differs, forgetting the batches of the previous epoch. */
  maybeUpdateEpoch(epoch: number): void {
    if (epoch === this.epoch) return
    this.epoch = epoch
    this.count = 0
    this.head = -1
  }

  /** Records a batch (dropping the oldest beyond the retained five). */
  addBatch(epoch: number, firstSeq: number, lastSeq: number, firstOffset: bigint, lastOffset: bigint, appendTime: number): void {
    this.maybeUpdateEpoch(epoch)
    this.head = (this.head + 1) % NUM_BATCHES_TO_RETAIN
    this.firstSeqs[this.head] = firstSeq
    this.lastSeqs[this.head] = lastSeq
    this.firstOffsets[this.head] = firstOffset
    this.lastOffsets[this.head] = lastOffset
    this.appendTimes[this.head] = appendTime
    if (this.count < NUM_BATCHES_TO_RETAIN) this.count++
  }

  /**
   * The ring index of a retained batch of `epoch` with exactly these sequences (a retried batch),
   * or -1 (Kafka's `findDuplicateBatch`).
   */
  findDuplicate(epoch: number, firstSeq: number, lastSeq: number): number {
    if (epoch !== this.epoch) return -1
    for (let i = 0, at = this.head; i < this.count; i++, at = (at + NUM_BATCHES_TO_RETAIN - 1) % NUM_BATCHES_TO_RETAIN) {
      if (this.firstSeqs[at] === firstSeq && this.lastSeqs[at] === lastSeq) return at
    }
    return -1
  }

  /** First offset of the retained batch at ring index `at` (from `findDuplicate`). */
  firstOffsetAt(at: number): bigint {
    return this.firstOffsets[at] as bigint
  }

  /** LogAppendTime of the retained batch at ring index `at`, or -1. */
  appendTimeAt(at: number): number {
    return this.appendTimes[at] as number
  }

  /** The retained batches, oldest first (snapshots). */
  batches(): BatchMetadata[] {
    const out: BatchMetadata[] = []
    for (let i = this.count - 1; i >= 0; i--) {
      const at = (this.head - i + NUM_BATCHES_TO_RETAIN) % NUM_BATCHES_TO_RETAIN
      out.push({
        firstSeq: this.firstSeqs[at] as number,
        lastSeq: this.lastSeqs[at] as number,
        firstOffset: this.firstOffsets[at] as bigint,
        lastOffset: this.lastOffsets[at] as bigint,
        appendTime: this.appendTimes[at] as number,
      })
    }
    return out
  }
}
