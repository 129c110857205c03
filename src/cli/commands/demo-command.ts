import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runOrdersDemo } from '../../../examples/orders-per-customer/main.js'
import type { CliCommand } from '../cli-command.js'
import type { CliIo } from '../cli-io.js'
import { findCliEntry, startBrokerChild, type BrokerChild } from './internal/broker-child.js'
import { cliLogger, LOG_LEVELS } from './internal/cli-logger.js'
import { demoFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import type { ParsedArgs } from './internal/parse-command-args.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary demo [--duration <s>] [--rate <orders/s>] [--processing-guarantee <g>] [--bootstrap host:port]

The flagship demo (what \`npm start\` runs): starts the bundled broker in its own process, an
order generator writing JSON orders to 'orders', and the orders-per-customer application
(examples/orders-per-customer), then prints every second the throughput and the top customers'
counts read from 'order-counts'. Ctrl-C (SIGINT) or SIGTERM stops everything cleanly.

Options:
  --duration <s>                 stop after this many seconds (once the counts caught up) instead of at Ctrl-C
  --rate <n>                     orders per second (default 300)
  --partitions <n>               partitions of 'orders' and 'order-counts' (default 4)
  --processing-guarantee <g>     exactly_once_v2 (default) or at_least_once
  --top <n>                      customers shown per line (default 5)
  --bootstrap <host:port[,...]>  use this cluster instead of starting the bundled broker
  --log-level <level>            ${LOG_LEVELS.join(', ')} (default warn; logs go to stderr)
  -h, --help                     show this help`

/** How the demo starts its broker. */
export interface DemoCommandOptions {
  /** The `tributary` program run as the broker child (default: the package's bin/tributary.js). */
  readonly cliEntry?: string
}

async function run({ flags, positionals }: ParsedArgs<ReturnType<typeof demoFlags.parse>>, io: CliIo, options: DemoCommandOptions): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
  const { duration: durationS, rate: ratePerSec, partitions, top, 'processing-guarantee': processingGuarantee, 'log-level': logLevel } = flags
  const external = flags.bootstrap
  const logger = cliLogger(logLevel, 'demo')
  // Listen for signals from the start: a Ctrl-C during startup still stops everything cleanly.
  const stop = io.stopSignal()
  let broker: BrokerChild | null = null
  const stateDir = mkdtempSync(join(tmpdir(), 'tributary-demo-'))
  try {
    let bootstrap = external
    if (bootstrap === null) {
      broker = await startBrokerChild({ cliEntry: options.cliEntry ?? findCliEntry(), logLevel })
      bootstrap = [broker.bootstrap]
      io.out(`bundled broker (pid ${broker.pid}) listening on ${broker.bootstrap}, in memory`)
    }
    const result = await runOrdersDemo({
      bootstrap,
      stateDir,
      processingGuarantee,
      logger,
      out: io.out,
      stop,
      durationMs: durationS === null ? null : durationS * 1000,
      ratePerSec,
      partitions,
      top,
    })
    if (result.reason === 'error') {
      io.err('tributary demo: the application or the generator failed (see the log above)')
      return 1
    }
    return 0
  } finally {
    if (broker !== null) {
      const code = await broker.stop()
      io.out(`bundled broker stopped (exit ${code})`)
    }
    rmSync(stateDir, { recursive: true, force: true })
  }
}

/** Creates the `demo` command (tests may choose the program run as the broker child). */
export function createDemoCommand(options: DemoCommandOptions = {}): CliCommand {
  return defineCommand({
    name: 'demo',
    summary: 'the flagship demo: bundled broker, order generator and the orders-per-customer app',
    usage,
    flags: demoFlags,
    run: (parsed, io) => run(parsed, io, options),
  })
}

/** `tributary demo`: what `npm start` runs. */
export const demoCommand: CliCommand = createDemoCommand()
