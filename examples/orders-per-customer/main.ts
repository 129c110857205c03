/**
 * The orders-per-customer application as a service, and the flagship demo around it
 * (`npm start` → `tributary demo`): a generator writes orders, the application counts them per
 * customer, and a reader of `order-counts` prints the counts and the throughput as they flow.
 */
import { Serdes } from '../../processor-api/index.js'
import { StreamsBuilder } from '../../dsl/index.js'
import { KafkaStreams, QueryableStoreTypes } from '../../src/index.js'
import { KafkaJsClientSupplier } from '../../src/clients/kafkajs/index.js'
import type { Logger } from '../../src/logging/index.js'
import { silentLogger } from '../../src/logging/index.js'
import type { RestoreConsumerPort } from '../../src/runtime/ports.js'
import { OrderGenerator, seededRandom } from './generator.js'
import { buildTopology, COUNTS_STORE, ORDER_COUNTS_TOPIC, ORDERS_TOPIC, type Order } from './topology.js'

/** How the application is run. */
export interface OrdersAppOptions {
  readonly bootstrap: readonly string[]
  readonly stateDir: string
  readonly applicationId?: string
  readonly processingGuarantee?: 'at_least_once' | 'exactly_once_v2'
  readonly logger?: Logger
}

/** The orders-per-customer application: the example's topology in a `KafkaStreams` instance (not started). */
export function createOrdersApp(options: OrdersAppOptions): KafkaStreams {
  const builder = new StreamsBuilder()
  buildTopology(builder)
  return new KafkaStreams(builder.build(), {
    applicationId: options.applicationId ?? 'orders-per-customer',
    bootstrapServers: [...options.bootstrap],
    stateDir: options.stateDir,
    processingGuarantee: options.processingGuarantee ?? 'exactly_once_v2',
    // Counts reach order-counts at every commit: once a second is lively enough for a demo.
    commitIntervalMs: options.processingGuarantee === 'at_least_once' ? 1000 : 100,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
}

/** Options of `runOrdersDemo`. */
export interface OrdersDemoOptions extends OrdersAppOptions {
  /** Where the demo prints (one line per call). */
  readonly out: (line: string) => void
  /** Settles when the demo should stop (a signal). */
  readonly stop: Promise<unknown>
  /** Stop by itself after this long, waiting for the counts to catch up; null: run until `stop`. */
  readonly durationMs?: number | null
  /** Orders per second (default 300). */
  readonly ratePerSec?: number
  /** Partitions of `orders` and `order-counts` (default 4). */
  readonly partitions?: number
  /** Customers shown in each report line (default 5). */
  readonly top?: number
  /** Report period (default 1000 ms). */
  readonly reportIntervalMs?: number
  /** Seed of the order generator (default: random). */
  readonly seed?: number
}

/** What a demo run did. */
export interface OrdersDemoResult {
  /** Why it stopped. */
  readonly reason: 'duration' | 'signal' | 'error'
  /** Orders acknowledged by the broker. */
  readonly produced: number
  /** Sum of the latest count per customer read from `order-counts`. */
  readonly counted: number
  /** The latest count per customer read from `order-counts`. */
  readonly counts: ReadonlyMap<string, number>
  /** Whether the `orders-per-customer` store, queried through interactive queries, matched the topic; null when not checked. */
  readonly storeAgrees: boolean | null
}

const S = Serdes.String()
const L = Serdes.Long()
const ORDER = Serdes.JSON<Order>()

/** The latest count per customer, read from `order-counts` without a consumer group. */
class CountsReader {
  readonly counts = new Map<string, number>()
  updates = 0
  counted = 0
  private running = true
  private loop: Promise<void> = Promise.resolve()

  constructor(private readonly consumer: RestoreConsumerPort) {}

  async start(partitions: number): Promise<void> {
    await this.consumer.connect()
    this.consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic: ORDER_COUNTS_TOPIC, partition, offset: null })))
    this.loop = (async () => {
      while (this.running) {
        for (const batch of await this.consumer.poll(200)) {
          for (const r of batch.records) {
            const customer = S.deserializer.deserialize(ORDER_COUNTS_TOPIC, r.key)
            const count = L.deserializer.deserialize(ORDER_COUNTS_TOPIC, r.value)
            if (customer === null || count === null) continue
            this.counted += count - (this.counts.get(customer) ?? 0)
            this.counts.set(customer, count)
            this.updates++
          }
        }
      }
    })()
  }

  top(n: number): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n)
  }

  async stop(): Promise<void> {
    this.running = false
    await this.loop.catch(() => undefined)
    await this.consumer.close()
  }
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width)
}

