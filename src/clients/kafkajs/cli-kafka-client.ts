import { Kafka, logLevel, Partitioners } from 'kafkajs'
import type { ConfigResourceTypes, Consumer, logCreator, Producer } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import { silentLogger } from '../../logging/index.js'
import type { RawRecord, RestoreConsumerPort } from '../../runtime/ports.js'
import { KafkaJsAdmin } from './kafkajs-admin.js'
import { KafkaJsRestoreConsumer } from './kafkajs-restore-consumer.js'
import { rawRecordsOf } from './internal/convert.js'
import { wrapKafkaJsError } from './internal/errors.js'

/**
 * kafkajs's own log lines, all at debug: the CLI reports every failure itself, and kafkajs logs
 * routine outcomes (a topic that already exists, a retried request) as errors.
 */
function quietLogCreator(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' })
  return () =>
    ({ namespace, log: entry }) => {
      const { message, ...rest } = entry
      log.debug({ namespace, ...rest }, message)
    }
}

/** Kafka's config resource type of a topic (kafkajs's `ConfigResourceTypes.TOPIC`, not importable by name from ESM). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes

/** One partition of a described topic. */
export interface CliPartitionDescription {
  readonly partition: number
  readonly leader: number
  readonly replicas: readonly number[]
  readonly isr: readonly number[]
  /** Log start offset. */
  readonly startOffset: number
  /** High watermark (the offset the next record gets). */
  readonly endOffset: number
}

/** A topic as `tributary topics describe` shows it. */
export interface CliTopicDescription {
  readonly name: string
  readonly partitions: readonly CliPartitionDescription[]
  /** Topic configs set on the topic (not broker defaults), by name. */
  readonly configs: ReadonlyMap<string, string>
}

/** A topic for `tributary topics create`. */
export interface CliNewTopic {
  readonly name: string
  /** -1: the broker's `num.partitions`. */
  readonly partitions: number
  /** -1: the broker's default replication factor. */
  readonly replicationFactor: number
  readonly config: { readonly [key: string]: string }
}

/** A record read by `consume`. */
export interface CliConsumedRecord extends RawRecord {
  readonly topic: string
  readonly partition: number
}

/** How `consume` reads. */
export interface CliConsumeOptions {
  readonly topic: string
  /**
   * Consumer group whose committed positions are used and advanced; null reads without a group
   * (every partition, nothing committed, as kcat does).
   */
  readonly groupId: string | null
  /** Start at the log start (with a group: only when it has no committed position); else at the end. */
  readonly fromBeginning: boolean
  /** Called for every record in partition order; return false to stop before the next record. */
  readonly onRecord: (record: CliConsumedRecord) => boolean
}

/** A running `consume`: settles when it stopped (by `onRecord`, `stop()` or an error). */
export interface CliConsumption {
  readonly done: Promise<void>
  stop(): Promise<void>
}

/**
 * The Kafka operations of the `tributary` everyday commands (topics, produce, consume) on
 * kafkajs, against any Kafka-protocol cluster. Connection failures retry briefly so a command
 * pointed at the wrong address fails within seconds.
 */
export class CliKafkaClient {
  private readonly kafka: Kafka
  private readonly logger: Logger
  private producer: Producer | null = null

  constructor(bootstrap: readonly string[], logger: Logger = silentLogger) {
    this.logger = logger
    this.kafka = new Kafka({
      clientId: 'tributary-cli',
      brokers: [...bootstrap],
      connectionTimeout: 3000,
      logLevel: logger.isLevelEnabled('debug') ? logLevel.DEBUG : logLevel.NOTHING,
      logCreator: quietLogCreator(logger),
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    })
  }

  /** Every topic name in the cluster, sorted. */
  async listTopics(): Promise<string[]> {
    return this.withAdmin('listTopics', async (admin) => (await admin.listTopics()).sort())
  }

