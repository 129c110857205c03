/**
 * Errors raised by the wire-protocol codec. Every error has a stable string `code` and keeps
 * the error it wraps in `cause`. Decode/encode errors carry the location path of the field
 * being processed (`FetchRequest.topics[0].partitions[1].fetchOffset`).
 */

/** Base class of every protocol-layer error; `code` is stable and documented. */
export class ProtocolError extends Error {
  /** Stable machine-readable error code (`KB_ERR_PROTOCOL_*`). */
  readonly code: string

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
  }
}

/**
 * Shared behaviour of decode and encode errors: a location path built from the innermost field
 * outwards while the error propagates through the struct/array interpreters.
 */
export abstract class ProtocolLocatedError extends ProtocolError {
  /** What went wrong, without the location. */
  readonly reason: string
  private readonly segments: string[] = []

  constructor(code: string, reason: string, options: { cause?: unknown } = {}) {
    super(code, reason, options)
    this.reason = reason
  }

  /** The location of the failure, e.g. `FetchRequest.topics[0].partitions[1].fetchOffset` ('' if unknown). */
  get path(): string {
    let out = ''
    for (const s of this.segments) {
      if (s.startsWith('[') || out === '') out += s
      else out += `.${s}`
    }
    return out
  }

  /**
   * Adds an outer path segment (a field name or an `[index]`); used by the codec while the
   * error unwinds. Mutates this error and returns it.
   */
  prependPath(segment: string): this {
    this.segments.unshift(segment)
    this.message = this.describe()
    return this
  }

  protected abstract describe(): string
}

/**
 * Bytes could not be decoded: input ended early, a length was invalid, a non-nullable field was
 * null... `position` is the byte offset (in the reader's buffer) where the failing read started.
 * `partial` holds the top-level value decoded so far, when the generic decoder has one.
 */
export class ProtocolDecodeError extends ProtocolLocatedError {
  /** Byte position in the input buffer at which the failing read started. */
  readonly position: number
  /** The partially decoded top-level message, when available (fields after the failure are missing). */
  partial: unknown = undefined

  constructor(reason: string, position: number, options: { cause?: unknown } = {}) {
    super('KB_ERR_PROTOCOL_DECODE', reason, options)
    this.position = position
    this.message = this.describe()
  }

  protected describe(): string {
    const at = this.path === '' ? '' : ` at ${this.path}`
    return `${this.reason}${at} (byte ${this.position})`
  }
}

/** A value could not be encoded (null in a non-nullable field, number out of range, ...). */
export class ProtocolEncodeError extends ProtocolLocatedError {
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super('KB_ERR_PROTOCOL_ENCODE', reason, options)
    this.message = this.describe()
  }

  protected describe(): string {
    return this.path === '' ? this.reason : `${this.reason} at ${this.path}`
  }
}

/** An API key or version the codec does not implement was requested. */
export class UnsupportedVersionError extends ProtocolError {
  /** The API key asked for. */
  readonly apiKey: number
  /** The version asked for. */
  readonly apiVersion: number

  constructor(apiKey: number, apiVersion: number, what = 'API') {
    super('KB_ERR_PROTOCOL_UNSUPPORTED_VERSION', `${what} key ${apiKey} version ${apiVersion} is not supported`)
    this.apiKey = apiKey
    this.apiVersion = apiVersion
  }
}
