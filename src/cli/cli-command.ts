import type { CliIo } from './cli-io.js'

/** One `tributary <name>` subcommand. */
export interface CliCommand {
  /** The word after `tributary`. */
  readonly name: string
  /** One line for the command list in `tributary --help`. */
  readonly summary: string
  /** Full usage text for `tributary <name> --help`. */
  readonly usage: string
  /**
   * Runs the command with the arguments after its name; resolves with the process exit code
   * (0 success, 1 failure, 2 bad usage).
   */
  run(args: readonly string[], io: CliIo): Promise<number>
}

/** Exit code for invalid flags or arguments. */
export const EXIT_USAGE = 2
