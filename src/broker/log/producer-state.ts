import type { Logger } from '../../logging/index.js'
import { ErrorCode } from '../protocol/error-codes.js'
import {
  ATTR_CONTROL,
  ATTR_TRANSACTIONAL,
  ATTRIBUTES,
  BASE_SEQUENCE,
  BATCH_LENGTH,
  HEADER_SIZE,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  PRODUCER_EPOCH,
  PRODUCER_ID,
} from './internal/batch-header.js'
import { incrementSequence, inSequence, NO_PRODUCER_EPOCH, ProducerStateEntry } from './producer-state-entry.js'
import { deleteProducerSnapshot, readProducerSnapshot, writeProducerSnapshot } from './producer-state-snapshot.js'
import { type AbortedTransactionRef, type AbortedTxn, TransactionIndex } from './transaction-index.js'

/** What the producer state needs from its log to rebuild itself. */
export interface ProducerStateSource {
  readonly logStartOffset: bigint
  readonly logEndOffset: bigint
  forEachBatch(fromOffset: bigint, visit: (batch: Buffer, baseOffset: bigint, lastOffset: bigint) => boolean | void): void
}

/** How to create a partition's producer state. */
export interface ProducerStateOptions {
  readonly topic: string
  readonly partition: number
  /** The partition directory (snapshot and `transaction.index`); undefined in memory mode. */
  readonly dir: string | undefined
  readonly logger: Logger
}

/**
 * The outcome of checking a produced record set against the producer state (one reused object,
 * valid until the next check). `errorCode` 0 and `duplicateOffset` -1n mean "append it".
 */
export class ProduceCheck {
  /** A Kafka error code; 0 when the append may go ahead. */
  errorCode = 0
  /** Why, when `errorCode` is not 0. */
  message = ''
  /** ≥ 0n: the record set retries a batch already stored at this base offset (answer success, append nothing). */
  duplicateOffset = -1n
  /** The stored batch's LogAppendTime (-1n for CreateTime), when `duplicateOffset` is set. */
  duplicateAppendTime = -1n
  /** ≥ 0n: this append opens a transaction of this producer id on the partition (the coordinator must know it). */
  opensTransactionFor = -1n
  /** The epoch of the batch that opens the transaction. */
  opensTransactionEpoch = -1

  reset(): this {
    this.errorCode = 0
    this.message = ''
    this.duplicateOffset = -1n
    this.duplicateAppendTime = -1n
    this.opensTransactionFor = -1n
    this.opensTransactionEpoch = -1
    return this
  }
}

const CONTROL_ABORT = 0
const CONTROL_COMMIT = 1

/**
 * The producer state of one partition (Kafka's `ProducerStateManager` + `ProducerAppendInfo`):
 * per producer id its epoch and last five batches (sequence checks, duplicate detection), the
 * open transactions and their first offsets (the last stable offset), and the aborted
 * transaction index. Rebuilt on open by replaying batch headers from the last snapshot (or from
 * the log start when there is none); markers written by the transaction coordinator close
 * transactions. Everything is synchronous; checking and recording a batch allocate nothing.
 */
