import type { LogConfig } from '../../processor-api/state-store.js'
import { DslArgumentError } from '../errors.js'

/** `strict`: never emits early (shuts down when full); `eager`: emits the oldest entries when full. */
export type BufferKind = 'strict' | 'eager'

/**
 * The bound of a suppression buffer (Kafka's `Suppressed.BufferConfig`). `BufferConfig<'strict'>`
 * is Kafka's `StrictBufferConfig`, the only kind `Suppressed.untilWindowCloses` accepts.
 *
 * @example
 * Suppressed.untilTimeLimit(1000, BufferConfig.maxRecords(100).emitEarlyWhenFull())
 * Suppressed.untilWindowCloses(BufferConfig.unbounded())
 */
export class BufferConfig<S extends BufferKind = BufferKind> {
  /** Max buffered records (Infinity: no bound). */
  readonly maxRecords: number
  /** Max buffered bytes (Infinity: no bound). */
  readonly maxBytes: number
  /** What happens when a bound is exceeded. */
  readonly fullStrategy: S extends 'strict' ? 'SHUT_DOWN' : 'EMIT' | 'SHUT_DOWN'
  readonly loggingEnabled: boolean
  readonly logConfig: LogConfig

  private constructor(maxRecords: number, maxBytes: number, fullStrategy: 'SHUT_DOWN' | 'EMIT', loggingEnabled: boolean, logConfig: LogConfig) {
    if (!(maxRecords >= 0)) throw new DslArgumentError('maxRecords', `Buffer size limit must be >= 0, got ${maxRecords}`)
    if (!(maxBytes >= 0)) throw new DslArgumentError('maxBytes', `Buffer byte limit must be >= 0, got ${maxBytes}`)
    this.maxRecords = maxRecords
    this.maxBytes = maxBytes
    this.fullStrategy = fullStrategy as BufferConfig<S>['fullStrategy']
    this.loggingEnabled = loggingEnabled
    this.logConfig = logConfig
  }

  /** At most `recordLimit` records; emits early when full. */
  static maxRecords(recordLimit: number): BufferConfig<'eager'> {
    return new BufferConfig<'eager'>(recordLimit, Infinity, 'EMIT', true, {})
  }

  /** At most `byteLimit` bytes; emits early when full. */
  static maxBytes(byteLimit: number): BufferConfig<'eager'> {
    return new BufferConfig<'eager'>(Infinity, byteLimit, 'EMIT', true, {})
  }

  /** No bound (memory permitting): never emits early. */
  static unbounded(): BufferConfig<'strict'> {
    return new BufferConfig<'strict'>(Infinity, Infinity, 'SHUT_DOWN', true, {})
  }

  withMaxRecords(recordLimit: number): BufferConfig<S> {
    return new BufferConfig<S>(recordLimit, this.maxBytes, this.fullStrategy, this.loggingEnabled, this.logConfig)
  }

  withMaxBytes(byteLimit: number): BufferConfig<S> {
    return new BufferConfig<S>(this.maxRecords, byteLimit, this.fullStrategy, this.loggingEnabled, this.logConfig)
  }

  /** Removes the bounds (and so never emits early). */
  withNoBound(): BufferConfig<'strict'> {
    return new BufferConfig<'strict'>(Infinity, Infinity, 'SHUT_DOWN', this.loggingEnabled, this.logConfig)
  }

  /** Stops the application (with an error) instead of emitting early when full. */
  shutDownWhenFull(): BufferConfig<'strict'> {
    return new BufferConfig<'strict'>(this.maxRecords, this.maxBytes, 'SHUT_DOWN', this.loggingEnabled, this.logConfig)
  }

  /** Emits the oldest buffered records when full. */
  emitEarlyWhenFull(): BufferConfig<'eager'> {
    return new BufferConfig<'eager'>(this.maxRecords, this.maxBytes, 'EMIT', this.loggingEnabled, this.logConfig)
  }

  withLoggingDisabled(): BufferConfig<S> {
    return new BufferConfig<S>(this.maxRecords, this.maxBytes, this.fullStrategy, false, {})
  }

  withLoggingEnabled(config: LogConfig = {}): BufferConfig<S> {
    return new BufferConfig<S>(this.maxRecords, this.maxBytes, this.fullStrategy, true, config)
  }
}
