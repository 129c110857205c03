import type { Admin, Kafka } from 'kafkajs'
import type { AdminPort, NewTopic } from '../../runtime/ports.js'
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

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => {})
  }
}