export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerStateEntry>()
  /** Open transactions: producer id → first offset on this partition. */
  private readonly ongoing = new Map<bigint, bigint>()
  /** Cached min of `ongoing` (-1n: none); undefined: recompute. */
  private unstable: bigint | undefined = -1n
  private index: TransactionIndex = TransactionIndex.inMemory()
  private readonly options: ProducerStateOptions
  private readonly result = new ProduceCheck()
  private snapshotOffset = -1n
  private snapshotsDisabled = false

  constructor(options: ProducerStateOptions) {
    this.options = options
  }

  /**
   * Rebuilds the state from the log: loads the aborted transaction index and the snapshot when
   * both are present and consistent with the log, then replays the batches after the snapshot; a
   * missing index or snapshot means a full replay from the log start (rebuilding the index).
   */
  load(source: ProducerStateSource, nowMs: number): { readonly replayedFrom: bigint; readonly fromSnapshot: boolean } {
    const dir = this.options.dir
    if (dir === undefined) return { replayedFrom: source.logEndOffset, fromSnapshot: false }
    const end = source.logEndOffset
    const existing = TransactionIndex.open(dir, end)
    const snapshot = existing === null ? null : readProducerSnapshot(dir, nowMs)
    let from = source.logStartOffset
    if (existing !== null && snapshot !== null && snapshot.offset <= end) {
      this.index = existing
      for (const entry of snapshot.entries) {
        this.producers.set(entry.producerId, entry)
        if (entry.currentTxnFirstOffset >= 0n) this.ongoing.set(entry.producerId, entry.currentTxnFirstOffset)
      }
      this.unstable = undefined
      this.snapshotOffset = snapshot.offset
      if (snapshot.offset > from) from = snapshot.offset
    } else {
      existing?.close()
      this.index = TransactionIndex.create(dir)
    }
    if (from < end) source.forEachBatch(from, (batch, base, last) => this.apply(batch, 0, base, last, -1, nowMs))
    return { replayedFrom: from, fromSnapshot: snapshot !== null && this.snapshotOffset >= 0n }
  }

  /**
   * Checks a produced record set as Kafka's `analyzeAndValidateProducerState` does, without
   * changing anything: a retry of one of a producer's last five batches is a duplicate; a lower
   * epoch is INVALID_PRODUCER_EPOCH; a sequence gap OUT_OF_ORDER_SEQUENCE_NUMBER (no check for an
   * unknown producer, sequence 0 required for a new epoch); a non-transactional batch from a
   * producer with an open transaction INVALID_TXN_STATE. Batches with producer id -1 are not
   * checked. Malformed bytes are left for the log's own validation.
   */
  checkAppend(records: Buffer): ProduceCheck {
    const r = this.result.reset()
    let pos = 0
    // Consecutive batches of one producer in one record set are checked against each other.
    let prevPid = -1n
    let prevEpoch = NO_PRODUCER_EPOCH
    let prevLastSeq = -1
    let prevTxnOpen = false
    while (records.length - pos >= HEADER_SIZE) {
      const size = records.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD
      if (size < HEADER_SIZE || size > records.length - pos) break
      const pid = records.readBigInt64BE(pos + PRODUCER_ID)
      const attrs = records.readInt16BE(pos + ATTRIBUTES)
      if (pid < 0n || (attrs & ATTR_CONTROL) !== 0) {
        pos += size
        continue
      }
      const epoch = records.readInt16BE(pos + PRODUCER_EPOCH)
      const firstSeq = records.readInt32BE(pos + BASE_SEQUENCE)
      const lastSeq = incrementSequence(firstSeq, records.readInt32BE(pos + LAST_OFFSET_DELTA))
      const transactional = (attrs & ATTR_TRANSACTIONAL) !== 0
      const entry = this.producers.get(pid)
      if (pid === prevPid) {
        if (epoch < prevEpoch) return this.reject(ErrorCode.INVALID_PRODUCER_EPOCH, `Epoch ${epoch} of producer ${pid} is smaller than ${prevEpoch}`)
        if (epoch === prevEpoch ? !inSequence(prevLastSeq, firstSeq) : firstSeq !== 0) {
          return this.reject(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, `Out of order sequence number ${firstSeq} for producer ${pid}`)
        }
        if (prevTxnOpen && !transactional) return this.reject(ErrorCode.INVALID_TXN_STATE, `Expected transactional write from producer ${pid}`)
      } else if (entry !== undefined) {
        const dup = entry.findDuplicate(epoch, firstSeq, lastSeq)
        if (dup >= 0) {
          r.duplicateOffset = entry.firstOffsetAt(dup)
          r.duplicateAppendTime = BigInt(entry.appendTimeAt(dup))
          return r
        }
        if (epoch < entry.epoch) {
          return this.reject(ErrorCode.INVALID_PRODUCER_EPOCH, `Epoch ${epoch} of producer ${pid} is smaller than the last seen epoch ${entry.epoch}`)
        }
        const sequenceOk =
          epoch !== entry.epoch
            ? firstSeq === 0 || entry.epoch === NO_PRODUCER_EPOCH
            : entry.epoch === NO_PRODUCER_EPOCH || inSequence(entry.lastSeq, firstSeq)
        if (!sequenceOk) {
          return this.reject(
            ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
            `Out of order sequence number for producer ${pid}: ${firstSeq} (incoming), ${entry.lastSeq} (current end) at epoch ${entry.epoch}`,
          )
        }
        if (entry.currentTxnFirstOffset >= 0n && !transactional) {
          return this.reject(ErrorCode.INVALID_TXN_STATE, `Expected transactional write from producer ${pid}`)
        }
        prevTxnOpen = entry.currentTxnFirstOffset >= 0n
      } else {
        prevTxnOpen = false
      }
      if (transactional && !prevTxnOpen && r.opensTransactionFor < 0n) {
        r.opensTransactionFor = pid
        r.opensTransactionEpoch = epoch
      }
      prevTxnOpen ||= transactional
      prevPid = pid
      prevEpoch = epoch
      prevLastSeq = lastSeq
      pos += size
    }
    return r
  }

  /**
   * Records batches just appended (client data and coordinator markers alike). `positions` and
   * `deltas` locate the `count` batches in `buf`; they got offsets from `firstOffset` on.
   */
  onAppend(buf: Buffer, positions: readonly number[], deltas: readonly number[], count: number, firstOffset: bigint, appendTime: bigint, nowMs: number): void {
    let base = firstOffset
    for (let i = 0; i < count; i++) {
      const last = base + BigInt(deltas[i] as number)
      this.apply(buf, positions[i] as number, base, last, Number(appendTime), nowMs)
      base = last + 1n
    }
  }

  /** First offset of the earliest open transaction, or -1n when none is open. */
  get firstUnstableOffset(): bigint {
    if (this.unstable === undefined) {
      let min = -1n
      for (const first of this.ongoing.values()) if (min < 0n || first < min) min = first
      this.unstable = min
    }
    return this.unstable
  }

  /** Aborted transactions a read_committed fetch of `[fetchOffset, upperOffset)` must report, sorted by first offset. */
  abortedTransactions(fetchOffset: bigint, upperOffset: bigint): AbortedTransactionRef[] {
    return this.index.collect(fetchOffset, upperOffset)
  }

  /** The aborted transaction index (compaction, tests). */
  get transactionIndex(): TransactionIndex {
    return this.index
  }

  /** The state of one producer id, if known (tests, diagnostics). */
  producer(producerId: bigint): ProducerStateEntry | undefined {
    return this.producers.get(producerId)
  }

  /** Producer ids with an open transaction, and its first offset. */
  openTransactions(): ReadonlyMap<bigint, bigint> {
    return this.ongoing
  }

  /** Writes a snapshot at `logEndOffset` when the log moved since the last one (maintenance). */
  maybeSnapshot(logEndOffset: bigint): void {
    if (logEndOffset !== this.snapshotOffset && logEndOffset > 0n) this.takeSnapshot(logEndOffset)
  }

  /** Writes a snapshot of every producer at `logEndOffset` (file mode). */
  takeSnapshot(logEndOffset: bigint): void {
    const dir = this.options.dir
    if (dir === undefined || this.snapshotsDisabled) return
    writeProducerSnapshot(dir, { offset: logEndOffset, entries: [...this.producers.values()] })
    this.snapshotOffset = logEndOffset
  }

  /** The log start offset moved to `offset`: aborted transactions wholly below it are forgotten. */
  onLogStartOffset(offset: bigint): void {
    try {
      this.index.pruneBelow(offset)
    } catch (err) {
      this.indexFailed(err)
    }
  }

  /** Forgets producers idle for `expirationMs` without an open transaction (Kafka's producer.id.expiration.ms). */
  expireProducers(nowMs: number, expirationMs: number): number {
    let removed = 0
    for (const [pid, entry] of this.producers) {
      if (entry.currentTxnFirstOffset < 0n && nowMs - entry.lastWriteMs > expirationMs) {
        this.producers.delete(pid)
        removed++
      }
    }
    return removed
  }

  /** Takes a final snapshot when the log moved since the last one (file mode) and closes the index. */
  close(logEndOffset: bigint): void {
    try {
      this.maybeSnapshot(logEndOffset)
    } catch (err) {
      this.options.logger.warn({ err }, 'Could not write the producer state snapshot; the next start replays the log')
    }
    this.index.close()
  }

  private apply(buf: Buffer, at: number, base: bigint, last: bigint, appendTime: number, nowMs: number): void {
    const pid = buf.readBigInt64BE(at + PRODUCER_ID)
    if (pid < 0n) return
    const epoch = buf.readInt16BE(at + PRODUCER_EPOCH)
    const attrs = buf.readInt16BE(at + ATTRIBUTES)
    let entry = this.producers.get(pid)
    if (entry === undefined) {
      entry = new ProducerStateEntry(pid)
      this.producers.set(pid, entry)
    }
    entry.lastWriteMs = nowMs
    if ((attrs & ATTR_CONTROL) !== 0) {
      const type = controlType(buf, at)
      if (type !== CONTROL_ABORT && type !== CONTROL_COMMIT) return
      entry.maybeUpdateEpoch(epoch)
      const first = entry.currentTxnFirstOffset
      if (first < 0n) return
      entry.currentTxnFirstOffset = -1n
      this.ongoing.delete(pid)
      this.unstable = undefined
      if (type === CONTROL_ABORT) {
        const unstable = this.firstUnstableOffset
        this.appendAborted({ producerId: pid, firstOffset: first, lastOffset: base, lastStableOffset: unstable >= 0n ? unstable : base + 1n })
      }
      return
    }
    const firstSeq = buf.readInt32BE(at + BASE_SEQUENCE)
    entry.addBatch(epoch, firstSeq, incrementSequence(firstSeq, buf.readInt32BE(at + LAST_OFFSET_DELTA)), base, last, appendTime)
    if ((attrs & ATTR_TRANSACTIONAL) !== 0 && entry.currentTxnFirstOffset < 0n) {
      entry.currentTxnFirstOffset = base
      this.ongoing.set(pid, base)
      if (this.unstable !== undefined && this.unstable < 0n) this.unstable = base
    }
  }

  private appendAborted(entry: AbortedTxn): void {
    try {
      this.index.append(entry)
    } catch (err) {
      this.indexFailed(err)
    }
  }

  /** An index write failed: keep serving from memory, and make the next start rebuild everything. */
  private indexFailed(err: unknown): void {
    this.options.logger.error({ err, topic: this.options.topic, partition: this.options.partition }, 'Could not write the transaction index; it is rebuilt on the next start')
    this.snapshotsDisabled = true
    if (this.options.dir === undefined) return
    try {
      deleteProducerSnapshot(this.options.dir)
    } catch {
      // without a snapshot or with a stale one, the next open replays the whole log anyway
    }
  }

  private reject(errorCode: number, message: string): ProduceCheck {
    this.result.errorCode = errorCode
    this.result.message = message
    return this.result
  }
}

/**
 * The control type (0 ABORT, 1 COMMIT) of the first record of the control batch at `at`, or -1
 * when it cannot be read. Control batches are never compressed; the record is
 * `length attributes timestampDelta offsetDelta keyLength key...` (varints, zig-zag).
 */
function controlType(buf: Buffer, at: number): number {
  const end = at + buf.readInt32BE(at + BATCH_LENGTH) + LOG_OVERHEAD
  let pos = at + HEADER_SIZE
  const varint = (): number => {
    let shift = 0
    let value = 0
    for (;;) {
      if (pos >= end || shift > 63) return Number.NaN
      const b = buf[pos++] as number
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) break
      shift += 7
    }
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2
  }
  varint() // record length
  pos += 1 // attributes
  varint() // timestamp delta
  varint() // offset delta
  const keyLength = varint()
  if (keyLength !== 4 || pos + 4 > end || buf.readInt16BE(pos) !== 0) return -1
  return buf.readInt16BE(pos + 2)
}
