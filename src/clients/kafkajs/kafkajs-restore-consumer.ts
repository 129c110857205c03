import { randomUUID } from 'node:crypto'
import type { Cluster, Consumer, Kafka } from 'kafkajs'
import type { Logger } from '../../logging/index.js'
import type { ConsumedBatch, PartitionPosition, RawRecord, RestoreConsumerPort, TopicPartition } from '../../runtime/ports.js'
import { headersFromKafkaJs, offsetOf } from './internal/convert.js'
import { kafkaErrorType, wrapKafkaJsError } from './internal/errors.js'
import { readFetchResponse, type FetchedPartition } from './internal/fetch-response.js'

const READ_COMMITTED = 1
const FETCH_MAX_BYTES = 16 * 1024 * 1024
const PARTITION_MAX_BYTES = 4 * 1024 * 1024

/**
 * A group-less consumer on kafkajs (Kafka's restore and global consumers use `assign`, which
 * kafkajs lacks). It borrows the cluster of an idle kafkajs consumer (handed to partition
 * assigners, part of kafkajs's typed API) and issues Fetch requests itself with read_committed:
 * aborted transactional data and control records are dropped here, positions advance past them.
 */
export class KafkaJsRestoreConsumer implements RestoreConsumerPort {
  private cluster: Cluster | null = null
  private readonly holder: Consumer
  private readonly positions = new Map<string, { topic: string; partition: number; offset: number | null }>()
  private readonly logger: Logger

  constructor(kafka: Kafka, clientId: string, logger: Logger) {
    this.logger = logger.child({ component: 'restore-consumer' })
    // The group id is never joined: the consumer only lends its cluster connection.
    this.holder = kafka.consumer({
      groupId: `${clientId}-restore-${randomUUID()}`,
      allowAutoTopicCreation: false,
      readUncommitted: false,
      partitionAssigners: [
        ({ cluster }) => {
          this.cluster = cluster
          return { name: 'unused', version: 0, assign: async () => [], protocol: () => ({ name: 'unused', metadata: Buffer.alloc(0) }) }
        },
      ],
    })
  }

  async connect(): Promise<void> {
    try {
      await this.holder.connect()
    } catch (err) {
      throw wrapKafkaJsError('restore consumer connect', err)
    }
  }

  assign(positions: readonly PartitionPosition[]): void {
    this.positions.clear()
    for (const p of positions) this.positions.set(key(p.topic, p.partition), { topic: p.topic, partition: p.partition, offset: p.offset })
  }

  assignment(): TopicPartition[] {
    return [...this.positions.values()].map((p) => ({ topic: p.topic, partition: p.partition }))
  }

  position(partition: TopicPartition): number | null {
    return this.positions.get(key(partition.topic, partition.partition))?.offset ?? null
  }

  async poll(maxWaitMs: number): Promise<ConsumedBatch[]> {
    if (this.positions.size === 0) {
      await new Promise((r) => setTimeout(r, Math.min(maxWaitMs, 100)))
      return []
    }
    const cluster = this.requireCluster()
    await this.resolveUnknownPositions()
    const topics = [...new Set([...this.positions.values()].map((p) => p.topic))]
    try {
      await cluster.addMultipleTargetTopics(topics)
      const requests = new Map<string, Map<string, number[]>>()
      for (const topic of topics) {
        const partitions = [...this.positions.values()].filter((p) => p.topic === topic).map((p) => p.partition)
        const leaders = cluster.findLeaderForPartitions(topic, partitions)
        for (const [node, ps] of Object.entries(leaders)) {
          const byTopic = requests.get(node) ?? new Map<string, number[]>()
          byTopic.set(topic, ps)
          requests.set(node, byTopic)
        }
      }
      const responses = await Promise.all(
        [...requests].map(async ([nodeId, byTopic]) => {
          const broker = await cluster.findBroker({ nodeId })
          return broker.fetch({
            replicaId: -1,
            isolationLevel: READ_COMMITTED,
            maxWaitTime: maxWaitMs,
            minBytes: 1,
            maxBytes: FETCH_MAX_BYTES,
            topics: [...byTopic].map(([topic, ps]) => ({
              topic,
              partitions: ps.map((partition) => ({
                partition,
                fetchOffset: String(this.positions.get(key(topic, partition))!.offset),
                maxBytes: PARTITION_MAX_BYTES,
              })),
            })),
          }) as Promise<unknown>
        }),
      )
      const out: ConsumedBatch[] = []
      for (const response of responses) for (const part of readFetchResponse(response)) this.collect(part, out)
      return out
    } catch (err) {
      if (kafkaErrorType(err) === 'OFFSET_OUT_OF_RANGE') {
        await this.resetOutOfRange()
        return []
      }
      throw wrapKafkaJsError('restore fetch', err)
    }
  }

