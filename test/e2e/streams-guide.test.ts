/**
 * The code of docs/guides/running-an-application.md, run on the bundled broker: the guide's
 * blocks are copied from this file (a test below checks it), so the guide cannot rot.
 */
import { readFileSync } from 'node:fs'
import { filter, firstValueFrom } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Consumed,
  Grouped,
  KafkaStreams,
  Produced,
  QueryableStoreTypes,
  Serdes,
  StreamsBuilder,
  silentLogger,
  type Broker,
} from '../../src/index.js'
import { startTestBroker } from './broker-harness.js'
import { createTopics, produce, quietKafka, readUntil } from './helpers/streams-harness.js'
import { tempDir } from '../helpers/temp-dir.js'

describe('the running-an-application guide', () => {
  let broker: Broker
  let dir: { path: string; cleanup: () => Promise<void> }

  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 })
    dir = await tempDir()
  })

  afterAll(async () => {
    await broker?.stop()
    await dir?.cleanup()
  })

  it('runs the orders-per-customer application exactly once and queries its store', async () => {
    const kafka = quietKafka(broker)
    await createTopics(kafka, [{ topic: 'orders', partitions: 4 }, { topic: 'order-counts', partitions: 4 }])
    const bootstrapServers = broker.bootstrap
    const stateDir = dir.path
    const logger = silentLogger

    const builder = new StreamsBuilder()
    builder
      .stream<string, string>('orders', Consumed.with(Serdes.String(), Serdes.String()))
      .groupBy((_orderId, customer) => customer, Grouped.with(Serdes.String(), Serdes.String()))
      .count({ materialized: 'orders-per-customer' })
      .toStream()
      .to('order-counts', Produced.with(Serdes.String(), Serdes.Long()))

    const app = new KafkaStreams(builder.build(), {
      applicationId: 'orders-app',
      bootstrapServers,
      processingGuarantee: 'exactly_once_v2',
      stateDir,
      applicationServer: 'localhost:8080',
      logger,
    })
    app.onStateChange((state, previous) => logger.info({ state, previous }, 'orders-app state change'))
    const stop = (): void => void app.close({ timeoutMs: 30_000 })
    process.once('SIGTERM', stop)
    await app.start()

    const running = firstValueFrom(app.state$.pipe(filter((state) => state === 'RUNNING')))
    await running

    await produce(kafka, 'orders', [
      { key: 'o1', value: 'alice' },
      { key: 'o2', value: 'bob' },
      { key: 'o3', value: 'alice' },
    ])
    await readUntil(kafka, 'order-counts', (rs) => rs.some((r) => r.key!.toString() === 'alice' && r.value!.readBigInt64BE() === 2n))

    const counts = app.store('orders-per-customer', QueryableStoreTypes.keyValueStore<string, number>())
    const local = counts.get('alice') // 2, if this instance hosts alice's task
    const where = app.queryMetadataForKey('orders-per-customer', 'alice', Serdes.String().serializer)
    // where.activeHost is the { host, port } of the instance to ask; where.standbyHosts its warm replicas

    expect(local).toBe(2)
    expect(where.activeHost).toEqual({ host: 'localhost', port: 8080 })
    expect(where.standbyHosts).toEqual([])

    process.off('SIGTERM', stop)
    expect(await app.close({ timeoutMs: 30_000 })).toBe(true)
  }, 60_000)
})

describe('docs/guides/running-an-application.md', () => {
  it('shows only code copied from this test file', () => {
    const strip = (text: string): string =>
      text
        .split('\n')
        .map((l) => l.trim())
        .join('\n')
    const guide = readFileSync(new URL('../../docs/guides/running-an-application.md', import.meta.url), 'utf8')
    const source = strip(readFileSync(new URL(import.meta.url), 'utf8'))
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks.length).toBeGreaterThanOrEqual(4)
    for (const block of blocks) expect(source).toContain(strip(block).trim())
  })
})
