import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer, type ProducerConfig, type RecordMetadata, type Transaction } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import type { OffsetAndMetadata, PartitionAck, ProducerPort, ProducerRecord } from '../../runtime/ports.js'
import { headersToKafkaJs, offsetOf } from './internal/convert.js'
import { wrapKafkaJsError } from './internal/errors.js'
import { carrierMessage, fastProducerOf } from './internal/fast-produce.js'

/** Options of the producer adapter. */
export interface KafkaJsProducerOptions {
  /** Transactional id for exactly-once, or null for a plain producer. */
  readonly transactionalId: string | null
  readonly transactionTimeoutMs: number
  readonly logger: Logger
  /**
   * Encode produce requests here instead of in kafkajs (`internal/fast-produce.ts`; default true).
   * Without kafkajs 2.x internals on the instance, kafkajs encodes anyway.
   */
  readonly fastProduce?: boolean
}

/**
 * The runtime's producer on kafkajs. Plain: acks=all sends. Transactional (exactly-once v2):
 * idempotent with one request in flight; `beginTransaction` opens a kafkajs transaction that
 * later sends, `sendOffsetsToTransaction` and commit/abort go through. Partitions chosen by the
 * runtime are passed through; for records without one, kafkajs's Java-compatible default
 * partitioner decides. Fencing errors become `ProducerFencedError`. Record batches are encoded
 * here, not by kafkajs (`internal/fast-produce.ts`), when the `Kafka` instance is kafkajs 2.x.
 */
export class KafkaJsProducer implements ProducerPort {
  readonly transactional: boolean
  private readonly producer: Producer
  /** True when records travel as carrier messages (the fast produce path). */
  private readonly carriers: boolean
  private transaction: Transaction | null = null

  constructor(kafka: Kafka, private readonly options: KafkaJsProducerOptions) {
    this.transactional = options.transactionalId !== null
    const config: ProducerConfig = {
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
    }
    const fast = options.fastProduce === false ? null : fastProducerOf(kafka, config)
    this.carriers = fast !== null
    this.producer = fast ?? kafka.producer(config)
  }

  /** True when produce requests are encoded by `internal/fast-produce.ts` (false: kafkajs encodes). */
  get fastProduce(): boolean {
    return this.carriers
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
    const byTopic = this.carriers ? carrierMessagesOf(records) : plainMessagesOf(records)
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

/** One topic's messages of a send, with the records sent per partition (where the runtime chose them). */
interface TopicMessages {
  readonly messages: Message[]
  readonly counts: number[]
  /** True when kafkajs's partitioner picks the partition of some record. */
  implicit: boolean
}

/** kafkajs messages, one per record (kafkajs encodes them). */
function plainMessagesOf(records: readonly ProducerRecord[]): Map<string, TopicMessages> {
  const byTopic = new Map<string, TopicMessages>()
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
  return byTopic
}

/**
 * Carrier messages for the fast produce path: one per partition the runtime chose, holding that
 * partition's records in order; for a topic with a record whose partition kafkajs picks, one
 * carrier per record (kafkajs's partitioner sees each key; per-partition order is kept).
 */
function carrierMessagesOf(records: readonly ProducerRecord[]): Map<string, TopicMessages> {
  const perTopic = new Map<string, { records: ProducerRecord[]; implicit: boolean }>()
  for (const r of records) {
    let t = perTopic.get(r.topic)
    if (t === undefined) {
      t = { records: [], implicit: false }
      perTopic.set(r.topic, t)
    }
    t.records.push(r)
    if (r.partition === null) t.implicit = true
  }
  const byTopic = new Map<string, TopicMessages>()
  for (const [topic, t] of perTopic) {
    const out: TopicMessages = { messages: [], counts: [], implicit: t.implicit }
    if (t.implicit) {
      for (const r of t.records) out.messages.push(carrierMessage([r], r.partition))
    } else {
      const perPartition: ProducerRecord[][] = []
      for (const r of t.records) (perPartition[r.partition!] ??= []).push(r)
      perPartition.forEach((rs, partition) => {
        out.counts[partition] = rs.length
        out.messages.push(carrierMessage(rs, partition))
      })
    }
    byTopic.set(topic, out)
  }
  return byTopic
}
