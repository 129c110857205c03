import { type Logger, silentLogger } from '../../logging/index.js'
import { ErrorCode } from '../protocol/error-codes.js'
import { TransactionStore } from './internal/transaction-store.js'
import { copyMetadata, hasAllPartitions, MAX_PRODUCER_EPOCH, type TransactionMetadata } from './transaction-metadata.js'
import type { ProducerIdSource, TransactionalOffsets, TransactionMarkerWriter } from './transaction-ports.js'

/** How to open the transaction coordinator. */
export interface TransactionCoordinatorOptions {
  /** The broker's data dir (`__transaction_state/` goes there); absent: state kept in memory only. */
  readonly dataDir?: string | undefined
  readonly logger?: Logger
  readonly producerIds: ProducerIdSource
  readonly markers: TransactionMarkerWriter
  readonly offsets: TransactionalOffsets
  /** Whether a topic-partition exists (AddPartitionsToTxn rejects unknown ones). */
  readonly partitionExists: (topic: string, partition: number) => boolean
  /** `transaction.max.timeout.ms` (default 900000): larger InitProducerId timeouts get INVALID_TRANSACTION_TIMEOUT. */
  readonly maxTimeoutMs?: number
  /** `transaction.abort.timed.out.transaction.cleanup.interval.ms` (default 10000): how often timeouts are checked. */
  readonly abortCheckIntervalMs?: number
  /** `transactional.id.expiration.ms` (default 7 days): idle transactional ids are forgotten. */
  readonly transactionalIdExpirationMs?: number
  /** Wall clock in ms (default `Date.now`). */
  readonly clock?: () => number
}

/** The answer to InitProducerId. */
export interface InitProducerIdResult {
  readonly errorCode: number
  readonly producerId: bigint
  readonly producerEpoch: number
}

/** Partitions of one topic in AddPartitionsToTxn, and their per-partition answers. */
export interface TopicPartitions {
  readonly topic: string
  readonly partitions: readonly number[]
}

/** Per-partition errors of AddPartitionsToTxn. */
export interface AddPartitionsResult {
  readonly topic: string
  readonly results: readonly { readonly partition: number; readonly errorCode: number }[]
}

const EPOCH_EXHAUSTED = MAX_PRODUCER_EPOCH - 1

/**
 * The transaction coordinator (Kafka's `TransactionCoordinator` on one node): maps transactional
 * ids to producer ids and epochs (fencing older instances), tracks each transaction's partitions
 * and groups, and on EndTxn logs the decision, writes COMMIT/ABORT markers into every partition
 * and completes pending group offsets, before answering (markers are written synchronously).
 * Transactions left open longer than their timeout are aborted with an epoch bump. State is
 * durable in `<dataDir>/__transaction_state/`; on open, decided transactions are completed and
 * open ones aborted. Client mistakes are answered with Kafka error codes; fencing uses
 * INVALID_PRODUCER_EPOCH (47), never PRODUCER_FENCED (90), as Kafka does at these API versions.
 */
export class TransactionCoordinator {
  private readonly store: TransactionStore
  private readonly options: TransactionCoordinatorOptions
  private readonly logger: Logger
  private readonly clock: () => number
  private readonly maxTimeoutMs: number
  private timer: NodeJS.Timeout | undefined

  private constructor(store: TransactionStore, options: TransactionCoordinatorOptions, logger: Logger) {
    this.store = store
    this.options = options
    this.logger = logger
    this.clock = options.clock ?? Date.now
    this.maxTimeoutMs = options.maxTimeoutMs ?? 900_000
  }

  /**
   * Loads the durable state and recovers it: PrepareCommit/PrepareAbort transactions get their
   * markers (again) and complete; Ongoing ones are aborted with a bumped epoch (their producer is
   * fenced). Call after the partition logs are open.
   *
   * @throws TransactionStorageError the transaction log cannot be read
   */
  static open(options: TransactionCoordinatorOptions): TransactionCoordinator {
    const logger = (options.logger ?? silentLogger).child({ component: 'transaction-coordinator' })
    const coordinator = new TransactionCoordinator(TransactionStore.open(options.dataDir, logger), options, logger)
    for (const m of coordinator.store.all()) {
      if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') coordinator.completeDecided(m)
      else if (m.state === 'Ongoing') {
        logger.info({ transactionalId: m.transactionalId }, 'Aborting a transaction left open by the previous run')
        coordinator.fenceAndAbort(m)
      }
    }
    return coordinator
  }

