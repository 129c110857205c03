import { logLevel, type logCreator } from 'kafkajs'
import type { Logger } from '../../../logging/index.js'

/**
 * kafkajs warnings that do not apply to how the runtime uses it: the transactional producer's
 * retries are bounded on purpose (a failed send aborts the transaction, which is then retried
 * from the last commit), so the "may invalidate EoS" warning is only noise.
 */
const DEMOTED_WARNINGS = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees'])

/**
 * Routes kafkajs's own log lines into a tributary `Logger` (child `component: 'kafkajs'`).
 * kafkajs logs routine group events at INFO, so its INFO goes to debug and its DEBUG to trace.
 */
export function kafkaJsLogCreator(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' })
  return () =>
    ({ namespace, level, log: entry }) => {
      const { message, ...rest } = entry
      const bindings = { namespace, ...rest }
      if (level === logLevel.ERROR) log.error(bindings, message)
      else if (level === logLevel.WARN && !DEMOTED_WARNINGS.has(message)) log.warn(bindings, message)
      else if (level === logLevel.WARN) log.debug(bindings, message)
      else if (level === logLevel.INFO) log.debug(bindings, message)
      else log.trace(bindings, message)
    }
}

/** The kafkajs log level matching what the logger would print. */
export function kafkaJsLogLevel(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.INFO
  if (logger.isLevelEnabled('warn')) return logLevel.WARN
  if (logger.isLevelEnabled('error')) return logLevel.ERROR
  return logLevel.NOTHING
}
