/** Errors the group coordinator throws. Client mistakes are never thrown: they are error codes in results. */

/** Base class of the coordinator's errors; `code` is stable and documented. */
export class CoordinatorError extends Error {
  /** Stable machine-readable identifier, e.g. `COORDINATOR_STORAGE_FAILED`. */
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CoordinatorError'
    this.code = code
  }
}

/** Writing to or reading from the `__consumer_offsets` log file failed (disk full, permissions...). */
export class CoordinatorStorageError extends CoordinatorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('COORDINATOR_STORAGE_FAILED', message, options)
    this.name = 'CoordinatorStorageError'
  }
}

/** A method was called in the wrong lifecycle phase (e.g. `startup()` twice). */
export class CoordinatorStateError extends CoordinatorError {
  constructor(message: string) {
    super('COORDINATOR_ILLEGAL_STATE', message)
    this.name = 'CoordinatorStateError'
  }
}
