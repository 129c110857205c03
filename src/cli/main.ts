import { brokerCommand } from './commands/broker-command.js'
import { consumeCommand } from './commands/consume-command.js'
import { demoCommand } from './commands/demo-command.js'
import { describeCommand } from './commands/describe-command.js'
import { produceCommand } from './commands/produce-command.js'
import { runCommand } from './commands/run-command.js'
import { topicsCommand } from './commands/topics-command.js'
import { EXIT_USAGE, type CliCommand } from './cli-command.js'
import { processIo, type CliIo } from './cli-io.js'

/** Every subcommand, in help order. Later commands register here. */
const commands: readonly CliCommand[] = [
  brokerCommand,
  runCommand,
  demoCommand,
  topicsCommand,
  produceCommand,
  consumeCommand,
  describeCommand,
]

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: tributary <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `tributary <command> --help` for the options of a command.',
  ].join('\n')
}

/**
 * Runs the `tributary` command line with `argv` (the arguments after the program name) and
 * resolves with the exit code. Never calls `process.exit`; `bin/tributary.js` does.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help())
    return name === undefined ? EXIT_USAGE : 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`tributary: unknown command '${name}'`)
    io.err(help())
    return EXIT_USAGE
  }
  return command.run(rest, io)
}
