import { parseArgs } from 'node:util'
import { Broker } from '../../broker/index.js'
import { ConfigError, parseBrokerConfig, type BrokerConfigInput } from '../../config/index.js'
import { createLogger } from '../../logging/index.js'
import { EXIT_USAGE, type CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'

const usage = `Usage: tributary broker [--host 127.0.0.1] [--port 9092] [--data-dir ./data] [--log-level info]

Runs the bundled single-node Kafka-protocol broker in the foreground until SIGINT/SIGTERM.

Options:
  --host <host>        interface to bind (default 127.0.0.1)
  --port <port>        TCP port, 0 for an ephemeral one (default 9092)
  --data-dir <dir>     keep topics and offsets in this directory (default: in memory)
  --log-level <level>  trace, debug, info, warn, error, fatal or silent (default info)
  -h, --help           show this help`

function toPort(value: string | undefined): unknown {
  if (value === undefined) return undefined
  return /^[0-9]+$/.test(value) ? Number(value) : value
}

/** `tributary broker`: the bundled broker in the foreground. */
export const brokerCommand: CliCommand = {
  name: 'broker',
  summary: 'run the bundled Kafka-protocol broker in the foreground',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let values: { host?: string; port?: string; 'data-dir'?: string; 'log-level'?: string; help?: boolean }
    try {
      values = parseArgs({
        args: [...args],
        options: {
          host: { type: 'string' },
          port: { type: 'string' },
          'data-dir': { type: 'string' },
          'log-level': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }).values
    } catch (err) {
      io.err(`tributary broker: ${(err as Error).message}`)
      io.err(usage)
      return EXIT_USAGE
    }
    if (values.help) {
      io.out(usage)
      return 0
    }
    const input: { [key: string]: unknown } = {}
    if (values.host !== undefined) input['host'] = values.host
    if (values.port !== undefined) input['port'] = toPort(values.port)
    if (values['data-dir'] !== undefined) input['dataDir'] = values['data-dir']
    if (values['log-level'] !== undefined) input['logLevel'] = values['log-level']
    let config
    try {
      config = parseBrokerConfig(input)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      io.err(`tributary broker: ${err.message.replace(/dataDir/g, '--data-dir').replace(/logLevel/g, '--log-level')}`)
      return EXIT_USAGE
    }
    const logger = createLogger({
      ...(config.logLevel === undefined ? {} : { level: config.logLevel }),
      bindings: { component: 'broker' },
      destination: process.stderr,
    })
    const stopSignal = io.stopSignal()
    let broker: Broker
    try {
      broker = await Broker.start({ ...(config as BrokerConfigInput), logger })
    } catch (err) {
      io.err(`tributary broker: cannot start: ${(err as Error).message}`)
      return 1
    }
    io.out(`tributary broker listening on ${broker.bootstrap}`)
    const signal = await stopSignal
    logger.info({ signal }, 'stopping broker')
    await broker.stop()
    return 0
  },
}
