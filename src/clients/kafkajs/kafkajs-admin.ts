import type { Admin, Kafka } from 'kafkajs'
import { topicPartitionKey, type AdminPort, type NewTopic, type TopicPartition } from '../../runtime/ports.js'
import { offsetOf } from './internal/convert.js'
import { wrapKafkaJsError } from './internal/errors.js'

/** The admin operations the runtime needs, on a kafkajs admin client (which never auto-creates topics). */
export class KafkaJsAdmin implements AdminPort {
  private readonly admin: Admin

  constructor(kafka: Kafka) {
    this.admin = kafka.admin()
  }

  async connect(): Promise<void> {
    try {
      await this.admin.connect()
    } catch (err) {
      throw wrapKafkaJsError('admin connect', err)
    }
  }

  async listTopics(): Promise<string[]> {
    try {
      return await this.admin.listTopics()
    } catch (err) {
      throw wrapKafkaJsError('listTopics', err)
    }
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    if (topics.length === 0) return out
    try {
      const existing = new Set(await this.admin.listTopics())
      const wanted = [...new Set(topics)].filter((t) => existing.has(t))
      if (wanted.length === 0) return out
      const { topics: meta } = await this.admin.fetchTopicMetadata({ topics: wanted })
      for (const t of meta) out.set(t.name, t.partitions.length)
      return out
    } catch (err) {
      throw wrapKafkaJsError('describeTopics', err)
    }
  }

  async createTopics(topics: readonly NewTopic[]): Promise<void> {
    if (topics.length === 0) return
    try {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      })
    } catch (err) {
      throw wrapKafkaJsError('createTopics', err)
    }
  }

  async listOffsets(partitions: readonly TopicPartition[], spec: 'earliest' | 'latest'): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    const wanted = new Set(partitions.map((p) => topicPartitionKey(p.topic, p.partition)))
    try {
      for (const topic of new Set(partitions.map((p) => p.topic))) {
        for (const p of await this.admin.fetchTopicOffsets(topic)) {
          const key = topicPartitionKey(topic, p.partition)
          if (wanted.has(key)) out.set(key, offsetOf(spec === 'earliest' ? p.low : p.high))
        }
      }
      return out
    } catch (err) {
      throw wrapKafkaJsError('listOffsets', err)
    }
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => {})
  }
}
