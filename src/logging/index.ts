/**
 * Logging: the `Logger` interface everyone accepts and the pino-backed factory.
 * Start with `createLogger()`; pass `silentLogger` where nothing should be printed.
 */
export type { Logger, LogFn, LogLevel } from './logger.js'
export { createLogger, silentLogger } from './create-logger.js'
export type { CreateLoggerOptions } from './create-logger.js'
