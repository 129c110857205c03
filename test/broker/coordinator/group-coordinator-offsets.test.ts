import { describe, expect, it } from 'vitest'
import type { OffsetCommitPartition } from '../../../src/broker/coordinator/index.js'
import { joinWithId, startCoordinator } from './coordinator-fixture.js'

const offset = (topic: string, partition: number, value: bigint, metadata: string | null = null): OffsetCommitPartition => ({ topic, partition, offset: value, leaderEpoch: -1, metadata })
const simple = { generationId: -1, memberId: '', groupInstanceId: null }

describe('GroupCoordinator offsets', () => {
  it('stores standalone commits (generation -1) verbatim, negative offsets included, creating an Empty group', () => {
    const { coordinator } = startCoordinator()
    const results = coordinator.commitOffsets({ groupId: 'simple', ...simple, offsets: [offset('t', 0, -1n), offset('t', 1, -2n), { topic: 'u', partition: 0, offset: 42n, leaderEpoch: 3, metadata: 'm' }] })
    expect(results).toEqual([
      { topic: 't', partition: 0, errorCode: 0 },
      { topic: 't', partition: 1, errorCode: 0 },
      { topic: 'u', partition: 0, errorCode: 0 },
    ])
    const fetched = coordinator.fetchOffsets('simple', [{ topic: 't', partitions: [0, 1, 2] }, { topic: 'u', partitions: [0] }])
    expect(fetched).toEqual({
      errorCode: 0,
      topics: [
        {
          topic: 't',
          partitions: [
            { partition: 0, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: 0 },
            { partition: 1, offset: -2n, leaderEpoch: -1, metadata: '', errorCode: 0 },
            { partition: 2, offset: -1n, leaderEpoch: -1, metadata: null, errorCode: 0 },
          ],
        },
        { topic: 'u', partitions: [{ partition: 0, offset: 42n, leaderEpoch: 3, metadata: 'm', errorCode: 0 }] },
      ],
    })
    expect(coordinator.describeGroups(['simple'])[0]!.state).toBe('Empty')
    coordinator.shutdown()
  })

  it('returns every committed partition of the group for a null topic list, and nothing for an unknown group', () => {
    const { coordinator } = startCoordinator()
    coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('b', 1, 10n), offset('a', 0, 5n), offset('b', 0, 7n)] })
    coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('b', 1, 11n)] })
    const all = coordinator.fetchOffsets('g', null)
    expect(all.topics.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.offset])])).toEqual([
      ['b', [[0, 7n], [1, 11n]]],
      ['a', [[0, 5n]]],
    ])
    expect(coordinator.fetchOffsets('unknown', null)).toEqual({ errorCode: 0, topics: [] })
    coordinator.shutdown()
  })

  it('rejects a commit with a real generation for an unknown group with ILLEGAL_GENERATION', () => {
    const { coordinator } = startCoordinator()
    expect(coordinator.commitOffsets({ groupId: 'g', generationId: 3, memberId: 'm', groupInstanceId: null, offsets: [offset('t', 0, 1n)] })[0]!.errorCode).toBe(22)
    coordinator.shutdown()
  })

  it('validates member and generation for a managed group', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator)
    const commit = (generationId: number, memberId: string): number => coordinator.commitOffsets({ groupId: 'g', generationId, memberId, groupInstanceId: null, offsets: [offset('t', 0, 9n)] })[0]!.errorCode
    expect(commit(1, a.memberId)).toBe(27) // CompletingRebalance
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    expect(commit(1, a.memberId)).toBe(0)
    expect(commit(2, a.memberId)).toBe(22)
    expect(commit(1, 'ghost')).toBe(25)
    expect(commit(-1, '')).toBe(25) // only members may commit to a non-empty group
    expect(coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0] }]).topics[0]!.partitions[0]!.offset).toBe(9n)
    coordinator.shutdown()
  })

  it('keeps a member alive through offset commits', async () => {
    const { coordinator, scheduler } = startCoordinator()
    const a = await joinWithId(coordinator, { sessionTimeoutMs: 10_000 })
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    for (let i = 0; i < 5; i++) {
      scheduler.advance(8_000)
      coordinator.commitOffsets({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, offsets: [offset('t', 0, BigInt(i))] })
    }
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(0)
    coordinator.shutdown()
  })

  it('rejects oversized metadata and unknown partitions per partition', () => {
    const { coordinator } = startCoordinator({ offsetMetadataMaxBytes: 4, partitionExists: (topic) => topic !== 'gone' })
    const results = coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 1n, 'abcd'), offset('t', 1, 1n, 'abcde'), offset('gone', 0, 1n)] })
    expect(results.map((r) => r.errorCode)).toEqual([0, 12, 3])
    expect(coordinator.fetchOffsets('g', null).topics).toEqual([{ topic: 't', partitions: [{ partition: 0, offset: 1n, leaderEpoch: -1, metadata: 'abcd', errorCode: 0 }] }])
    coordinator.shutdown()
  })

  it('drops offsets of a deleted topic from every group', () => {
    const { coordinator } = startCoordinator()
    coordinator.commitOffsets({ groupId: 'g1', ...simple, offsets: [offset('t', 0, 1n), offset('keep', 0, 2n)] })
    coordinator.commitOffsets({ groupId: 'g2', ...simple, offsets: [offset('t', 3, 1n)] })
    coordinator.onTopicDeleted('t')
    expect(coordinator.fetchOffsets('g1', null).topics.map((t) => t.topic)).toEqual(['keep'])
    expect(coordinator.fetchOffsets('g2', null).topics).toEqual([])
    coordinator.shutdown()
  })

  it('deletes offsets of an Empty group, and only unsubscribed topics of an active consumer group', async () => {
    const { coordinator } = startCoordinator()
    coordinator.commitOffsets({ groupId: 'simple', ...simple, offsets: [offset('t', 0, 1n), offset('t', 1, 1n)] })
    expect(coordinator.deleteOffsets('simple', [{ topic: 't', partition: 0 }])).toEqual({ errorCode: 0, partitions: [{ topic: 't', partition: 0, errorCode: 0 }] })
    expect(coordinator.fetchOffsets('simple', null).topics[0]!.partitions.map((p) => p.partition)).toEqual([1])
    expect(coordinator.deleteOffsets('missing', []).errorCode).toBe(69)

    // Subscription v0 for topic "orders": version, [topics], user data.
    const subscription = Buffer.from([0, 0, 0, 0, 0, 1, 0, 6, ...Buffer.from('orders'), 0, 0, 0, 0])
    const a = await joinWithId(coordinator, { groupId: 'app', protocols: [{ name: 'range', metadata: subscription }] })
    await coordinator.syncGroup({ groupId: 'app', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    coordinator.commitOffsets({ groupId: 'app', generationId: 1, memberId: a.memberId, groupInstanceId: null, offsets: [offset('orders', 0, 1n), offset('old', 0, 1n)] })
    const deleted = coordinator.deleteOffsets('app', [{ topic: 'orders', partition: 0 }, { topic: 'old', partition: 0 }])
    expect(deleted.partitions.map((p) => p.errorCode)).toEqual([86, 0])
    expect(coordinator.fetchOffsets('app', null).topics.map((t) => t.topic)).toEqual(['orders'])
    coordinator.shutdown()
  })
})

