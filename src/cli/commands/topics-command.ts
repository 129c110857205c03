import { CliKafkaClient, type CliTopicDescription } from '../../clients/kafkajs/cli-kafka-client.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { cliLogger } from './internal/cli-logger.js'
import { topicsFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import type { ParsedArgs } from './internal/parse-command-args.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary topics <list|create|describe|delete> [options]

  tributary topics list
  tributary topics create <topic> [--partitions <n>] [--replication-factor <n>] [--config <key=value>]... [--if-not-exists]
  tributary topics describe [<topic>...]      (no topic: every topic)
  tributary topics delete <topic>...

Manages topics on any Kafka-protocol cluster (the bundled broker, Apache Kafka, Redpanda).

Options:
  --bootstrap <host:port[,...]>  cluster to talk to (default 127.0.0.1:9092)
  --partitions <n>               create: number of partitions (default: the broker's num.partitions)
  --replication-factor <n>       create: replication factor (default: the broker's default)
  --config <key=value>           create: a topic config such as cleanup.policy=compact; repeatable
  --if-not-exists                create: succeed without change when the topic exists
  -h, --help                     show this help`

/** Kafka's `kafka-topics --describe` text for one topic, with each partition's start and end offsets. */
export function formatTopicDescription(t: CliTopicDescription): string[] {
  const configs = [...t.configs].map(([k, v]) => `${k}=${v}`).join(',')
  const rf = t.partitions[0]?.replicas.length ?? 0
  return [
    `Topic: ${t.name}\tPartitionCount: ${t.partitions.length}\tReplicationFactor: ${rf}\tConfigs: ${configs}`,
    ...t.partitions.map(
      (p) =>
        `\tTopic: ${t.name}\tPartition: ${p.partition}\tLeader: ${p.leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}` +
        `\tStartOffset: ${p.startOffset}\tEndOffset: ${p.endOffset}`,
    ),
  ]
}

async function run({ flags, positionals }: ParsedArgs<ReturnType<typeof topicsFlags.parse>>, io: CliIo): Promise<number> {
  const [action, ...names] = positionals
  if (action === undefined) throw new UsageError('expected an action: list, create, describe or delete')
  const { partitions, 'replication-factor': replicationFactor, config } = flags
  const client = new CliKafkaClient(flags.bootstrap!, cliLogger(undefined, 'cli'))
  try {
    switch (action) {
      case 'list': {
        if (names.length > 0) throw new UsageError('list takes no topic names')
        for (const name of await client.listTopics()) io.out(name)
        return 0
      }
      case 'create': {
        if (names.length !== 1) throw new UsageError('create takes exactly one topic name')
        const name = names[0]!
        const created = await client.createTopic({ name, partitions, replicationFactor, config })
        if (created) io.out(`Created topic ${name}.`)
        else if (flags['if-not-exists']) io.out(`Topic ${name} already exists.`)
        else {
          io.err(`tributary topics: Topic '${name}' already exists.`)
          return 1
        }
        return 0
      }
      case 'describe': {
        const wanted = names.length > 0 ? names : await client.listTopics()
        const found = await client.describeTopics(wanted)
        for (const t of found) for (const line of formatTopicDescription(t)) io.out(line)
        const missing = wanted.filter((n) => !found.some((t) => t.name === n))
        if (missing.length > 0) {
          io.err(`tributary topics: unknown topic${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`)
          return 1
        }
        return 0
      }
      case 'delete': {
        if (names.length === 0) throw new UsageError('delete takes one or more topic names')
        await client.deleteTopics(names)
        for (const n of names) io.out(`Deleted topic ${n}.`)
        return 0
      }
      default:
        throw new UsageError(`unknown action '${action}': expected list, create, describe or delete`)
    }
  } finally {
    await client.close()
  }
}

/** `tributary topics`: list, create, describe and delete topics on any Kafka. */
export const topicsCommand: CliCommand = defineCommand({
  name: 'topics',
  summary: 'list, create, describe or delete topics on any Kafka',
  usage,
  flags: topicsFlags,
  run,
})
