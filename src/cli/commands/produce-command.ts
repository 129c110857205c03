import { createInterface } from 'node:readline'
import { CliKafkaClient } from '../../clients/kafkajs/cli-kafka-client.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { cliLogger } from './internal/cli-logger.js'
import { produceFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import { parseBytes, RECORD_FORMATS } from './internal/record-format.js'
import { CliInputError } from './internal/input-error.js'
import { describeError } from './internal/run-guarded.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary produce <topic> [--bootstrap host:port] [--key-separator <sep>] [--key-format <f>] [--value-format <f>]

Sends every line of standard input to <topic> as one record (acks=all), until end of input
(Ctrl-D) or SIGINT/SIGTERM. Without --key-separator records have a null key; with it, each
line is <key><sep><value>, split at the first separator.

Options:
  --bootstrap <host:port[,...]>  cluster to talk to (default 127.0.0.1:9092)
  --key-separator <sep>          split each line into key and value at the first <sep> (e.g. ":" or a tab)
  --key-format <format>          how to encode keys: ${RECORD_FORMATS.join(', ')} (default string)
  --value-format <format>        how to encode values: same choices (default string)
  -h, --help                     show this help

Example:
  printf 'alice:hello\\nbob:world\\n' | tributary produce greetings --key-separator :`

/** Records sent in one produce request at most. */
const MAX_BATCH = 1000

/** Where `produce` reads lines from. */
export interface ProduceCommandOptions {
  /** Standard input; tests pass their own stream. */
  readonly stdin?: () => NodeJS.ReadableStream
}

async function run(topic: string, flags: ReturnType<typeof produceFlags.parse>, io: CliIo, stdin: NodeJS.ReadableStream): Promise<number> {
  const { 'key-separator': separator, 'key-format': keyFormat, 'value-format': valueFormat } = flags
  const client = new CliKafkaClient(flags.bootstrap!, cliLogger(undefined, 'cli'))
  const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false })
  let lineNumber = 0
  let sent = 0
  let pending: { key: Buffer | null; value: Buffer | null }[] = []
  let inFlight: Promise<void> = Promise.resolve()
  // A failed send stops everything; a bad input line stops reading, but the lines before it are sent.
  let sendFailure: unknown = null
  let inputFailure: CliInputError | null = null
  let scheduled = false

  const flush = (): void => {
    scheduled = false
    if (pending.length === 0 || sendFailure !== null) return
    const batch = pending
    pending = []
    lines.pause()
    inFlight = inFlight
      .then(() => client.produce(topic, batch))
      .then(
        () => {
          sent += batch.length
          lines.resume()
        },
        (err: unknown) => {
          sendFailure ??= err
          lines.close()
        },
      )
  }

  /** The record of one input line. @throws CliInputError naming the line. */
  const recordOf = (line: string): { key: Buffer | null; value: Buffer | null } => {
    if (separator === undefined) return { key: null, value: parseBytes(line, valueFormat, '--value-format') }
    const at = line.indexOf(separator)
    if (at < 0) throw new CliInputError(`no key separator "${separator}" on line ${lineNumber}`)
    try {
      return { key: parseBytes(line.slice(0, at), keyFormat, '--key-format'), value: parseBytes(line.slice(at + separator.length), valueFormat, '--value-format') }
    } catch (err) {
      throw new CliInputError(`line ${lineNumber}: ${(err as Error).message}`, { cause: err })
    }
  }

  const ended = new Promise<void>((resolve) => lines.once('close', resolve))
  lines.on('line', (line) => {
    lineNumber++
    if (sendFailure !== null || inputFailure !== null) return
    try {
      pending.push(recordOf(line))
    } catch (err) {
      if (!(err instanceof CliInputError)) throw err
      inputFailure = err
      lines.close()
      return
    }
    if (pending.length >= MAX_BATCH) flush()
    else if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
  void io.stopSignal().then(() => lines.close())
  try {
    await ended
    flush()
    await inFlight
  } finally {
    await client.close()
  }
  const failure = sendFailure ?? inputFailure
  if (failure !== null) {
    io.err(`tributary produce: ${describeError(failure)}`)
    io.err(`tributary produce: ${sent} record${sent === 1 ? ' was' : 's were'} sent before the failure`)
    return 1
  }
  io.out(`Produced ${sent} record${sent === 1 ? '' : 's'} to ${topic}.`)
  return 0
}

/** Creates the `produce` command reading lines from `options.stdin` (default: the process's standard input). */
export function createProduceCommand(options: ProduceCommandOptions = {}): CliCommand {
  return defineCommand({
    name: 'produce',
    summary: 'send lines of standard input to a topic',
    usage,
    flags: produceFlags,
    async run({ flags, positionals }, io) {
      if (positionals.length !== 1) throw new UsageError('expected exactly one topic')
      return run(positionals[0]!, flags, io, (options.stdin ?? (() => process.stdin))())
    },
  })
}


/** `tributary produce <topic>`: lines of standard input become records. */
export const produceCommand: CliCommand = createProduceCommand()
