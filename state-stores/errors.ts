/**
 * The state-store error catalogue. Every error extends `StreamsError` with a stable `code` and
 * names the store in `storeName`.
 */
import { StreamsError } from '../processor-api/errors.js'

/** Codes of `InvalidStateStoreError`. */
export type InvalidStateStoreCode = 'KS_ERR_STORE_CLOSED' | 'KS_ERR_STORE_NOT_INITIALIZED' | 'KS_ERR_STORE_INVALID'

/**
 * A store was used in a state that does not allow the operation (Kafka's
 * `InvalidStateStoreException`): closed (`KS_ERR_STORE_CLOSED`), not yet initialised
 * (`KS_ERR_STORE_NOT_INITIALIZED`), or misconfigured (`KS_ERR_STORE_INVALID`, e.g. a
 * persistent store without a state directory, or no serde available).
 */
export class InvalidStateStoreError extends StreamsError {
  readonly storeName: string
  constructor(code: InvalidStateStoreCode, storeName: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options)
    this.storeName = storeName
  }

  /** The error for an operation on a closed store. */
  static closed(storeName: string): InvalidStateStoreError {
    return new InvalidStateStoreError('KS_ERR_STORE_CLOSED', storeName, `Store ${storeName} is currently closed.`)
  }
}

/**
 * An invalid argument to a store method or factory (Kafka throws NullPointerException or
 * IllegalArgumentException): a null key, a negative retention, a window larger than retention.
 */
export class StoreArgumentError extends StreamsError {
  readonly storeName: string | undefined
  constructor(message: string, options: { storeName?: string; cause?: unknown } = {}) {
    super('KS_ERR_STORE_ARGUMENT', message, options)
    this.storeName = options.storeName
  }
}

/**
 * The storage engine failed (open, read, write, persist); the engine's error is in `cause`
 * (Kafka's `ProcessorStateException`).
 */
export class StoreIoError extends StreamsError {
  readonly storeName: string
  constructor(storeName: string, message: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_STORE_IO', message, options)
    this.storeName = storeName
  }
}