describe('GroupCoordinator transactional offsets', () => {
  it('keeps prepared offsets invisible until the transaction commits', () => {
    const { coordinator } = startCoordinator()
    coordinator.commitOffsets({ groupId: 'g', ...simple, offsets: [offset('t', 0, 5n)] })
    expect(coordinator.prepareTransactionalOffsets('g', 1000n, 0, [offset('t', 0, 10n), offset('t', 1, 3n)]).map((r) => r.errorCode)).toEqual([0, 0])
    expect(coordinator.hasPendingTransactionalOffsets(1000n)).toBe(true)
    expect(coordinator.hasPendingTransactionalOffsets(1000n, 'g')).toBe(true)
    expect(coordinator.hasPendingTransactionalOffsets(1000n, 'other')).toBe(false)
    const before = coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0, 1] }]).topics[0]!.partitions
    expect(before.map((p) => [p.offset, p.errorCode])).toEqual([[5n, 0], [-1n, 0]])
    expect(coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0] }], true).topics[0]!.partitions[0]!.errorCode).toBe(88)

    coordinator.completeTransactionalOffsets(1000n, true)
    expect(coordinator.hasPendingTransactionalOffsets(1000n)).toBe(false)
    const after = coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0, 1] }]).topics[0]!.partitions
    expect(after.map((p) => p.offset)).toEqual([10n, 3n])
    coordinator.shutdown()
  })

  it('discards prepared offsets when the transaction aborts', () => {
    const { coordinator } = startCoordinator()
    coordinator.prepareTransactionalOffsets('g', 7n, 1, [offset('t', 0, 10n)])
    coordinator.completeTransactionalOffsets(7n, false)
    expect(coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0] }]).topics[0]!.partitions[0]!.offset).toBe(-1n)
    expect(coordinator.hasPendingTransactionalOffsets(7n)).toBe(false)
    coordinator.completeTransactionalOffsets(7n, true) // nothing pending: a no-op
    coordinator.shutdown()
  })

  it('applies a committed transaction across groups but never over a newer plain commit', () => {
    const { coordinator } = startCoordinator()
    coordinator.prepareTransactionalOffsets('g1', 9n, 0, [offset('t', 0, 10n)])
    coordinator.prepareTransactionalOffsets('g2', 9n, 0, [offset('t', 0, 20n)])
    coordinator.commitOffsets({ groupId: 'g1', ...simple, offsets: [offset('t', 0, 15n)] })
    coordinator.completeTransactionalOffsets(9n, true)
    expect(coordinator.fetchOffsets('g1', null).topics[0]!.partitions[0]!.offset).toBe(15n)
    expect(coordinator.fetchOffsets('g2', null).topics[0]!.partitions[0]!.offset).toBe(20n)
    coordinator.shutdown()
  })

  it('accepts transactional offsets for a group with active members and rejects a stale producer epoch', async () => {
    const { coordinator } = startCoordinator()
    await joinWithId(coordinator)
    expect(coordinator.prepareTransactionalOffsets('g', 5n, 2, [offset('t', 0, 1n)])[0]!.errorCode).toBe(0)
    expect(coordinator.prepareTransactionalOffsets('g', 5n, 1, [offset('t', 0, 2n)])[0]!.errorCode).toBe(47)
    coordinator.shutdown()
  })
})
