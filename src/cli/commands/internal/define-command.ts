import type { CliFlagSet } from '../../../config/cli-flags.js'
import type { CliCommand } from '../../cli-command.js'
import type { CliIo } from '../../cli-io.js'
import { parseCommandArgs, type ParsedArgs } from './parse-command-args.js'
import { runGuarded } from './run-guarded.js'

/** What a subcommand declares: its help texts, its flags and its body. */
export interface CommandSpec<T> {
  readonly name: string
  readonly summary: string
  readonly usage: string
  /** The command's flag set (src/config/cli-flags.ts). */
  readonly flags: CliFlagSet<T>
  /** Runs with validated flags; a `UsageError` it throws exits 2, any other error 1 (see `runGuarded`). */
  run(parsed: ParsedArgs<T>, io: CliIo): Promise<number>
}

/** A `CliCommand` that parses and validates its arguments (`--help`, bad flags: see `parseCommandArgs`) before running `spec.run` guarded. */
export function defineCommand<T>(spec: CommandSpec<T>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseCommandArgs(spec.name, spec.usage, args, spec.flags, io)
      if (typeof parsed === 'number') return parsed
      return runGuarded(spec.name, io, () => spec.run(parsed, io))
    },
  }
}
