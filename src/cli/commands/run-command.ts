import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Broker } from '../../broker/index.js'
import { KafkaStreams } from '../../clients/kafkajs/index.js'
import type { StreamsConfigInput } from '../../config/index.js'
import type { Logger } from '../../logging/index.js'
import type { KafkaStreamsState } from '../../runtime/events.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { CliKafkaClient } from '../../clients/kafkajs/cli-kafka-client.js'
import { cliLogger, LOG_LEVELS } from './internal/cli-logger.js'
import { loadTopologyModule } from './internal/load-topology-module.js'
import { runFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import type { ParsedArgs } from './internal/parse-command-args.js'
import { describeError } from './internal/run-guarded.js'
import { externalSourceTopics } from './internal/source-topics.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary run <module> [--bootstrap host:port] [--application-id <id>] [--state-dir <dir>]

Runs the topology a module exports as a Kafka Streams application until SIGINT/SIGTERM.
<module> is a compiled JavaScript file (.js/.mjs, path relative to the current directory)
whose default export is a Topology or a function returning one (it receives a StreamsBuilder),
or which exports buildTopology(builder). A named export \`config\` (streams settings such as
processingGuarantee) is merged in; applicationId defaults to the file name.

Without --bootstrap (and without bootstrapServers in the module's config) the bundled broker is
started in this process first, and the topology's missing source topics are created on it.

Options:
  --bootstrap <host:port[,...]>  the cluster to run against
  --application-id <id>          overrides the module's applicationId
  --state-dir <dir>              local state directory (default: the config's, or a temporary
                                 directory removed at exit when running on the in-memory bundled broker)
  --port <port>                  bundled broker: TCP port (default 9092; 0 for any free port)
  --data-dir <dir>               bundled broker: keep its data in this directory (default: in memory)
  --log-level <level>            ${LOG_LEVELS.join(', ')} (default warn; logs go to stderr)
  -h, --help                     show this help

Example:
  tributary run dist/examples/word-count/topology.js`

type RunFlags = ReturnType<typeof runFlags.parse>

const STOPPED: ReadonlySet<KafkaStreamsState> = new Set(['PENDING_ERROR', 'ERROR', 'NOT_RUNNING'])

async function startBundledBroker(flags: RunFlags, logger: Logger, io: CliIo): Promise<Broker> {
  const dataDir = flags['data-dir']
  const broker = await Broker.start({
    port: flags.port,
    ...(dataDir === undefined ? {} : { dataDir }),
    // A development broker: no wait for more members before the first rebalance.
    groupInitialRebalanceDelayMs: 0,
    logger: logger.child({ component: 'broker' }),
  })
  io.out(`bundled broker listening on ${broker.bootstrap}${dataDir === undefined ? ', in memory' : `, data in ${dataDir}`}`)
  return broker
}

async function run({ flags, positionals }: ParsedArgs<RunFlags>, io: CliIo): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('expected exactly one module')
  const flagBootstrap = flags.bootstrap
  const module = await loadTopologyModule(positionals[0]!)
  const logger = cliLogger(flags['log-level'], 'run')
  const stop = io.stopSignal()
  const config: { [key: string]: unknown } = { applicationId: module.defaultApplicationId, logger, ...module.config }
  const applicationId = flags['application-id']
  if (applicationId !== undefined) config['applicationId'] = applicationId
  const bundled = flagBootstrap === null && config['bootstrapServers'] === undefined && config['kafka'] === undefined
  if (flagBootstrap !== null) {
    config['bootstrapServers'] = flagBootstrap
    delete config['kafka']
  }
  const stateDirFlag = flags['state-dir']
  let tempStateDir: string | null = null
  if (stateDirFlag !== undefined) config['stateDir'] = stateDirFlag
  else if (config['stateDir'] === undefined && bundled && flags['data-dir'] === undefined) {
    tempStateDir = mkdtempSync(join(tmpdir(), 'tributary-run-'))
    config['stateDir'] = tempStateDir
  }
  let broker: Broker | null = null
  let app: KafkaStreams | null = null
  try {
    if (bundled) {
      broker = await startBundledBroker(flags, logger, io)
      config['bootstrapServers'] = broker.bootstrap
      const missing = externalSourceTopics(module.topology.describe())
      if (missing.length > 0) {
        const client = new CliKafkaClient([broker.bootstrap], logger)
        const existing = new Set(await client.listTopics())
        for (const topic of missing.filter((t) => !existing.has(t))) {
          await client.createTopic({ name: topic, partitions: -1, replicationFactor: -1, config: {} })
          io.out(`created source topic ${topic}`)
        }
      }
    }
    const streams = new KafkaStreams(module.topology, config as StreamsConfigInput)
    app = streams
    const ended = new Promise<KafkaStreamsState>((resolve) =>
      streams.onStateChange((state) => {
        if (state === 'RUNNING') io.out(`application ${streams.config.applicationId}: RUNNING`)
        if (STOPPED.has(state)) resolve(state)
      }),
    )
    io.out(`starting application ${streams.config.applicationId} on ${streams.config.bootstrapServers?.join(',') ?? 'the given kafka instance'}`)
    await streams.start()
    const outcome = await Promise.race([stop.then((signal) => `signal ${signal}`), ended])
    if (outcome.startsWith('signal')) {
      io.out(`${outcome}: stopping application ${streams.config.applicationId}`)
      const closed = await streams.close({ timeoutMs: 30_000 })
      if (!closed) io.err('tributary run: the application did not stop within 30 s')
    } else await streams.close()
    const failed = streams.state === 'ERROR'
    io.out(`application ${streams.config.applicationId}: ${streams.state}`)
    return failed ? 1 : 0
  } catch (err) {
    if (app !== null) await app.close({ timeoutMs: 30_000 }).catch(() => undefined)
    io.err(`tributary run: ${describeError(err)}`)
    return 1
  } finally {
    if (broker !== null) await broker.stop()
    if (tempStateDir !== null) rmSync(tempStateDir, { recursive: true, force: true })
  }
}

/** `tributary run <module>`: runs a module's topology as a service. */
export const runCommand: CliCommand = defineCommand({
  name: 'run',
  summary: 'run the topology a module exports (on the bundled broker unless --bootstrap)',
  usage,
  flags: runFlags,
  run,
})
