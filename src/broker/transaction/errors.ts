import { BrokerError } from '../broker-error.js'

/** Base of the transaction coordinator's own errors (client mistakes are answered with Kafka error codes, never thrown). */
export class TransactionCoordinatorError extends BrokerError {}

/** Reading or writing the `__transaction_state` log failed (disk full, permissions...). Keeps the fs error in `cause`. */
export class TransactionStorageError extends TransactionCoordinatorError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('BROKER_ERR_TXN_STORAGE', message, { cause: options.cause, retriable: true })
  }
}
