import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { FramedAppendLog, type FramedLogLoad } from '../../internal/framed-append-log.js'
import { crc32c } from '../../../wire/crc32c.js'
import { TransactionStorageError } from '../errors.js'

/** The file inside `<dataDir>/__transaction_state/`. */
export const TRANSACTION_LOG_FILE = 'transactions.log'

/**
 * The transaction coordinator's durable state, the single-node stand-in for Kafka's
 * `__transaction_state` topic: frames are `[len u32][crc32c u32][payload]`, at most 64 MiB each;
 * appends reach the OS, `close` fsyncs.
 */
export type TransactionLog = FramedAppendLog

/** Opens (creating) the log in `dir`; returns it with every intact record payload, oldest first. */
export function openTransactionLog(dir: string, logger: Logger, compactionMinBytes = 1024 * 1024): { log: TransactionLog; load: FramedLogLoad } {
  return FramedAppendLog.open(dir, join(dir, TRANSACTION_LOG_FILE), logger, {
    name: 'transaction log',
    checksum: crc32c,
    maxFrameBytes: 64 * 1024 * 1024,
    compactionMinBytes,
    fsyncOnAppend: false,
    fsyncOnClose: true,
    storageError: (message, cause) => new TransactionStorageError(message, { cause }),
  })
}
