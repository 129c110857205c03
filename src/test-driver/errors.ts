/** Errors of the TopologyTestDriver, extending `StreamsError` with stable codes. */
import { StreamsError } from '../../processor-api/errors.js'

/** Reading from an output topic that has no (more) records (Kafka's `NoSuchElementException`). */
export class NoSuchElementError extends StreamsError {
  readonly topic: string
  constructor(message: string, options: { topic: string }) {
    super('KS_ERR_NO_SUCH_ELEMENT', message)
    this.topic = options.topic
  }
}

/**
 * Outputs or stores were read while the driver was still processing asynchronously (a processor
 * or store init returned a pending Promise): `await` the pipe call (or `driver.settled()`) first.
 */
export class ProcessingPendingError extends StreamsError {
  constructor(what: string) {
    super(
      'KS_ERR_PROCESSING_PENDING',
      `Cannot ${what} while the driver is still processing asynchronously: a processor or store returned a ` +
        `Promise. Await the pipeInput/advanceWallClockTime call (or 'await driver.settled()') first.`,
    )
  }
}

/** The driver was used after `close()`. */
export class DriverClosedError extends StreamsError {
  constructor() {
    super('KS_ERR_DRIVER_CLOSED', 'The TopologyTestDriver is closed')
  }
}

/** A store was requested through the wrong getter (e.g. `getStateStore` for a key-value store). */
export class StoreTypeMismatchError extends StreamsError {
  readonly storeName: string
  constructor(message: string, options: { storeName: string }) {
    super('KS_ERR_STORE_TYPE_MISMATCH', message)
    this.storeName = options.storeName
  }
}
