/**
 * Input data a command cannot use (a line of standard input without the key separator, text
 * that is not a number of the chosen format). Commands turn it into exit code 1.
 */
export class CliInputError extends Error {
  /** Stable error code. */
  readonly code = 'CLI_ERR_INPUT'
  override readonly name = 'CliInputError'
}
