/**
 * Invalid flags or arguments: the message names the flag and what it accepts. Commands turn it
 * into exit code 2 with the message on stderr.
 */
export class UsageError extends Error {
  /** Stable error code. */
  readonly code = 'CLI_ERR_USAGE'
  override readonly name = 'UsageError'
}
