/**
 * The small logging interface every part of tributary accepts. Only `src/logging/` imports
 * pino; everything else takes a `Logger` so tests can pass a silent or capturing one.
 */
export interface LogFn {
  (msg: string): void
  (obj: Record<string, unknown>, msg?: string): void
}

export interface Logger {
  readonly trace: LogFn
  readonly debug: LogFn
  readonly info: LogFn
  readonly warn: LogFn
  readonly error: LogFn
  readonly fatal: LogFn
  /** A logger that adds `bindings` (for example `{ component: 'broker' }`) to every line. */
  child(bindings: Record<string, unknown>): Logger
  isLevelEnabled(level: LogLevel): boolean
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
