/**
 * The base of every error the bundled broker raises itself (not Kafka wire error codes, which
 * travel as numbers in responses). Each has a stable string `code` and keeps `cause`.
 */
export class BrokerError extends Error {
  /** Stable identifier, e.g. `BROKER_ERR_FRAME_TOO_LARGE`. */
  readonly code: string
  /** Whether retrying the same operation can succeed. */
  readonly retriable: boolean

  constructor(code: string, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.retriable = options.retriable ?? false
  }
}

/** A request frame announced an impossible size (negative or above `maxRequestBytes`). */
export class FrameSizeError extends BrokerError {
  /** The size the client announced. */
  readonly size: number
  /** The largest frame accepted. */
  readonly maxBytes: number

  constructor(size: number, maxBytes: number) {
    super(
      size < 0 ? 'BROKER_ERR_FRAME_NEGATIVE_SIZE' : 'BROKER_ERR_FRAME_TOO_LARGE',
      size < 0
        ? `request frame announces a negative size (${size})`
        : `request frame of ${size} bytes exceeds maxRequestBytes (${maxBytes})`,
    )
    this.size = size
    this.maxBytes = maxBytes
  }
}

/** The broker was asked to do something in a lifecycle state that forbids it (e.g. start twice). */
export class BrokerStateError extends BrokerError {
  constructor(message: string) {
    super('BROKER_ERR_STATE', message)
  }
}
