/**
 * A KafkaStreams instance in its own process, for crash tests: argv[2] is a JSON object
 * `{ bootstrap, applicationId, stateDir, guarantee, applicationServer? }`. Prints one line per
 * event (`STATE <s>`, `RESTORE_START <topic> <partition> <start> <end>`, `ASSIGNED <n>`), closes
 * cleanly on SIGTERM, and is killed with SIGKILL by the parent to simulate a crash.
 */
import { KafkaStreams } from '../../../src/clients/kafkajs/index.js'
import { ordersPerCustomerTopology } from './orders-topology.js'

interface ChildConfig {
  bootstrap: string
  applicationId: string
  stateDir: string
  guarantee: 'at_least_once' | 'exactly_once_v2'
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const app = new KafkaStreams(ordersPerCustomerTopology(), {
  applicationId: cfg.applicationId,
  bootstrapServers: cfg.bootstrap,
  stateDir: cfg.stateDir,
  processingGuarantee: cfg.guarantee,
  commitIntervalMs: 100,
  sessionTimeoutMs: 4000,
  heartbeatIntervalMs: 300,
  rebalanceTimeoutMs: 8000,
  transactionTimeoutMs: 4000,
  pollMs: 20,
})
const say = (line: string): void => {
  process.stdout.write(`${line}\n`)
}
app.onStateChange((s) => say(`STATE ${s}`))
app.events$.subscribe((e) => {
  if (e.type === 'assigned') say(`ASSIGNED ${e.partitions.length}`)
  if (e.type === 'error') say(`ERROR ${e.error instanceof Error ? e.error.message : String(e.error)}`)
})
app.setGlobalStateRestoreListener({
  onRestoreStart: (tp, store, start, end) => say(`RESTORE_START ${store} ${tp.topic} ${tp.partition} ${start} ${end}`),
})
process.on('SIGTERM', () => {
  void app.close({ timeoutMs: 10_000 }).then(() => process.exit(0))
})
await app.start()
