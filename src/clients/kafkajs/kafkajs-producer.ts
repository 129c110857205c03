import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer, type RecordMetadata, type Transaction } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import type { OffsetAndMetadata, PartitionAck, ProducerPort, ProducerRecord } from '../../runtime/ports.js'
import { headersToKafkaJs, offsetOf } from './internal/convert.js'
import { wrapKafkaJsError } from './internal/errors.js'

/** Options of the producer adapter. */
export interface KafkaJsProducerOptions {
  /** Transactional id for exactly-once, or null for a plain producer. */
  readonly transactionalId: string | null
  readonly transactionTimeoutMs: number
  readonly logger: Logger
}

/**
 * The runtime's producer on kafkajs. Plain: acks=all sends. Transactional (exactly-once v2):
 * idempotent with one request in flight; `beginTransaction` opens a kafkajs transaction that
 * later sends, `sendOffsetsToTransaction` and commit/abort go through. Partitions chosen by the
 * runtime are passed through; for records without one, kafkajs's Java-compatible default
 * partitioner decides. Fencing errors become `ProducerFencedError`.
 */
export class KafkaJsProducer implements ProducerPort {
  readonly transactional: boolean
  private readonly producer: Producer
  private transaction: Transaction | null = null

  constructor(kafka: Kafka, private readonly options: KafkaJsProducerOptions) {
    this.transactional = options.transactionalId !== null
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
      ...(options.transactionalId === null
        ? {}
        : {
            transactionalId: options.transactionalId,
            idempotent: true,
            maxInFlightRequests: 1,
            transactionTimeout: options.transactionTimeoutMs,
          }),
    })
  }

  async connect(): Promise<void> {
    try {
      await this.producer.connect()
    } catch (err) {
      throw wrapKafkaJsError('producer connect', err)
    }
  }

  async send(records: readonly ProducerRecord[]): Promise<PartitionAck[]> {
    if (records.length === 0) return []
    const byTopic = new Map<string, { messages: Message[]; counts: number[]; implicit: boolean }>()
    for (const r of records) {
      let t = byTopic.get(r.topic)
      if (t === undefined) {
        t = { messages: [], counts: [], implicit: false }
        byTopic.set(r.topic, t)
      }
      const message: Message = { key: r.key, value: r.value, timestamp: String(r.timestamp) }
      const headers = headersToKafkaJs(r.headers)
      if (headers !== undefined) message.headers = headers
      if (r.partition !== null) {
        message.partition = r.partition
        t.counts[r.partition] = (t.counts[r.partition] ?? 0) + 1
      } else t.implicit = true
      t.messages.push(message)
    }
    const sender = this.transaction ?? this.producer
    let result: RecordMetadata[]
    try {
      result = await sender.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, t]) => ({ topic, messages: t.messages })),
      })
    } catch (err) {
      throw wrapKafkaJsError('send', err)
    }
    return result.map((m) => {
      // The last offset is known only where the runtime chose every partition of the topic.
      const t = byTopic.get(m.topicName)
      const count = t === undefined || t.implicit ? undefined : t.counts[m.partition]
      const base = offsetOf(m.baseOffset ?? m.offset)
      return { topic: m.topicName, partition: m.partition, lastOffset: count !== undefined && base >= 0 ? base + count - 1 : null }
    })
  }

  async beginTransaction(): Promise<void> {
    if (!this.transactional) throw new Error('beginTransaction on a non-transactional producer')
    if (this.transaction !== null) throw new Error('a transaction is already open')
    try {
      this.transaction = await this.producer.transaction()
    } catch (err) {
      throw wrapKafkaJsError('beginTransaction', err)
    }
  }

  async sendOffsetsToTransaction(offsets: readonly OffsetAndMetadata[], groupId: string): Promise<void> {
    const txn = this.requireTransaction()
    if (offsets.length === 0) return
    const topics = new Map<string, { partition: number; offset: string }[]>()
    for (const o of offsets) {
      const list = topics.get(o.topic) ?? []
      list.push({ partition: o.partition, offset: String(o.offset) })
      topics.set(o.topic, list)
    }
    try {
      await txn.sendOffsets({ consumerGroupId: groupId, topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) })
    } catch (err) {
      throw wrapKafkaJsError('sendOffsets', err)
    }
  }

  async commitTransaction(): Promise<void> {
    const txn = this.requireTransaction()
    this.transaction = null
    try {
      await txn.commit()
    } catch (err) {
      throw wrapKafkaJsError('commitTransaction', err)
    }
  }

  async abortTransaction(): Promise<void> {
    const txn = this.transaction
    this.transaction = null
    if (txn === null || !txn.isActive()) return
    try {
      await txn.abort()
    } catch (err) {
      throw wrapKafkaJsError('abortTransaction', err)
    }
  }

  async close(): Promise<void> {
    if (this.transaction !== null) {
      try {
        await this.abortTransaction()
      } catch (err) {
        this.options.logger.debug({ err }, 'Abort on close failed')
      }
    }
    await this.producer.disconnect().catch(() => {})
  }

  private requireTransaction(): Transaction {
    if (this.transaction === null) throw new Error('no open transaction')
    return this.transaction
  }
}
