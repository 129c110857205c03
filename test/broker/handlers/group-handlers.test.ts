import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../../src/broker/index.js'
import { ErrorCode } from '../../../src/broker/protocol/index.js'
import { silentLogger } from '../../../src/logging/index.js'
import { WireClient } from './wire-client.js'

describe('coordinator handlers over the wire', () => {
  let broker: Broker
  let client: WireClient

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, logger: silentLogger, groupInitialRebalanceDelayMs: 0, groupMinSessionTimeoutMs: 1000, nodeId: 3 })
    client = await WireClient.connect(broker.address.port)
    await client.request(19, 3, { topics: [{ name: 'g-topic', numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000 })
  })

  afterAll(async () => {
    client?.close()
    await broker?.stop()
  })

  it('finds this node as group and transaction coordinator, and rejects unknown key types', async () => {
    const self = { nodeId: 3, host: '127.0.0.1', port: broker.address.port }
    expect(await client.request(10, 0, { key: 'g' })).toMatchObject({ errorCode: 0, ...self })
    expect(await client.request(10, 2, { key: 'tx', keyType: 1 })).toMatchObject({ errorCode: 0, errorMessage: null, ...self })
    expect((await client.request(10, 2, { key: 'x', keyType: 5 })).errorCode).toBe(ErrorCode.INVALID_REQUEST)
  })

  it('runs a single-member group through join, sync, heartbeat, describe, leave and delete', async () => {
    const join = (memberId: string, version = 5) =>
      client.request(11, version, {
        groupId: 'solo',
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.from('subscription') }],
      })
    const required = await join('')
    expect(required).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, generationId: -1, protocolName: '', leader: '' })
    expect(required.memberId).toMatch(/^wire-test-/)
    const joined = await join(required.memberId)
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'range', leader: required.memberId, memberId: required.memberId })
    expect(joined.members).toEqual([{ memberId: required.memberId, groupInstanceId: null, metadata: Buffer.from('subscription') }])

    const synced = await client.request(14, 3, {
      groupId: 'solo',
      generationId: 1,
      memberId: required.memberId,
      groupInstanceId: null,
      assignments: [{ memberId: required.memberId, assignment: Buffer.from('assignment') }],
    })
    expect(synced).toMatchObject({ errorCode: 0, assignment: Buffer.from('assignment') })

    expect((await client.request(12, 3, { groupId: 'solo', generationId: 1, memberId: required.memberId, groupInstanceId: null })).errorCode).toBe(0)
    expect((await client.request(12, 3, { groupId: 'solo', generationId: 9, memberId: required.memberId, groupInstanceId: null })).errorCode).toBe(
      ErrorCode.ILLEGAL_GENERATION,
    )

    const described = await client.request(15, 0, { groups: ['solo', 'nobody'] })
    expect(described.groups[0]).toMatchObject({ errorCode: 0, groupId: 'solo', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' })
    expect(described.groups[0]!.members[0]).toMatchObject({
      memberId: required.memberId,
      clientId: 'wire-test',
      clientHost: '/127.0.0.1',
      memberMetadata: Buffer.from('subscription'),
      memberAssignment: Buffer.from('assignment'),
    })
    expect(described.groups[1]).toMatchObject({ groupId: 'nobody', groupState: 'Dead' })
    expect((await client.request(16, 2, {})).groups).toContainEqual({ groupId: 'solo', protocolType: 'consumer' })

    expect((await client.request(42, 1, { groupsNames: ['solo'] })).results).toEqual([{ groupId: 'solo', errorCode: ErrorCode.NON_EMPTY_GROUP }])
    expect((await client.request(13, 1, { groupId: 'solo', memberId: required.memberId })).errorCode).toBe(0)
    expect((await client.request(13, 1, { groupId: 'solo', memberId: 'stranger' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    expect((await client.request(42, 1, { groupsNames: ['solo', 'nobody'] })).results).toEqual([
      { groupId: 'solo', errorCode: 0 },
      { groupId: 'nobody', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ])
  })

  it('commits offsets verbatim (negative ones too) and fetches them per partition or for the whole group', async () => {
    const commit = await client.request(8, 5, {
      groupId: 'offsets',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      topics: [
        {
          name: 'g-topic',
          partitions: [
            { partitionIndex: 0, committedOffset: 42n, committedMetadata: 'meta' },
            { partitionIndex: 1, committedOffset: -2n, committedMetadata: null },
          ],
        },
        { name: 'missing-topic', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }] },
      ],
    })
    expect(commit.topics.map((t) => [t.name, t.partitions.map((p) => p.errorCode)])).toEqual([
      ['g-topic', [0, 0]],
      ['missing-topic', [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]],
    ])
    const v0 = await client.request(8, 0, { groupId: 'offsets', topics: [{ name: 'g-topic', partitions: [{ partitionIndex: 0, committedOffset: 43n, committedMetadata: '' }] }] })
    expect(v0.topics[0]!.partitions[0]!.errorCode).toBe(0)

    const some = await client.request(9, 1, { groupId: 'offsets', topics: [{ name: 'g-topic', partitionIndexes: [0, 1] }, { name: 'other', partitionIndexes: [5] }] })
    expect(some.topics).toEqual([
      {
        name: 'g-topic',
        partitions: [
          { partitionIndex: 0, committedOffset: 43n, metadata: '', errorCode: 0 },
          { partitionIndex: 1, committedOffset: -2n, metadata: '', errorCode: 0 },
        ],
      },
      { name: 'other', partitions: [{ partitionIndex: 5, committedOffset: -1n, metadata: '', errorCode: 0 }] },
    ])
    const all = await client.request(9, 4, { groupId: 'offsets', topics: null })
    expect(all.errorCode).toBe(0)
    expect(all.topics.flatMap((t) => t.partitions.map((p) => [t.name, p.partitionIndex, p.committedOffset]))).toEqual([
      ['g-topic', 0, 43n],
      ['g-topic', 1, -2n],
    ])
  })
})