  /** Creates a topic; resolves false when it already exists. */
  async createTopic(topic: CliNewTopic): Promise<boolean> {
    return this.withAdmin('createTopics', (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: topic.name,
            numPartitions: topic.partitions,
            replicationFactor: topic.replicationFactor,
            configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
          },
        ],
      }),
    )
  }

  /** Partitions (leaders, replicas, offsets) and non-default configs of the topics of `names` that exist. */
  async describeTopics(requested: readonly string[]): Promise<CliTopicDescription[]> {
    return this.withAdmin('describeTopics', async (admin) => {
      const existing = new Set(await admin.listTopics())
      const names = [...new Set(requested)].filter((n) => existing.has(n))
      if (names.length === 0) return []
      const { topics } = await admin.fetchTopicMetadata({ topics: names })
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({ type: TOPIC_RESOURCE, name })),
      })
      const out: CliTopicDescription[] = []
      for (const name of names) {
        const meta = topics.find((t) => t.name === name)
        if (meta === undefined) continue
        const offsets = await admin.fetchTopicOffsets(name)
        const resource = configs.resources.find((r) => r.resourceName === name)
        const set = new Map<string, string>()
        for (const e of resource?.configEntries ?? []) if (!e.isDefault && e.configValue !== null) set.set(e.configName, e.configValue)
        out.push({
          name,
          configs: set,
          partitions: [...meta.partitions]
            .sort((a, b) => a.partitionId - b.partitionId)
            .map((p) => {
              const o = offsets.find((x) => x.partition === p.partitionId)
              return {
                partition: p.partitionId,
                leader: p.leader,
                replicas: p.replicas,
                isr: p.isr,
                startOffset: Number(o?.low ?? 0),
                endOffset: Number(o?.high ?? 0),
              }
            }),
        })
      }
      return out
    })
  }

  /** Deletes topics. @throws when one does not exist. */
  async deleteTopics(names: readonly string[]): Promise<void> {
    await this.withAdmin('deleteTopics', (admin) => admin.deleteTopics({ topics: [...names], timeout: 10_000 }))
  }

  /**
   * Sends records to `topic` (acks=all, kafkajs's Java-compatible default partitioner for keyed
   * records, no topic auto-creation) and waits for the acknowledgement.
   */
  async produce(topic: string, records: readonly { readonly key: Buffer | null; readonly value: Buffer | null }[]): Promise<void> {
    if (records.length === 0) return
    try {
      if (this.producer === null) {
        const producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner })
        await producer.connect()
        this.producer = producer
      }
      await this.producer.send({ topic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value })) })
    } catch (err) {
      throw wrapKafkaJsError('produce', err)
    }
  }

  /** Reads `topic` until `onRecord` returns false or `stop()` is called. */
  async consume(options: CliConsumeOptions): Promise<CliConsumption> {
    return options.groupId === null ? this.consumeWithoutGroup(options) : this.consumeInGroup(options, options.groupId)
  }

  /** Disconnects the producer (consumptions are stopped by their own `stop`). */
  async close(): Promise<void> {
    const producer = this.producer
    this.producer = null
    if (producer !== null) await producer.disconnect().catch(() => {})
  }

  private async consumeWithoutGroup(options: CliConsumeOptions): Promise<CliConsumption> {
    const admin = new KafkaJsAdmin(this.kafka)
    await admin.connect()
    let count: number | undefined
    try {
      count = (await admin.partitionCounts([options.topic])).get(options.topic)
    } finally {
      await admin.close()
    }
    if (count === undefined) throw wrapKafkaJsError('consume', new Error(`Topic ${options.topic} does not exist`))
    const consumer: RestoreConsumerPort = new KafkaJsRestoreConsumer(this.kafka, 'tributary-cli', this.logger)
    await consumer.connect()
    const partitions = Array.from({ length: count }, (_, partition) => ({ topic: options.topic, partition }))
    const ends = options.fromBeginning ? new Map<string, number>() : await consumer.endOffsets(partitions)
    consumer.assign(partitions.map((p) => ({ ...p, offset: options.fromBeginning ? null : (ends.get(`${p.topic}-${p.partition}`) ?? null) })))
    let running = true
    const done = (async () => {
      try {
        while (running) {
          const batches = await consumer.poll(200)
          for (const b of batches) {
            for (const r of b.records) {
              if (!running) break
              if (!options.onRecord({ ...r, topic: b.topic, partition: b.partition })) running = false
            }
          }
        }
      } finally {
        await consumer.close()
      }
    })()
    return {
      done,
      stop: async () => {
        running = false
        await done.catch(() => {})
      },
    }
  }

  private async consumeInGroup(options: CliConsumeOptions, groupId: string): Promise<CliConsumption> {
    const consumer: Consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 })
    let running = true
    let settle!: (err?: unknown) => void
    const finished = new Promise<void>((resolve, reject) => (settle = (err?: unknown) => (err === undefined ? resolve() : reject(err))))
    try {
      await consumer.connect()
      await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning })
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) settle(wrapKafkaJsError('consume', e.payload.error))
      })
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, isRunning, isStale }) => {
          let next: number | null = null
          for (const r of rawRecordsOf(batch.messages)) {
            if (!running || !isRunning() || isStale()) break
            next = r.offset + 1
            if (!options.onRecord({ ...r, topic: batch.topic, partition: batch.partition })) {
              running = false
              settle()
            }
          }
          if (next !== null) await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(next) }])
        },
      })
    } catch (err) {
      await consumer.disconnect().catch(() => {})
      throw wrapKafkaJsError('consume', err)
    }
    const done = finished.finally(() => consumer.disconnect().catch(() => {}))
    return {
      done,
      stop: async () => {
        running = false
        settle()
        await done.catch(() => {})
      },
    }
  }

  private async withAdmin<T>(operation: string, fn: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin()
    try {
      await admin.connect()
      return await fn(admin)
    } catch (err) {
      throw wrapKafkaJsError(operation, err)
    } finally {
      await admin.disconnect().catch(() => {})
    }
  }
}