function formatTop(entries: readonly [string, number][]): string {
  return entries.map(([c, n]) => `${c} ${n}`).join(' · ')
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() >= deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

/**
 * Runs the demo against the cluster at `bootstrap`: creates `orders` and `order-counts`,
 * starts the application, the generator and the counts reader, prints a report line every
 * second, and on `stop` (or after `durationMs`, once the counts caught up) stops everything and
 * prints a summary that checks the counts against the orders produced and the state store.
 */
export async function runOrdersDemo(options: OrdersDemoOptions): Promise<OrdersDemoResult> {
  const { out } = options
  const logger = options.logger ?? silentLogger
  const partitions = options.partitions ?? 4
  const top = options.top ?? 5
  const ratePerSec = options.ratePerSec ?? 300
  const supplier = new KafkaJsClientSupplier({ brokers: options.bootstrap, clientId: 'orders-demo' }, logger)
  let signalled = false
  const stop = options.stop.then(() => (signalled = true))

  const admin = supplier.admin()
  await admin.connect()
  try {
    await admin.createTopics(
      [ORDERS_TOPIC, ORDER_COUNTS_TOPIC].map((name) => ({ name, partitions, replicationFactor: -1, config: {} })),
    )
  } finally {
    await admin.close()
  }

  const app = createOrdersApp(options)
  let failure: unknown = null
  let generatorFailed!: () => void
  const generatorFailure = new Promise<void>((resolve) => (generatorFailed = resolve))
  const failed = new Promise<void>((resolve) =>
    app.onStateChange((state) => {
      if (state === 'RUNNING') out(`application ${app.config.applicationId}: RUNNING`)
      if (state === 'ERROR') resolve()
    }),
  )
  const reader = new CountsReader(supplier.restoreConsumer({ clientId: 'orders-demo-reader' }))
  const producer = supplier.producer({ clientId: 'orders-demo-generator', transactionalId: null, transactionTimeoutMs: 60_000 })
  const generator = new OrderGenerator({
    ratePerSec,
    ...(options.seed === undefined ? {} : { random: seededRandom(options.seed) }),
    send: async (orders) => {
      const timestamp = Date.now()
      await producer.send(
        orders.map((o) => ({
          topic: ORDERS_TOPIC,
          partition: null,
          key: S.serializer.serialize(ORDERS_TOPIC, o.id),
          value: ORDER.serializer.serialize(ORDERS_TOPIC, o),
          timestamp,
          headers: null,
        })),
      )
    },
    onError: (err) => {
      failure ??= err
      logger.error({ err }, 'The order generator failed')
      generatorFailed()
    },
  })

  let report: NodeJS.Timeout | undefined
  let durationTimer: NodeJS.Timeout | undefined
  let reason: OrdersDemoResult['reason'] = 'signal'
  let storeAgrees: boolean | null = null
  try {
    out(`starting ${app.config.applicationId} (${app.config.processingGuarantee}), generating ${ratePerSec} orders/s into '${ORDERS_TOPIC}'`)
    await app.start()
    await reader.start(partitions)
    await producer.connect()
    generator.start()
    const startedAt = Date.now()
    let last = { at: startedAt, sent: 0, updates: 0 }
    out(`${pad('time', 6)}  ${pad('orders/s in', 11)}  ${pad('updates/s out', 13)}  ${pad('produced', 8)}  ${pad('counted', 8)}  top customers`)
    report = setInterval(() => {
      const now = Date.now()
      const secs = Math.max((now - last.at) / 1000, 0.001)
      const inRate = Math.round((generator.sent - last.sent) / secs)
      const outRate = Math.round((reader.updates - last.updates) / secs)
      last = { at: now, sent: generator.sent, updates: reader.updates }
      out(
        `${pad(`${Math.round((now - startedAt) / 1000)}s`, 6)}  ${pad(inRate, 11)}  ${pad(outRate, 13)}  ` +
          `${pad(generator.sent, 8)}  ${pad(reader.counted, 8)}  ${formatTop(reader.top(top))}`,
      )
    }, options.reportIntervalMs ?? 1000)
    const elapsed = options.durationMs == null ? new Promise<void>(() => {}) : new Promise<void>((r) => (durationTimer = setTimeout(r, options.durationMs!)))
    reason = await Promise.race([
      stop.then(() => 'signal' as const),
      elapsed.then(() => 'duration' as const),
      failed.then(() => 'error' as const),
      generatorFailure.then(() => 'error' as const),
    ])
    await generator.stop()
    if (reason === 'duration') {
      out(`stopping the generator after ${generator.sent} orders; waiting for the counts to catch up`)
      const caughtUp = await waitUntil(() => reader.counted >= generator.sent || signalled || app.state === 'ERROR', 20_000)
      if (!caughtUp) out(`the counts did not catch up within 20 s (${reader.counted} of ${generator.sent})`)
    }
    clearInterval(report)
    if (reason === 'signal' && reader.counts.size > 0) {
      // Stopped mid-stream: the store is ahead of what the committed output shows, so there is nothing to compare.
      out(`stopped before '${ORDER_COUNTS_TOPIC}' caught up with the store: no comparison (run with --duration for one)`)
    } else if (app.state === 'RUNNING' && reader.counts.size > 0) {
      const store = app.store(COUNTS_STORE, QueryableStoreTypes.keyValueStore<string, number>())
      storeAgrees = [...reader.counts].every(([customer, count]) => store.get(customer) === count)
      out(`interactive query of store '${COUNTS_STORE}': ${storeAgrees ? 'agrees with' : 'differs from'} '${ORDER_COUNTS_TOPIC}' for ${reader.counts.size} customers`)
    }
  } finally {
    clearInterval(report)
    clearTimeout(durationTimer)
    await generator.stop()
    await producer.close()
    await reader.stop()
    const closed = await app.close({ timeoutMs: 20_000 })
    if (!closed) out('the application did not close within 20 s')
  }
  if (app.state === 'ERROR' || failure !== null) reason = 'error'
  out(`orders produced: ${generator.sent}, counted in '${ORDER_COUNTS_TOPIC}': ${reader.counted}; top: ${formatTop(reader.top(top))}`)
  return { reason, produced: generator.sent, counted: reader.counted, counts: new Map(reader.counts), storeAgrees }
}
