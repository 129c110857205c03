import { afterEach, describe, expect, it } from 'vitest'
import { Broker } from '../../src/broker/index.js'
import { APPEND } from '../../src/broker/handlers/producer-state-check.js'
import { buildRecordBatch, ErrorCode } from '../../src/broker/protocol/index.js'
import { silentLogger } from '../../src/logging/index.js'
import { WireClient } from './handlers/wire-client.js'

describe('Broker.startWith extensions', () => {
  let broker: Broker | undefined

  afterEach(async () => {
    await broker?.stop()
    broker = undefined
  })

  it('plugs in a producer-state check, a read isolation and lifecycle hooks', async () => {
    const appended: string[] = []
    let stopped = false
    broker = await Broker.startWith({ port: 0, logger: silentLogger }, ({ logs }) => {
      expect(logs.listTopics()).toEqual([])
      return {
        producerState: {
          beforeAppend: (a) => (a.topic === 'fenced' ? { action: 'reject', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH } : APPEND),
          afterAppend: (a, result) => void appended.push(`${a.topic}@${result.baseOffset}`),
        },
        // Pretend an open transaction pins the LSO one record below the high watermark.
        isolation: { lastStableOffset: (log) => log.highWatermark - 1n, abortedTransactions: () => [{ producerId: 9n, firstOffset: 0n }] },
        stop: () => {
          stopped = true
        },
      }
    })
    const client = await WireClient.connect(broker.address.port)
    try {
      await client.request(19, 3, {
        topics: [
          { name: 'fenced', numPartitions: 1, replicationFactor: 1 },
          { name: 'open', numPartitions: 1, replicationFactor: 1 },
        ],
        timeoutMs: 1000,
      })
      const produce = (topic: string) =>
        client.request(0, 7, {
          transactionalId: null,
          acks: -1,
          timeoutMs: 1000,
          topicData: [{ name: topic, partitionData: [{ index: 0, records: buildRecordBatch([{ value: Buffer.from('v') }]) }] }],
        })
      expect((await produce('fenced')).responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
      await produce('open')
      await produce('open')
      expect(appended).toEqual(['open@0', 'open@1'])
      const fetched = await client.request(1, 11, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 1,
        topics: [{ topic: 'open', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
      })
      const p = fetched.responses[0]!.partitions[0]!
      expect(p).toMatchObject({ highWatermark: 2n, lastStableOffset: 1n, abortedTransactions: [{ producerId: 9n, firstOffset: 0n }] })
      // Only the first batch (offset 0) is below the LSO.
      expect(p.records!.readBigInt64BE(0)).toBe(0n)
      expect(p.records!.length).toBe(buildRecordBatch([{ value: Buffer.from('v') }]).length)
      const latest = await client.request(2, 2, { replicaId: -1, isolationLevel: 1, topics: [{ name: 'open', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] })
      expect(latest.topics[0]!.partitions[0]!.offset).toBe(1n)
    } finally {
      client.close()
    }
    await broker.stop()
    broker = undefined
    expect(stopped).toBe(true)
  })
})
