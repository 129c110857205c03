import { parseArgs } from 'node:util'
import type { CliFlagSet } from '../../../config/cli-flags.js'
import { ConfigError } from '../../../config/index.js'
import { EXIT_USAGE } from '../../cli-command.js'
import type { CliIo } from '../../cli-io.js'

/** A command's validated flags (typed, defaults applied) and its positional arguments. */
export interface ParsedArgs<T> {
  readonly flags: T
  readonly positionals: readonly string[]
}

/**
 * Parses a command's arguments strictly (`-h/--help` is added) and validates the flags with the
 * command's schema (src/config/cli-flags.ts). Returns the parsed arguments, or the exit code to
 * return at once: 0 after printing the usage for `--help`; 2 for an unknown or malformed flag
 * (with the usage) or a bad flag value (naming the flag, what it accepts and what was given).
 */
export function parseCommandArgs<T>(
  command: string,
  usage: string,
  args: readonly string[],
  flagSet: CliFlagSet<T>,
  io: CliIo,
  options: { readonly positionals?: boolean } = {},
): ParsedArgs<T> | number {
  let parsed: { values: { [flag: string]: unknown }; positionals: string[] }
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...flagSet.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: options.positionals ?? true,
    })
  } catch (err) {
    io.err(`tributary ${command}: ${(err as Error).message}`)
    io.err(usage)
    return EXIT_USAGE
  }
  if (parsed.values['help'] === true) {
    io.out(usage)
    return 0
  }
  try {
    return { flags: flagSet.parse(parsed.values), positionals: parsed.positionals }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    io.err(`tributary ${command}: ${err.issues.map((i) => (i.key ? `${i.key}: ${i.message}` : i.message)).join('; ')}`)
    return EXIT_USAGE
  }
}
