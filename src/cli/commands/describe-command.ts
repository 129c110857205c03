import type { CliCommand } from '../cli-command.js'
import { loadTopologyModule } from './internal/load-topology-module.js'
import { describeFlags } from '../../config/cli-flags.js'
import { defineCommand } from './internal/define-command.js'
import { topologyToMermaid } from './internal/topology-mermaid.js'
import { UsageError } from './internal/usage-error.js'

const usage = `Usage: tributary describe <module> [--format text|mermaid]

Prints the topology a module exports, without connecting to Kafka. <module> is a compiled
JavaScript file (path relative to the current directory) whose default export is a Topology or
a function returning one (it receives a StreamsBuilder), or which exports buildTopology(builder).

Options:
  --format <text|mermaid>  text: Kafka's Topology.describe() text (default);
                           mermaid: a flowchart with one subgraph per sub-topology
  -h, --help               show this help

Example:
  tributary describe dist/examples/word-count/topology.js --format mermaid`

/** `tributary describe <module>`: prints a topology as Kafka's text or a mermaid flowchart. */
export const describeCommand: CliCommand = defineCommand({
  name: 'describe',
  summary: "print a module's topology (Kafka's describe() text or a mermaid flowchart)",
  usage,
  flags: describeFlags,
  async run({ flags, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one module')
    const { topology } = await loadTopologyModule(positionals[0]!)
    const description = topology.describe()
    io.out(flags.format === 'text' ? description.toString().replace(/\n+$/, '') : topologyToMermaid(description))
    return 0
  },
})
