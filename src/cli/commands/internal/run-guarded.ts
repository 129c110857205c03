import { EXIT_USAGE } from '../../cli-command.js'
import type { CliIo } from '../../cli-io.js'
import { UsageError } from './usage-error.js'

/**
 * Runs a command body: a `UsageError` becomes exit code 2, any other error exit code 1, each
 * with `tributary <command>: <message>` on stderr (and the cause's message when it adds one).
 */
export async function runGuarded(command: string, io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tributary ${command}: ${err.message}`)
      return EXIT_USAGE
    }
    io.err(`tributary ${command}: ${describeError(err)}`)
    return 1
  }
}

/** An error's message, followed by its cause's when the cause says something more. */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined
  const causeMessage = cause instanceof Error ? cause.message : undefined
  return causeMessage !== undefined && !message.includes(causeMessage) ? `${message} (${causeMessage})` : message
}
