import { Broker } from '../../broker/index.js'
import { brokerFlags } from '../../config/cli-flags.js'
import type { BrokerConfigInput } from '../../config/index.js'
import { createLogger } from '../../logging/index.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { parseCommandArgs } from './internal/parse-command-args.js'

const usage = `Usage: tributary broker [--host 127.0.0.1] [--port 9092] [--data-dir ./data] [--log-level info] [--override name=value]...

Runs the bundled single-node Kafka-protocol broker in the foreground until SIGINT/SIGTERM.

Options:
  --host <host>        interface to bind (default 127.0.0.1)
  --port <port>        TCP port, 0 for an ephemeral one (default 9092)
  --data-dir <dir>     keep topics and offsets in this directory (default: in memory)
  --log-level <level>  trace, debug, info, warn, error, fatal or silent (default info)
  --override <n>=<v>   set a broker config by its Kafka name, e.g.
                       --override group.initial.rebalance.delay.ms=0 (repeatable)
  -h, --help           show this help`

/** `tributary broker`: the bundled broker in the foreground. */
export const brokerCommand: CliCommand = {
  name: 'broker',
  summary: 'run the bundled Kafka-protocol broker in the foreground',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs('broker', usage, args, brokerFlags, io, { positionals: false })
    if (typeof parsed === 'number') return parsed
    const config = parsed.flags
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
