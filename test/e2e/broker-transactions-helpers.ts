import type { Kafka } from 'kafkajs'
import { decodeRecords, readBatchHeader } from '../../src/broker/protocol/index.js'
import { waitFor } from '../helpers/wait-for.js'
import { WireClient } from '../broker/handlers/wire-client.js'

/** What a partition holds as a consumer at one isolation level sees it. */
export interface PartitionView {
  /** Values of delivered (non-control, non-aborted) records, in offset order. */
  readonly values: string[]
  readonly highWatermark: bigint
  readonly lastStableOffset: bigint
}

/**
 * Reads a whole partition over the wire with Fetch v11 and filters it the way librdkafka does:
 * control records are never delivered; under read_committed, transactional batches of a producer
 * listed in `aborted_transactions` are dropped from that entry's first offset until the
 * producer's ABORT marker. Checks the broker's LSO, aborted list and markers together.
 */
export async function readPartition(port: number, topic: string, partition: number, readCommitted: boolean): Promise<PartitionView> {
  const client = await WireClient.connect(port)
  try {
    const values: string[] = []
    let offset = 0n
    let hw = -1n
    let lso = -1n
    for (let round = 0; round < 10_000; round++) {
      const res = await client.request(1, 11, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 4 << 20,
        isolationLevel: readCommitted ? 1 : 0,
        topics: [{ topic, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 1 << 20 }] }],
      })
      const p = res.responses[0]!.partitions[0]!
      if (p.errorCode !== 0) throw new Error(`fetch error ${p.errorCode}`)
      hw = p.highWatermark
      lso = p.lastStableOffset
      const records = p.records ?? Buffer.alloc(0)
      if (records.length === 0) break
      const aborted = [...(p.abortedTransactions ?? [])]
      const abortedPids = new Set<bigint>()
      let pos = 0
      while (pos < records.length) {
        const h = readBatchHeader(records, pos)
        if (aborted.length > 0 && h.baseOffset >= aborted[0]!.firstOffset) {
          // Entries are sorted by first offset: activate every one this batch reached.
          while (aborted.length > 0 && h.baseOffset >= aborted[0]!.firstOffset) abortedPids.add(aborted.shift()!.producerId)
        }
        const decoded = decodeRecords(records, pos)
        if (h.isControl) {
          if (decoded[0]?.key?.readInt16BE(2) === 0) abortedPids.delete(h.producerId)
        } else if (!(h.isTransactional && abortedPids.has(h.producerId))) {
          for (const r of decoded) if (r.offset >= offset) values.push(r.value?.toString() ?? '<null>')
        }
        offset = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n
        pos += h.size
      }
    }
    return { values, highWatermark: hw, lastStableOffset: lso }
  } finally {
    client.close()
  }
}

/** The LSO (read_committed) or HW (read_uncommitted) that ListOffsets v2 answers for "latest". */
export async function latestOffset(port: number, topic: string, partition: number, readCommitted: boolean): Promise<bigint> {
  const client = await WireClient.connect(port)
  try {
    const res = await client.request(2, 2, {
      replicaId: -1,
      isolationLevel: readCommitted ? 1 : 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0 + partition, timestamp: -1n }] }],
    })
    return res.topics[0]!.partitions[0]!.offset
  } finally {
    client.close()
  }
}

/**
 * Consumes `topic` from the beginning with a kafkajs group consumer until `count` values arrived
 * (bounded). Tests put committed data after the data that must stay hidden, so a leak shows up
 * among the first `count` values.
 */
export async function consumeValues(kafka: Kafka, topic: string, count: number, options: { readUncommitted?: boolean; groupId?: string } = {}): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: options.groupId ?? `reader-${topic}-${Math.random()}`, readUncommitted: options.readUncommitted ?? false, maxWaitTimeInMs: 100 })
  const values: string[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '<null>') })
    await waitFor(() => values.length >= count, { timeoutMs: 20_000, what: `${count} values from ${topic} (got ${values.length})` })
  } finally {
    await consumer.disconnect()
  }
  return values
}

/** Creates topics with the kafkajs admin client. */
export async function createTopics(kafka: Kafka, topics: { topic: string; numPartitions?: number; configEntries?: { name: string; value: string }[] }[]): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics, waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}
