import type { SinkNodeModel } from '../../../../processor-api/internal/topology-model.js'
import type { Serializer } from '../../../../processor-api/serde/serde.js'
import type { RecordContext, StreamPartitioner, TopicNameExtractor } from '../../../../processor-api/topology-options.js'
import { MissingSerdeError, RecordProductionError } from '../../errors.js'
import { FixedKeyRecord, Record } from '../../../../processor-api/record.js'
import { NO_HEADERS } from './no-headers.js'
import type { AnyRecord, ChildNode } from './processor-context-impl.js'
import type { ProcessingState } from './processing-state.js'

/**
 * Kafka's `SinkNode`: serializes each record (sink serializers or the default serdes), picks the
 * topic (fixed or via the extractor) and partition (via the partitioner when set, else null for
 * the collector's default), and hands the bytes to the record collector.
 */
export class SinkNode implements ChildNode {
  readonly name: string
  private readonly topic: string | null
  private readonly topicExtractor: TopicNameExtractor<unknown, unknown> | null
  private readonly keySerializer: Serializer<unknown>
  private readonly valueSerializer: Serializer<unknown>
  private readonly partitioner: StreamPartitioner<unknown, unknown> | null
  /** A serializer declares the headers parameter: it gets the record's own (mutable) headers. */
  private readonly serializersTakeHeaders: boolean

  constructor(
    model: SinkNodeModel,
    private readonly state: ProcessingState,
  ) {
    this.name = model.name
    this.topic = typeof model.topic === 'string' ? model.topic : null
    this.topicExtractor = typeof model.topic === 'string' ? null : model.topic
    const keySerializer = model.keySerializer ?? state.config.defaultKeySerde?.serializer ?? null
    const valueSerializer = model.valueSerializer ?? state.config.defaultValueSerde?.serializer ?? null
    if (keySerializer === null || valueSerializer === null) {
      throw new MissingSerdeError(
        `Sink ${model.name} has no ${keySerializer === null ? 'key' : 'value'} serializer and no default ` +
          `${keySerializer === null ? 'key' : 'value'} serde is configured: pass one in the sink options ` +
          `(Produced.with(...)) or configure defaultKeySerde/defaultValueSerde`,
        { nodeName: model.name },
      )
    }
    this.keySerializer = keySerializer
    this.valueSerializer = valueSerializer
    this.partitioner = model.partitioner
    this.serializersTakeHeaders = keySerializer.serialize.length >= 3 || valueSerializer.serialize.length >= 3
  }

  process(record: AnyRecord): void {
    const state = this.state
    const topic = this.topicExtractor === null ? this.topic! : this.extractTopic(record)
    let key: Buffer | null
    let value: Buffer | null
    // A record without headers needs no Headers object of its own unless a serializer may add some.
    const headers = this.serializersTakeHeaders || record instanceof FixedKeyRecord ? record.headers : (Record.headersIfAny(record) ?? NO_HEADERS)
    try {
      key = this.keySerializer.serialize(topic, record.key, headers)
      value = this.valueSerializer.serialize(topic, record.value, headers)
    } catch (err) {
      if (this.continueAfterSerializationError(topic, record, err)) return
      throw new RecordProductionError(
        `Sink ${this.name} failed to serialize a record for topic ${topic} (task ${state.taskIdText}): ` +
          `${err instanceof Error ? err.message : String(err)}`,
        { topic, processorName: this.name, cause: err },
      )
    }
    const partition = this.partitioner === null ? null : this.partitionFor(topic, record)
    if (partition === null || typeof partition === 'number') {
      state.collector.send({ topic, partition, key, value, timestamp: record.timestamp, headers })
      return
    }
    // Multicast: one record per chosen partition; none chosen drops the record, as Kafka.
    if (partition.length === 0) {
      state.config.logger.debug({ taskId: state.taskIdText, processor: this.name, topic }, 'Dropping record: the partitioner chose no partition')
    }
    for (const p of partition) state.collector.send({ topic, partition: p, key, value, timestamp: record.timestamp, headers })
  }

  /** Asks the production exception handler; true: log and drop the record. */
  private continueAfterSerializationError(topic: string, record: AnyRecord, error: unknown): boolean {
    const state = this.state
    const handler = state.config.productionExceptionHandler
    let response: string = handler === 'log-and-continue' ? 'CONTINUE' : 'FAIL'
    if (typeof handler === 'function') {
      response = handler({
        taskId: state.taskId,
        processorName: this.name,
        topic,
        key: record.key,
        value: record.value,
        timestamp: record.timestamp,
        error,
      })
    }
    if (response !== 'CONTINUE') return false
    state.config.logger.warn(
      { taskId: state.taskIdText, processor: this.name, topic, err: error },
      'Skipping record that could not be serialized (production exception handler said continue)',
    )
    return true
  }

  private extractTopic(record: AnyRecord): string {
    const state = this.state
    const context: RecordContext = {
      timestamp: record.timestamp,
      headers: record.headers,
      ...(state.topic === null ? {} : { topic: state.topic, partition: state.partition, offset: state.offset }),
    }
    let topic: string
    try {
      topic = this.topicExtractor!(record.key, record.value, context)
    } catch (err) {
      throw state.wrapError(err, this.name)
    }
    if (typeof topic !== 'string' || topic.length === 0) {
      throw new RecordProductionError(`The topic name extractor of sink ${this.name} returned no topic name`, {
        topic: String(topic),
        processorName: this.name,
      })
    }
    return topic
  }

  /** The partition, the partitions (multicast, distinct, maybe none) or null (default partitioner) of `record`. */
  private partitionFor(topic: string, record: AnyRecord): number | readonly number[] | null {
    const count = this.state.collector.partitionsFor(topic)
    if (count === null || count < 1) {
      throw new RecordProductionError(
        `Could not get partition information for topic ${topic} for task ${this.state.taskIdText}. ` +
          `This can happen if the topic does not exist.`,
        { topic, processorName: this.name },
      )
    }
    let p: number | readonly number[] | null | undefined
    try {
      p = this.partitioner!(topic, record.key, record.value, count)
    } catch (err) {
      throw this.state.wrapError(err, this.name)
    }
    if (p === null || p === undefined) return null
    if (typeof p === 'number') return this.checkedPartition(p, topic, count)
    const chosen = new Set<number>()
    for (const one of p) chosen.add(this.checkedPartition(one, topic, count))
    return [...chosen]
  }

  private checkedPartition(p: unknown, topic: string, count: number): number {
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || (p >= count && this.state.collector.acceptsAnyPartition !== true)) {
      throw new RecordProductionError(
        `The partitioner of sink ${this.name} chose partition ${String(p)} of topic ${topic}, which has ${count} partitions`,
        { topic, processorName: this.name },
      )
    }
    return p
  }
}