  async endOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return this.listOffsets(partitions, false)
  }

  async beginningOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return this.listOffsets(partitions, true)
  }

  async close(): Promise<void> {
    this.positions.clear()
    await this.holder.disconnect().catch(() => {})
  }

  private collect(part: FetchedPartition, out: ConsumedBatch[]): void {
    const pos = this.positions.get(key(part.topic, part.partition))
    if (pos === undefined || pos.offset === null) return
    const aborted = [...part.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset)
    const abortedProducers = new Set<string>()
    const records: RawRecord[] = []
    let next = pos.offset
    for (const m of part.messages) {
      const offset = offsetOf(m.offset)
      if (offset < pos.offset) continue
      next = offset + 1
      while (aborted.length > 0 && aborted[0]!.firstOffset <= offset) abortedProducers.add(aborted.shift()!.producerId)
      if (m.isControlRecord) {
        // A commit or abort marker ends the producer's transaction here.
        abortedProducers.delete(m.producerId)
        continue
      }
      if (m.inTransaction && abortedProducers.has(m.producerId)) continue
      records.push({ key: m.key, value: m.value, timestamp: Number(m.timestamp), offset, headers: headersFromKafkaJs(m.headers) })
    }
    pos.offset = next
    const endOffset = part.lastStableOffset >= 0 ? part.lastStableOffset : part.highWatermark
    out.push({ topic: part.topic, partition: part.partition, records, endOffset })
  }

  private async resolveUnknownPositions(): Promise<void> {
    const unknown = [...this.positions.values()].filter((p) => p.offset === null)
    if (unknown.length === 0) return
    const starts = await this.beginningOffsets(unknown)
    for (const p of unknown) p.offset = starts.get(key(p.topic, p.partition)) ?? 0
  }

  /** After OFFSET_OUT_OF_RANGE: positions before the log start (retention, compaction) restart at the log start. */
  private async resetOutOfRange(): Promise<void> {
    const all = [...this.positions.values()]
    const starts = await this.beginningOffsets(all)
    const ends = await this.listOffsets(all, false)
    for (const p of all) {
      const k = key(p.topic, p.partition)
      const start = starts.get(k) ?? 0
      const end = ends.get(k) ?? start
      if (p.offset === null || p.offset < start || p.offset > end) {
        this.logger.warn({ topic: p.topic, partition: p.partition, position: p.offset, start }, 'Position out of range; reading from the log start')
        p.offset = start
      }
    }
  }

  private async listOffsets(partitions: readonly TopicPartition[], fromBeginning: boolean): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    if (partitions.length === 0) return out
    const cluster = this.requireCluster()
    const byTopic = new Map<string, number[]>()
    for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition])
    try {
      await cluster.addMultipleTargetTopics([...byTopic.keys()])
      const result = await cluster.fetchTopicsOffset(
        [...byTopic].map(([topic, ps]) => ({ topic, fromBeginning, partitions: ps.map((partition) => ({ partition })) })),
      )
      for (const t of result) for (const p of t.partitions) out.set(key(t.topic, p.partition), offsetOf(p.offset))
      return out
    } catch (err) {
      throw wrapKafkaJsError('listOffsets', err)
    }
  }

  private requireCluster(): Cluster {
    if (this.cluster === null) throw new Error('restore consumer not connected')
    return this.cluster
  }
}

function key(topic: string, partition: number): string {
  return `${topic}-${partition}`
}
