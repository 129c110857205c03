import { CLI_LOG_LEVELS } from '../../../config/cli-flags.js'
import { createLogger, type Logger, type LogLevel } from '../../../logging/index.js'

/** Log levels the `--log-level` flags accept. */
export const LOG_LEVELS: readonly LogLevel[] = CLI_LOG_LEVELS

/**
 * The logger of a CLI command: pino lines on stderr (stdout is for the command's output), at
 * `level`, else `TRIBUTARY_LOG_LEVEL`, else warn.
 */
export function cliLogger(level: LogLevel | undefined, component: string): Logger {
  const env = process.env['TRIBUTARY_LOG_LEVEL'] as LogLevel | undefined
  const chosen = level ?? (env !== undefined && LOG_LEVELS.includes(env) ? env : 'warn')
  return createLogger({ level: chosen, bindings: { component }, destination: process.stderr })
}
