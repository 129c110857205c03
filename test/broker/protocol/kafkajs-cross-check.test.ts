/**
 * Cross-checks the codec against an independent implementation: kafkajs 2.2.4's own request
 * encoders and response decoders (the versions kafkajs sends to our advertised ranges).
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { ApiKey, type ApiKeyNumber } from '../../../src/broker/protocol/api-key.js'
import { buildRecordBatch } from '../../../src/broker/protocol/records/record-batch-builder.js'
import { setBaseOffset } from '../../../src/broker/protocol/records/record-batch.js'
import { apiVersionsEntries, decodeRequestBody, encodeResponseBody, type ResponseOf } from '../../../src/broker/protocol/registry.js'
import type { Encodable } from '../../../src/broker/protocol/schema/message-schema.js'

const require = createRequire(import.meta.url)

interface KafkajsRequest {
  encode(): Promise<{ buffer: Buffer }>
}
type RequestFactory = (args: Record<string, unknown>) => KafkajsRequest
interface ResponseModule {
  decode(raw: Buffer): Promise<Record<string, unknown>>
}

function kjsRequest(path: string): RequestFactory {
  return require(`kafkajs/src/protocol/requests/${path}/request.js`) as RequestFactory
}
function kjsResponse(path: string): ResponseModule {
  return require(`kafkajs/src/protocol/requests/${path}/response.js`) as ResponseModule
}

async function ours<K extends ApiKeyNumber>(apiKey: K, version: number, path: string, args: Record<string, unknown>) {
  const bytes = (await kjsRequest(path)(args).encode()).buffer
  return decodeRequestBody(apiKey, version, bytes)
}

async function theirs<K extends ApiKeyNumber>(apiKey: K, version: number, path: string, body: Encodable<ResponseOf<K>>) {
  return kjsResponse(path).decode(encodeResponseBody(apiKey, version, body).toBuffer())
}

describe('codec vs kafkajs request encoders', () => {
  it('decodes kafkajs Fetch v11', async () => {
    const body = await ours(ApiKey.Fetch, 11, 'fetch/v11', {
      replicaId: -1,
      maxWaitTime: 5000,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      topics: [{ topic: 'orders', partitions: [{ partition: 3, fetchOffset: '123456789012', maxBytes: 1048576 }] }],
      rackId: 'r1',
    })
    expect(body).toEqual({
      replicaId: -1,
      maxWaitMs: 5000,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'orders', partitions: [{ partition: 3, currentLeaderEpoch: -1, fetchOffset: 123456789012n, logStartOffset: -1n, partitionMaxBytes: 1048576 }] }],
      forgottenTopicsData: [],
      rackId: 'r1',
    })
  })

  it('decodes kafkajs ListOffsets v2', async () => {
    const body = await ours(ApiKey.ListOffsets, 2, 'listOffsets/v2', {
      replicaId: -1,
      isolationLevel: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, timestamp: -2 }, { partition: 1, timestamp: '1700000000000' }] }],
    })
    expect(body).toEqual({
      replicaId: -1,
      isolationLevel: 1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -2n, maxNumOffsets: 1 }, { partitionIndex: 1, timestamp: 1700000000000n, maxNumOffsets: 1 }] }],
    })
  })

  it('decodes kafkajs JoinGroup v5 and SyncGroup v3', async () => {
    const join = await ours(ApiKey.JoinGroup, 5, 'joinGroup/v5', {
      groupId: 'g',
      sessionTimeout: 30000,
      rebalanceTimeout: 60000,
      memberId: '',
      protocolType: 'consumer',
      groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([0, 1, 2]) }],
    })
    expect(join).toEqual({
      groupId: 'g',
      sessionTimeoutMs: 30000,
      rebalanceTimeoutMs: 60000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([0, 1, 2]) }],
    })
    const sync = await ours(ApiKey.SyncGroup, 3, 'syncGroup/v3', {
      groupId: 'g',
      generationId: 4,
      memberId: 'm-1',
      groupAssignment: [{ memberId: 'm-1', memberAssignment: Buffer.from([9]) }],
    })
    expect(sync).toMatchObject({ groupId: 'g', generationId: 4, memberId: 'm-1', groupInstanceId: null, assignments: [{ memberId: 'm-1', assignment: Buffer.from([9]) }] })
  })

  it('decodes kafkajs OffsetCommit v5 and OffsetFetch v4', async () => {
    const commit = await ours(ApiKey.OffsetCommit, 5, 'offsetCommit/v5', {
      groupId: 'g',
      groupGenerationId: 2,
      memberId: 'm',
      topics: [{ topic: 't', partitions: [{ partition: 1, offset: '42' }] }],
    })
    expect(commit).toMatchObject({
      groupId: 'g',
      generationIdOrMemberEpoch: 2,
      memberId: 'm',
      topics: [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 42n, committedMetadata: null }] }],
    })
    const fetch = await ours(ApiKey.OffsetFetch, 4, 'offsetFetch/v4', { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }, { partition: 2 }] }] })
    expect(fetch).toMatchObject({ groupId: 'g', topics: [{ name: 't', partitionIndexes: [0, 2] }] })
  })

  it('decodes kafkajs transactional requests', async () => {
    const init = await ours(ApiKey.InitProducerId, 1, 'initProducerId/v1', { transactionalId: 'tx', transactionTimeout: 30000 })
    expect(init).toEqual({ transactionalId: 'tx', transactionTimeoutMs: 30000 })
    const add = await ours(ApiKey.AddPartitionsToTxn, 1, 'addPartitionsToTxn/v1', {
      transactionalId: 'tx',
      producerId: '7',
      producerEpoch: 1,
      topics: [{ topic: 't', partitions: [0, 1] }],
    })
    expect(add).toMatchObject({ v3AndBelowTransactionalId: 'tx', v3AndBelowProducerId: 7n, v3AndBelowProducerEpoch: 1, v3AndBelowTopics: [{ name: 't', partitions: [0, 1] }] })
    const end = await ours(ApiKey.EndTxn, 1, 'endTxn/v1', { transactionalId: 'tx', producerId: '7', producerEpoch: 1, transactionResult: true })
    expect(end).toEqual({ transactionalId: 'tx', producerId: 7n, producerEpoch: 1, committed: true })
    const txnCommit = await ours(ApiKey.TxnOffsetCommit, 1, 'txnOffsetCommit/v1', {
      transactionalId: 'tx',
      groupId: 'g',
      producerId: '7',
      producerEpoch: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, offset: '10' }] }],
    })
    expect(txnCommit).toMatchObject({ transactionalId: 'tx', groupId: 'g', producerId: 7n, topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 10n }] }] })
  })

  it('decodes kafkajs CreateTopics v3', async () => {
    const body = await ours(ApiKey.CreateTopics, 3, 'createTopics/v3', {
      topics: [{ topic: 'new', numPartitions: 4, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      validateOnly: false,
      timeout: 5000,
    })
    expect(body).toEqual({
      topics: [{ name: 'new', numPartitions: 4, replicationFactor: 1, assignments: [], configs: [{ name: 'cleanup.policy', value: 'compact' }] }],
      timeoutMs: 5000,
      validateOnly: false,
    })
  })
})

describe('codec vs kafkajs response decoders', () => {
  it('encodes an ApiVersions v2 response kafkajs reads', async () => {
    const r = await theirs(ApiKey.ApiVersions, 2, 'apiVersions/v2', { apiKeys: apiVersionsEntries() })
    expect(r.errorCode).toBe(0)
    expect((r.apiVersions as unknown[]).length).toBe(27)
  })

  it('encodes a Metadata v4 response kafkajs reads', async () => {
    const r = await theirs(ApiKey.Metadata, 4, 'metadata/v4', {
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: null }],
      clusterId: 'c',
      controllerId: 1,
      topics: [{ errorCode: 0, name: 't', partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1] }] }],
    })
    expect(r).toMatchObject({
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: null }],
      clusterId: 'c',
      controllerId: 1,
      topicMetadata: [{ topicErrorCode: 0, topic: 't', isInternal: false, partitionMetadata: [{ partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1] }] }],
    })
  })

  it('encodes a Fetch v11 response with records and aborted transactions kafkajs reads', async () => {
    const batch = buildRecordBatch([
      { key: Buffer.from('k'), value: Buffer.from('v1'), timestamp: 1000n },
      { key: Buffer.from('k'), value: Buffer.from('v2'), timestamp: 1001n },
    ])
    setBaseOffset(batch, 40n)
    const r = await theirs(ApiKey.Fetch, 11, 'fetch/v11', {
      responses: [
        {
          topic: 't',
          partitions: [
            {
              partitionIndex: 0,
              highWatermark: 42n,
              lastStableOffset: 42n,
              logStartOffset: 0n,
              abortedTransactions: [{ producerId: 5n, firstOffset: 10n }],
              records: [batch],
            },
          ],
        },
      ],
    })
    const p = (r.responses as { partitions: Record<string, unknown>[] }[])[0]?.partitions[0]
    expect(p).toMatchObject({ partition: 0, errorCode: 0, highWatermark: '42', lastStableOffset: '42', preferredReadReplica: -1, abortedTransactions: [{ producerId: '5', firstOffset: '10' }] })
    const messages = p?.messages as { offset: string; value: Buffer }[]
    expect(messages.map((m) => [m.offset, m.value.toString()])).toEqual([
      ['40', 'v1'],
      ['41', 'v2'],
    ])
  })

  it('encodes Produce v7, ListOffsets v2, FindCoordinator v2 and InitProducerId v1 responses kafkajs reads', async () => {
    const produce = await theirs(ApiKey.Produce, 7, 'produce/v7', {
      responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 100n, logStartOffset: 0n }] }],
    })
    expect(produce).toMatchObject({ topics: [{ topicName: 't', partitions: [{ partition: 0, errorCode: 0, baseOffset: '100', logAppendTime: '-1', logStartOffset: '0' }] }] })
    const list = await theirs(ApiKey.ListOffsets, 2, 'listOffsets/v2', {
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -1n, offset: 77n }] }],
    })
    expect(list).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0, timestamp: '-1', offset: '77' }] }] })
    const coord = await theirs(ApiKey.FindCoordinator, 2, 'findCoordinator/v2', { nodeId: 1, host: 'localhost', port: 9092 })
    expect(coord).toMatchObject({ errorCode: 0, coordinator: { nodeId: 1, host: 'localhost', port: 9092 } })
    const init = await theirs(ApiKey.InitProducerId, 1, 'initProducerId/v1', { producerId: 9n, producerEpoch: 2 })
    expect(init).toMatchObject({ errorCode: 0, producerId: '9', producerEpoch: 2 })
  })

  it('encodes JoinGroup v5, SyncGroup v3 and OffsetFetch v4 responses kafkajs reads', async () => {
    const join = await theirs(ApiKey.JoinGroup, 5, 'joinGroup/v5', {
      generationId: 3,
      protocolName: 'RoundRobinAssigner',
      leader: 'm-1',
      memberId: 'm-1',
      members: [{ memberId: 'm-1', groupInstanceId: null, metadata: Buffer.from([1, 2]) }],
    })
    expect(join).toMatchObject({ errorCode: 0, generationId: 3, groupProtocol: 'RoundRobinAssigner', leaderId: 'm-1', memberId: 'm-1' })
    expect((join.members as { memberMetadata: Buffer }[])[0]?.memberMetadata).toEqual(Buffer.from([1, 2]))
    const sync = await theirs(ApiKey.SyncGroup, 3, 'syncGroup/v3', { assignment: Buffer.from([7, 7]) })
    expect(sync).toMatchObject({ errorCode: 0, memberAssignment: Buffer.from([7, 7]) })
    const fetch = await theirs(ApiKey.OffsetFetch, 4, 'offsetFetch/v4', {
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: -1n, metadata: null, errorCode: 0 }] }],
    })
    expect(fetch).toMatchObject({ errorCode: 0, responses: [{ topic: 't', partitions: [{ partition: 0, offset: '-1', metadata: null, errorCode: 0 }] }] })
  })
})
