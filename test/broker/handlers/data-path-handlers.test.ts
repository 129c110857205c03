import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../../src/broker/index.js'
import { buildRecordBatch, ErrorCode } from '../../../src/broker/protocol/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from './wire-client.js'

function batch(values: string[], timestamp = 1_000n): Buffer {
  return buildRecordBatch(
    values.map((v) => ({ value: Buffer.from(v), timestamp })),
    { baseTimestamp: timestamp },
  )
}

function produce(topic: string, partition: number, records: Buffer | null, acks = -1) {
  return { transactionalId: null, acks, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] }
}

function fetchOf(topic: string, parts: { partition: number; fetchOffset: bigint; partitionMaxBytes?: number }[], extra: object = {}) {
  return {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 50 * 1024 * 1024,
    isolationLevel: 0,
    topics: [{ topic, partitions: parts.map((p) => ({ partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes ?? 1024 * 1024 })) }],
    ...extra,
  }
}

describe('data-path handlers (Produce, Fetch, ListOffsets, DeleteRecords) over the wire', () => {
  let broker: Broker
  let client: WireClient

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, logger: silentLogger, autoCreateTopics: false })
    client = await WireClient.connect(broker.address.port)
    const created = await client.request(19, 3, {
      topics: [
        { name: 'data', numPartitions: 2, replicationFactor: 1 },
        { name: 'limits', numPartitions: 3, replicationFactor: 1 },
        { name: 'timed', numPartitions: 1, replicationFactor: 1 },
      ],
      timeoutMs: 1000,
    })
    expect(created.topics.map((t) => t.errorCode)).toEqual([0, 0, 0])
  })

  afterAll(async () => {
    client?.close()
    await broker?.stop()
  })

  it('assigns offsets, answers base offset and log start offset, and reads the batches back byte for byte', async () => {
    const first = await client.request(0, 7, produce('data', 0, batch(['a', 'b', 'c'])))
    expect(first.responses[0]!.partitionResponses[0]).toEqual({ index: 0, errorCode: 0, baseOffset: 0n, logAppendTimeMs: -1n, logStartOffset: 0n })
    const second = await client.request(0, 7, produce('data', 0, batch(['d'])))
    expect(second.responses[0]!.partitionResponses[0]!.baseOffset).toBe(3n)

    const fetched = await client.request(1, 11, fetchOf('data', [{ partition: 0, fetchOffset: 0n }]))
    const p = fetched.responses[0]!.partitions[0]!
    expect(p).toMatchObject({ errorCode: 0, highWatermark: 4n, lastStableOffset: 4n, logStartOffset: 0n, preferredReadReplica: -1, abortedTransactions: null })
    const stored = p.records!
    // The second stored batch is the produced one with only its base offset rewritten.
    const produced = batch(['d'])
    const second4 = stored.subarray(stored.length - produced.length)
    expect(second4.readBigInt64BE(0)).toBe(3n)
    expect(second4.subarray(8).equals(produced.subarray(8))).toBe(true)
    expect(fetched.sessionId).toBe(0)
  })

  it('answers read_committed fetches with the LSO and an empty (not null) aborted list', async () => {
    const fetched = await client.request(1, 11, fetchOf('data', [{ partition: 0, fetchOffset: 4n }], { isolationLevel: 1 }))
    const p = fetched.responses[0]!.partitions[0]!
    expect(p.abortedTransactions).toEqual([])
    expect(p.lastStableOffset).toBe(4n)
    expect(p.records!.length).toBe(0)
  })

  it('rejects an unknown partition, an empty record set, a corrupt batch and invalid acks with Kafka codes', async () => {
    const unknown = await client.request(0, 7, produce('data', 9, batch(['x'])))
    expect(unknown.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    const unknownTopic = await client.request(0, 7, produce('nope', 0, batch(['x'])))
    expect(unknownTopic.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    const empty = await client.request(0, 7, produce('data', 1, Buffer.alloc(0)))
    expect(empty.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.INVALID_RECORD)
    const corrupt = batch(['y'])
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0xff
    const bad = await client.request(0, 7, produce('data', 1, corrupt))
    expect(bad.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE)
    const acks = await client.request(0, 7, produce('data', 1, batch(['z']), 2))
    expect(acks.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.INVALID_REQUIRED_ACKS)
  })

  it('sends no response to acks=0 and answers the next request in order', async () => {
    const other = await WireClient.connect(broker.address.port)
    try {
      other.send(0, 7, produce('data', 1, batch(['silent']), 0))
      const meta = await other.request(3, 4, { topics: [{ name: 'data' }], allowAutoTopicCreation: false })
      expect(meta.topics[0]!.name).toBe('data')
      const end = await other.request(2, 2, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'data', partitions: [{ partitionIndex: 1, timestamp: -1n }] }] })
      expect(end.topics[0]!.partitions[0]!.offset).toBe(1n)
    } finally {
      other.close()
    }
  })

  it('closes the connection when an acks=0 produce fails (the client cannot be told otherwise)', async () => {
    const other = await WireClient.connect(broker.address.port)
    other.send(0, 7, produce('nope', 0, batch(['lost']), 0))
    await other.raw.waitForClose()
  })

  it('answers OFFSET_OUT_OF_RANGE with -1 watermarks, and an empty result at the high watermark', async () => {
    const beyond = await client.request(1, 11, fetchOf('data', [{ partition: 0, fetchOffset: 99n }]))
    expect(beyond.responses[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: -1n, logStartOffset: -1n })
    const atEnd = await client.request(1, 11, fetchOf('data', [{ partition: 0, fetchOffset: 4n }]))
    expect(atEnd.responses[0]!.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 4n })
    expect(atEnd.responses[0]!.partitions[0]!.records!.length).toBe(0)
    const unknown = await client.request(1, 11, fetchOf('nope', [{ partition: 0, fetchOffset: 0n }]))
    expect(unknown.responses[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  })

  it('gives the first partition with data at least one whole batch, then honours partition and response limits', async () => {
    const big = batch([Buffer.alloc(3000, 1).toString()])
    for (const partition of [0, 1, 2]) {
      await client.request(0, 7, produce('limits', partition, big))
      await client.request(0, 7, produce('limits', partition, big))
    }
    const parts = [0, 1, 2].map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 1000 }))
    const small = await client.request(1, 11, fetchOf('limits', parts))
    const sizes = small.responses[0]!.partitions.map((p) => p.records!.length)
    // Partition 0 gets one batch despite its 1000-byte limit; the others get nothing.
    expect(sizes).toEqual([big.length, 0, 0])

    const roomy = [0, 1, 2].map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 1024 * 1024 }))
    const capped = await client.request(1, 11, fetchOf('limits', roomy, { maxBytes: big.length * 3 }))
    expect(capped.responses[0]!.partitions.map((p) => p.records!.length)).toEqual([big.length * 2, big.length, 0])
  })

  it('parks a fetch until data arrives (min_bytes) and answers it as soon as a produce lands', async () => {
    const waiter = await WireClient.connect(broker.address.port)
    try {
      const started = Date.now()
      waiter.send(1, 11, fetchOf('timed', [{ partition: 0, fetchOffset: 0n }], { maxWaitMs: 10_000, minBytes: 1 }))
      await new Promise((r) => setTimeout(r, 100))
      expect(waiter.raw.frames).toHaveLength(0)
      await client.request(0, 7, produce('timed', 0, batch(['wake'], 5_000n)))
      const { body } = await waiter.next(1, 11)
      expect(Date.now() - started).toBeLessThan(5000)
      expect(body.responses[0]!.partitions[0]!.records!.length).toBeGreaterThan(0)
    } finally {
      waiter.close()
    }
  })

  it('answers a parked fetch with what exists when max_wait_ms passes', async () => {
    const started = Date.now()
    const body = await client.request(1, 11, fetchOf('timed', [{ partition: 0, fetchOffset: 1n }], { maxWaitMs: 200, minBytes: 1 }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    expect(body.responses[0]!.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 1n })
  })

  it('refuses fetch sessions with FETCH_SESSION_ID_NOT_FOUND', async () => {
    const body = await client.request(1, 11, fetchOf('timed', [{ partition: 0, fetchOffset: 0n }], { sessionId: 42, sessionEpoch: 1 }))
    expect(body.errorCode).toBe(ErrorCode.FETCH_SESSION_ID_NOT_FOUND)
  })

  it('lists offsets: latest, earliest, by timestamp, and v0 old-style offsets', async () => {
    await client.request(0, 7, produce('timed', 0, batch(['t2'], 7_000n)))
    const list = (timestamp: bigint, version = 2) =>
      client.request(2, version, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'timed', partitions: [{ partitionIndex: 0, timestamp, maxNumOffsets: 1 }] }] })
    expect((await list(-1n)).topics[0]!.partitions[0]).toMatchObject({ errorCode: 0, offset: 2n, timestamp: -1n })
    expect((await list(-2n)).topics[0]!.partitions[0]).toMatchObject({ errorCode: 0, offset: 0n, timestamp: -1n })
    expect((await list(6_000n)).topics[0]!.partitions[0]).toMatchObject({ errorCode: 0, offset: 1n, timestamp: 7_000n })
    expect((await list(8_000n)).topics[0]!.partitions[0]).toMatchObject({ errorCode: 0, offset: -1n, timestamp: -1n })
    expect((await list(-1n, 0)).topics[0]!.partitions[0]!.oldStyleOffsets).toEqual([2n])
  })

  it('deletes records before an offset and reports the new low watermark', async () => {
    const body = await client.request(21, 1, { topics: [{ name: 'data', partitions: [{ partitionIndex: 0, offset: 2n }, { partitionIndex: 7, offset: 0n }] }], timeoutMs: 1000 })
    expect(body.topics[0]!.partitions).toEqual([
      { partitionIndex: 0, lowWatermark: 2n, errorCode: 0 },
      { partitionIndex: 7, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
    ])
    const tooFar = await client.request(21, 1, { topics: [{ name: 'data', partitions: [{ partitionIndex: 0, offset: 100n }] }], timeoutMs: 1000 })
    expect(tooFar.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    const below = await client.request(1, 11, fetchOf('data', [{ partition: 0, fetchOffset: 0n }]))
    expect(below.responses[0]!.partitions[0]!.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
  })

  it('allocates distinct producer ids for idempotent producers and serves transactional ids through the transaction coordinator', async () => {
    const a = await client.request(22, 1, { transactionalId: null, transactionTimeoutMs: -1 })
    const b = await client.request(22, 1, { transactionalId: null, transactionTimeoutMs: -1 })
    expect(a).toMatchObject({ errorCode: 0, producerEpoch: 0 })
    expect(b.producerId).not.toBe(a.producerId)
    const txn = await client.request(22, 1, { transactionalId: 'tx', transactionTimeoutMs: 60_000 })
    expect(txn).toMatchObject({ errorCode: 0, producerEpoch: 0 })
    expect([a.producerId, b.producerId]).not.toContain(txn.producerId)
  })
})
