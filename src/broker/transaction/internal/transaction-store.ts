import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { copyMetadata, type TransactionMetadata } from '../transaction-metadata.js'
import { openTransactionLog, type TransactionLog } from './transaction-log.js'
import { decodeTransactionRecord, encodeTransactionRecord, type TransactionLogRecord } from './transaction-records.js'

/** The directory under the broker's data dir that holds the transaction log (Kafka's topic name). */
export const TRANSACTION_STATE_DIR = '__transaction_state'

/**
 * Every transactional id's metadata, durable in the transaction log: a change is appended to the
 * file before it becomes current, so memory never holds what the file does not. In memory mode
 * (no data dir) nothing is written.
 */
export class TransactionStore {
  private readonly txns = new Map<string, TransactionMetadata>()
  private readonly log: TransactionLog | null
  private readonly logger: Logger

  private constructor(log: TransactionLog | null, logger: Logger) {
    this.log = log
    this.logger = logger
  }

  /** Opens the store, replaying the log (the newest record per transactional id wins). */
  static open(dataDir: string | undefined, logger: Logger): TransactionStore {
    if (dataDir === undefined) return new TransactionStore(null, logger)
    const { log, load } = openTransactionLog(join(dataDir, TRANSACTION_STATE_DIR), logger)
    const store = new TransactionStore(log, logger)
    let skipped = 0
    for (const payload of load.payloads) {
      const record = decodeTransactionRecord(payload)
      if (record === undefined) skipped++
      else store.apply(record)
    }
    if (skipped > 0) logger.error({ path: log.path, skipped }, 'Skipped unreadable records in the transaction log')
    return store
  }

  /** The metadata of `transactionalId` (do not mutate: transitions go through `put`). */
  get(transactionalId: string): TransactionMetadata | undefined {
    return this.txns.get(transactionalId)
  }

  /** Every transactional id's metadata. */
  all(): TransactionMetadata[] {
    return [...this.txns.values()]
  }

  /**
   * Makes `next` the metadata of its transactional id, logged first.
   *
   * @throws TransactionStorageError the write failed (nothing changed)
   */
  put(next: TransactionMetadata): void {
    this.write({ k: 'txn', m: copyMetadata(next) })
  }

  /** Forgets an expired transactional id (logged). */
  remove(transactionalId: string): void {
    this.write({ k: 'expired', id: transactionalId })
  }

  /** Closes the file. */
  close(): void {
    this.log?.close()
  }

  private write(record: TransactionLogRecord): void {
    this.log?.append(encodeTransactionRecord(record))
    this.apply(record)
    if (this.log?.needsCompaction === true) {
      const before = this.log.size
      this.log.rewrite(this.all().map((m) => encodeTransactionRecord({ k: 'txn', m })))
      this.logger.info({ path: this.log.path, beforeBytes: before, afterBytes: this.log.size }, 'Compacted the transaction log')
    }
  }

  private apply(record: TransactionLogRecord): void {
    if (record.k === 'expired') this.txns.delete(record.id)
    else this.txns.set(record.m.transactionalId, record.m)
  }
}
