import { pino, type DestinationStream } from 'pino'
import type { Logger, LogLevel } from './logger.js'

export interface CreateLoggerOptions {
  /** Minimum level; defaults to `TRIBUTARY_LOG_LEVEL` or `info`. */
  level?: LogLevel
  /** Bindings added to every line, e.g. `{ component: 'broker' }`. */
  bindings?: Record<string, unknown>
  /** Where lines go; defaults to stdout. */
  destination?: DestinationStream
}

/** Creates the root pino logger behind the `Logger` interface. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? (process.env['TRIBUTARY_LOG_LEVEL'] as LogLevel | undefined) ?? 'info'
  const root = options.destination ? pino({ level }, options.destination) : pino({ level })
  return (options.bindings ? root.child(options.bindings) : root) as unknown as Logger
}

const noop = (): void => {}

/** A logger that discards everything; the default in tests and for library users who pass none. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silentLogger,
  isLevelEnabled: () => false,
}
