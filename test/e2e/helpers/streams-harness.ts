import { Kafka, logLevel, type Admin } from 'kafkajs'
import type { Broker } from '../../../src/broker/index.js'
import { KafkaStreams } from '../../../src/clients/kafkajs/index.js'
import type { StreamsConfigInput } from '../../../src/config/index.js'
import type { KafkaStreamsState } from '../../../src/runtime/events.js'
import type { Topology } from '../../../processor-api/topology.js'
import { waitFor } from '../../helpers/wait-for.js'

/** Streams settings that make tests fast: short commits, sessions and polls. */
export function fastStreamsConfig(broker: Broker, overrides: Partial<StreamsConfigInput> & { applicationId: string; stateDir: string }): StreamsConfigInput {
  return {
    bootstrapServers: broker.bootstrap,
    commitIntervalMs: 100,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    rebalanceTimeoutMs: 10_000,
    pollMs: 20,
    ...overrides,
  }
}

/** Creates topics (ignoring existing ones). */
export async function createTopics(kafka: Kafka, topics: { topic: string; partitions: number }[]): Promise<void> {
  const admin: Admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions })), waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}

/** Produces string key/values (acks=all). */
export async function produce(kafka: Kafka, topic: string, records: { key: string | null; value: string | Buffer | null; partition?: number }[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    for (let i = 0; i < records.length; i += 2000) {
      await producer.send({
        topic,
        acks: -1,
        messages: records.slice(i, i + 2000).map((r) => ({ key: r.key, value: r.value, ...(r.partition === undefined ? {} : { partition: r.partition }) })),
      })
    }
  } finally {
    await producer.disconnect()
  }
}

/** A consumed record of an output topic. */
export interface OutputRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly partition: number
  readonly offset: number
  readonly headers: { [k: string]: string }
}

/**
 * Reads a topic from the beginning with a fresh group (read_committed by default) until
 * `done(records)` holds or the timeout passes.
 */
export async function readUntil(
  kafka: Kafka,
  topic: string,
  done: (records: OutputRecord[]) => boolean,
  options: { timeoutMs?: number; readUncommitted?: boolean } = {},
): Promise<OutputRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Math.random().toString(36).slice(2)}`, readUncommitted: options.readUncommitted ?? false, maxWaitTimeInMs: 100 })
  const records: OutputRecord[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: { [k: string]: string } = {}
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v)
        records.push({ key: message.key, value: message.value, partition, offset: Number(message.offset), headers })
      },
    })
    await waitFor(() => done(records), { timeoutMs: options.timeoutMs ?? 20_000, what: `records of ${topic}` })
    return records
  } finally {
    await consumer.disconnect()
  }
}

/** Waits until the application reaches `state`. */
export async function waitForState(app: KafkaStreams, state: KafkaStreamsState, timeoutMs = 20_000): Promise<void> {
  await waitFor(() => app.state === state, { timeoutMs, what: `state ${state} (now ${app.state})` })
}

/** A kafkajs client that logs nothing. */
export function quietKafka(broker: Broker): Kafka {
  return new Kafka({ clientId: 'streams-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50, maxRetryTime: 500 } })
}

export { KafkaStreams, type Topology }
