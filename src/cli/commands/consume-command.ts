import { CliKafkaClient } from '../../clients/kafkajs/cli-kafka-client.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { cliLogger } from './internal/cli-logger.js'
import { consumeFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import { formatBytes, RECORD_FORMATS } from './internal/record-format.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary consume <topic> [--bootstrap host:port] [--from-beginning] [--group <id>] [--max <n>] [--timeout-ms <ms>]

Prints the records of <topic>, one line each: <key><TAB><value> (a null key or value prints as
null), until --max records, --timeout-ms without a record, or SIGINT/SIGTERM. Reads with
read_committed. Without --group it reads every partition without a consumer group and commits
nothing; with --group it joins that group and commits what it printed.

Options:
  --bootstrap <host:port[,...]>  cluster to talk to (default 127.0.0.1:9092)
  --from-beginning               start at the oldest record (with --group: when the group has no committed offset)
  --group <id>                   consumer group to join and commit to
  --max <n>                      stop after n records
  --timeout-ms <ms>              stop when no record arrived for this long
  --key-format <format>          how to print keys: ${RECORD_FORMATS.join(', ')} (default string)
  --value-format <format>        how to print values: same choices (default string); long for Serdes.Long()
  --key-separator <sep>          between key and value (default a tab)
  --value-only                   print values only
  -h, --help                     show this help

Example:
  tributary consume order-counts --from-beginning --value-format long --max 10`

type ConsumeFlags = ReturnType<typeof consumeFlags.parse>

async function run(topic: string, flags: ConsumeFlags, io: CliIo): Promise<number> {
  const { max, 'timeout-ms': timeoutMs, 'key-format': keyFormat, 'value-format': valueFormat, 'value-only': valueOnly, group } = flags
  const separator = flags['key-separator'] ?? '\t'
  const client = new CliKafkaClient(flags.bootstrap!, cliLogger(undefined, 'cli'))
  let count = 0
  let lastRecordAt = Date.now()
  const consumption = await client.consume({
    topic,
    groupId: group ?? null,
    fromBeginning: flags['from-beginning'],
    onRecord: (r) => {
      const value = formatBytes(r.value, valueFormat)
      io.out(valueOnly ? value : `${formatBytes(r.key, keyFormat)}${separator}${value}`)
      lastRecordAt = Date.now()
      return ++count < max
    },
  })
  lastRecordAt = Date.now()
  let timer: NodeJS.Timeout | undefined
  const idle =
    timeoutMs > 0
      ? new Promise<void>((resolve) => {
          timer = setInterval(() => {
            if (Date.now() - lastRecordAt >= timeoutMs) resolve()
          }, Math.min(timeoutMs, 100))
        })
      : new Promise<void>(() => {})
  try {
    await Promise.race([consumption.done, io.stopSignal(), idle])
  } finally {
    clearInterval(timer)
    await consumption.stop()
    await client.close()
  }
  io.err(`Processed a total of ${count} message${count === 1 ? '' : 's'}`)
  return 0
}

/** `tributary consume <topic>`: prints the records of a topic. */
export const consumeCommand: CliCommand = defineCommand({
  name: 'consume',
  summary: 'print the records of a topic',
  usage,
  flags: consumeFlags,
  async run({ flags, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one topic')
    return run(positionals[0]!, flags, io)
  },
})