  /** Starts the timeout timer (unref'ed). */
  startup(): void {
    if (this.timer !== undefined) return
    this.timer = setInterval(() => this.runTimeouts(this.clock()), this.options.abortCheckIntervalMs ?? 10_000)
    this.timer.unref()
  }

  /** Stops the timer and closes the log. */
  shutdown(): void {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.timer = undefined
    this.store.close()
  }

  /** The metadata of a transactional id (tests, diagnostics). */
  transaction(transactionalId: string): Readonly<TransactionMetadata> | undefined {
    return this.store.get(transactionalId)
  }

  /**
   * InitProducerId with a transactional id: a new id gets a fresh producer id with epoch 0; a known
   * one keeps its producer id with the epoch bumped (a new producer id once the epoch is
   * exhausted), which fences the previous instance. An open transaction is aborted first.
   */
  initProducerId(request: { transactionalId: string; transactionTimeoutMs: number }): InitProducerIdResult {
    const { transactionalId, transactionTimeoutMs } = request
    if (transactionalId === '') return initError(ErrorCode.INVALID_REQUEST)
    if (transactionTimeoutMs <= 0 || transactionTimeoutMs > this.maxTimeoutMs) return initError(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
    const now = this.clock()
    return this.guard(initError, () => {
      let m = this.store.get(transactionalId)
      if (m !== undefined && (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')) this.completeDecided(m)
      else if (m?.state === 'Ongoing') this.fenceAndAbort(m)
      m = this.store.get(transactionalId)
      if (m !== undefined && (m.state === 'PrepareCommit' || m.state === 'PrepareAbort')) return initError(ErrorCode.CONCURRENT_TRANSACTIONS)
      const next: TransactionMetadata =
        m === undefined || m.state === 'Dead'
          ? { transactionalId, producerId: this.options.producerIds.allocate(), producerEpoch: 0, timeoutMs: 0, state: 'Empty', partitions: new Map(), groups: new Set(), startMs: -1, lastUpdateMs: now }
          : copyMetadata(m)
      if (m !== undefined && m.state !== 'Dead') {
        if (m.producerEpoch >= EPOCH_EXHAUSTED) {
          next.producerId = this.options.producerIds.allocate()
          next.producerEpoch = 0
        } else {
          next.producerEpoch = m.producerEpoch + 1
        }
      }
      next.timeoutMs = transactionTimeoutMs
      next.state = 'Empty'
      next.partitions = new Map()
      next.groups = new Set()
      next.startMs = -1
      next.lastUpdateMs = now
      this.store.put(next)
      this.logger.info({ transactionalId, producerId: next.producerId.toString(), epoch: next.producerEpoch }, 'Initialized transactional id')
      return { errorCode: ErrorCode.NONE, producerId: next.producerId, producerEpoch: next.producerEpoch }
    })
  }

  /**
   * AddPartitionsToTxn: adds data partitions to the ongoing transaction (starting one if needed).
   * Unknown partitions get UNKNOWN_TOPIC_OR_PARTITION and the others OPERATION_NOT_ATTEMPTED, as
   * Kafka answers; otherwise every partition gets the same code.
   */
  addPartitions(transactionalId: string, producerId: bigint, producerEpoch: number, topics: readonly TopicPartitions[]): AddPartitionsResult[] {
    const all = (code: (topic: string, p: number) => number): AddPartitionsResult[] =>
      topics.map((t) => ({ topic: t.topic, results: t.partitions.map((partition) => ({ partition, errorCode: code(t.topic, partition) })) }))
    const exists = this.options.partitionExists
    if (topics.some((t) => t.partitions.some((p) => !exists(t.topic, p)))) {
      return all((t, p) => (exists(t, p) ? ErrorCode.OPERATION_NOT_ATTEMPTED : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION))
    }
    const wanted = new Map<string, number[]>()
    for (const t of topics) wanted.set(t.topic, [...(wanted.get(t.topic) ?? []), ...t.partitions])
    const errorCode = this.addToTransaction(transactionalId, producerId, producerEpoch, (m) => hasAllPartitions(m, wanted), (next) => {
      for (const [topic, ps] of wanted) {
        let held = next.partitions.get(topic)
        if (held === undefined) next.partitions.set(topic, (held = new Set()))
        for (const p of ps) held.add(p)
      }
    })
    return all(() => errorCode)
  }

  /** AddOffsetsToTxn: the ongoing transaction will also commit `groupId`'s offsets (TxnOffsetCommit). */
  addOffsets(transactionalId: string, producerId: bigint, producerEpoch: number, groupId: string): number {
    return this.addToTransaction(transactionalId, producerId, producerEpoch, (m) => m.groups.has(groupId), (next) => next.groups.add(groupId))
  }

  /**
   * EndTxn: commits or aborts the ongoing transaction (decision logged, markers written, group
   * offsets completed, then answered). A retry of the completed outcome answers NONE; the other
   * outcome, or no transaction, INVALID_TXN_STATE.
   */
  endTxn(transactionalId: string, producerId: bigint, producerEpoch: number, committed: boolean): number {
    return this.withProducer(transactionalId, producerId, producerEpoch, (m) => {
      switch (m.state) {
        case 'Ongoing':
          this.prepareAndComplete(m, committed, m.producerEpoch)
          return ErrorCode.NONE
        case 'CompleteCommit':
          return committed ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE
        case 'CompleteAbort':
          return committed ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE
        case 'PrepareCommit':
          return committed ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE
        case 'PrepareAbort':
          return committed ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS
        default:
          return ErrorCode.INVALID_TXN_STATE
      }
    })
  }

  /**
   * Whether `producerId`/`producerEpoch` may stage offsets of `groupId` (TxnOffsetCommit): the
   * transactional id must map to it, its transaction be ongoing and include the group
   * (AddOffsetsToTxn first), else INVALID_PRODUCER_ID_MAPPING / INVALID_PRODUCER_EPOCH /
   * CONCURRENT_TRANSACTIONS / INVALID_TXN_STATE.
   */
  checkTxnOffsetCommit(transactionalId: string, producerId: bigint, producerEpoch: number, groupId: string): number {
    return this.verify(transactionalId, producerId, producerEpoch, (m) => m.groups.has(groupId))
  }

  /**
   * Kafka's produce-side verification (KIP-890): the first transactional batch of a producer on a
   * partition is accepted only if its transaction is ongoing and includes the partition, so a
   * fenced or confused producer cannot open a transaction the coordinator will never close.
   */
  verifyTransactionalProduce(transactionalId: string | null, producerId: bigint, producerEpoch: number, topic: string, partition: number): number {
    if (transactionalId === null) return ErrorCode.INVALID_TXN_STATE
    return this.verify(transactionalId, producerId, producerEpoch, (m) => m.partitions.get(topic)?.has(partition) === true)
  }

  /**
   * Aborts transactions open longer than their timeout (bumping the epoch, so their producer is
   * fenced), retries unfinished completions and forgets transactional ids idle for
   * `transactional.id.expiration.ms`. Runs on the timer; tests call it with their own clock.
   */
  runTimeouts(nowMs: number): { readonly aborted: number; readonly expired: number } {
    let aborted = 0
    let expired = 0
    const expiration = this.options.transactionalIdExpirationMs ?? 7 * 24 * 3_600_000
    for (const m of this.store.all()) {
      try {
        if (m.state === 'Ongoing' && m.startMs >= 0 && nowMs > m.startMs + m.timeoutMs) {
          this.logger.info({ transactionalId: m.transactionalId, timeoutMs: m.timeoutMs }, 'Aborting a timed-out transaction')
          this.fenceAndAbort(m)
          aborted++
        } else if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') {
          this.completeDecided(m)
        } else if ((m.state === 'Empty' || m.state === 'CompleteCommit' || m.state === 'CompleteAbort') && nowMs - m.lastUpdateMs > expiration) {
          this.store.remove(m.transactionalId)
          expired++
        }
      } catch (err) {
        this.logger.error({ err, transactionalId: m.transactionalId }, 'Transaction timeout handling failed; retrying later')
      }
    }
    return { aborted, expired }
  }

  private addToTransaction(
    transactionalId: string,
    producerId: bigint,
    producerEpoch: number,
    alreadyIn: (m: TransactionMetadata) => boolean,
    add: (next: TransactionMetadata) => void,
  ): number {
    return this.withProducer(transactionalId, producerId, producerEpoch, (m) => {
      if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') return ErrorCode.CONCURRENT_TRANSACTIONS
      if (m.state === 'Ongoing' && alreadyIn(m)) return ErrorCode.NONE
      const now = this.clock()
      const next = copyMetadata(m)
      if (m.state !== 'Ongoing') {
        next.partitions = new Map()
        next.groups = new Set()
        next.startMs = now
      }
      next.state = 'Ongoing'
      next.lastUpdateMs = now
      add(next)
      this.store.put(next)
      return ErrorCode.NONE
    })
  }

  private verify(transactionalId: string, producerId: bigint, producerEpoch: number, includes: (m: TransactionMetadata) => boolean): number {
    const m = matchProducer(this.store.get(transactionalId), producerId, producerEpoch)
    if (typeof m === 'number') return m
    if (m.state === 'PrepareCommit' || m.state === 'PrepareAbort') return ErrorCode.CONCURRENT_TRANSACTIONS
    return m.state === 'Ongoing' && includes(m) ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE
  }

  /**
   * Runs `body` on the transaction of a request's producer once its id and epoch match
   * (else INVALID_REQUEST for an empty transactional id, INVALID_PRODUCER_ID_MAPPING,
   * INVALID_PRODUCER_EPOCH); a storage failure answers COORDINATOR_NOT_AVAILABLE.
   */
  private withProducer(transactionalId: string, producerId: bigint, producerEpoch: number, body: (m: TransactionMetadata) => number): number {
    if (transactionalId === '') return ErrorCode.INVALID_REQUEST
    return this.guard(
      (code) => code,
      () => {
        const m = matchProducer(this.store.get(transactionalId), producerId, producerEpoch)
        return typeof m === 'number' ? m : body(m)
      },
    )
  }

  /** Aborts an ongoing transaction with the epoch bumped, fencing its producer (timeouts, a new InitProducerId, restart). */
  private fenceAndAbort(m: TransactionMetadata): void {
    this.prepareAndComplete(m, false, Math.min(m.producerEpoch + 1, MAX_PRODUCER_EPOCH))
  }

  /** Logs PrepareCommit/PrepareAbort (the decision), then writes markers and completes. */
  private prepareAndComplete(m: TransactionMetadata, commit: boolean, epoch: number): void {
    const prepared = copyMetadata(m)
    prepared.state = commit ? 'PrepareCommit' : 'PrepareAbort'
    prepared.producerEpoch = epoch
    prepared.lastUpdateMs = this.clock()
    this.store.put(prepared)
    this.completeDecided(prepared)
  }

  /**
   * Writes the markers of a decided (Prepare*) transaction into every partition and completes
   * the group offsets, then logs Complete*. On a write failure the transaction stays decided and
   * the timer retries (a second marker on a partition is harmless).
   */
  private completeDecided(m: TransactionMetadata): void {
    const commit = m.state === 'PrepareCommit'
    try {
      for (const [topic, ps] of m.partitions) {
        for (const p of ps) this.options.markers.writeMarker(topic, p, m.producerId, m.producerEpoch, commit)
      }
      this.options.offsets.completeTransactionalOffsets(m.producerId, commit)
    } catch (err) {
      this.logger.error({ err, transactionalId: m.transactionalId }, 'Could not write transaction markers; retrying on the next check')
      return
    }
    const completed = copyMetadata(m)
    completed.state = commit ? 'CompleteCommit' : 'CompleteAbort'
    completed.partitions = new Map()
    completed.groups = new Set()
    completed.startMs = -1
    completed.lastUpdateMs = this.clock()
    this.store.put(completed)
    this.logger.debug({ transactionalId: m.transactionalId, commit }, 'Completed transaction')
  }

  /** Runs `body`; a storage failure becomes COORDINATOR_NOT_AVAILABLE (retriable: clients retry). */
  private guard<T>(fail: (code: number) => T, body: () => T): T {
    try {
      return body()
    } catch (err) {
      this.logger.error({ err }, 'Transaction coordinator request failed')
      return fail(ErrorCode.COORDINATOR_NOT_AVAILABLE)
    }
  }
}

/** `m` when it is the live transaction of `producerId` at `producerEpoch`, else the error code answering the request. */
function matchProducer(m: TransactionMetadata | undefined, producerId: bigint, producerEpoch: number): TransactionMetadata | number {
  if (m === undefined || m.state === 'Dead' || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING
  if (m.producerEpoch !== producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH
  return m
}

function initError(errorCode: number): InitProducerIdResult {
  return { errorCode, producerId: -1n, producerEpoch: -1 }
}
