import { describe, expect, it } from 'vitest'
import { flush, joinRequest, protocols, startCoordinator, track } from './coordinator-fixture.js'

describe('GroupCoordinator static membership', () => {
  it('joins a static member without MEMBER_ID_REQUIRED, naming it after its instance id', async () => {
    const { coordinator } = startCoordinator()
    const joined = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }))
    expect(joined.errorCode).toBe(0)
    expect(joined.memberId).toMatch(/^instance-a-/)
    expect(joined.members).toEqual([{ memberId: joined.memberId, groupInstanceId: 'instance-a', metadata: Buffer.from('meta') }])
    coordinator.shutdown()
  })

  it('replaces a restarted static member id without a rebalance and fences the old id', async () => {
    const { coordinator } = startCoordinator()
    const first = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }))
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-a', assignments: [{ memberId: first.memberId, assignment: Buffer.from('p0') }] })

    const restarted = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }))
    expect(restarted.errorCode).toBe(0)
    expect(restarted.memberId).not.toBe(first.memberId)
    expect(restarted.generationId).toBe(1)
    expect(restarted.leader).toBe(first.memberId) // the old leader id: no pointless re-assignment
    expect(restarted.members).toEqual([])
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('Stable')

    const sync = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: restarted.memberId, groupInstanceId: 'instance-a', assignments: [] })
    expect(sync.assignment.toString()).toBe('p0')
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-a' }).errorCode).toBe(82)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: restarted.memberId, groupInstanceId: 'instance-a' }).errorCode).toBe(0)
    expect((await coordinator.joinGroup(joinRequest({ memberId: first.memberId, groupInstanceId: 'instance-a' }))).errorCode).toBe(82)
    const commit = coordinator.commitOffsets({ groupId: 'g', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-a', offsets: [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null }] })
    expect(commit[0]!.errorCode).toBe(82)
    coordinator.shutdown()
  })

  it('rebalances when a rejoining static member changes the protocol the group would select', async () => {
    const { coordinator } = startCoordinator()
    const first = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a', protocols: protocols(['range', 'm']) }))
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-a', assignments: [] })
    const changed = track(coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a', protocols: protocols(['roundrobin', 'm'], ['range', 'm']) })))
    await flush()
    expect(changed.value).toMatchObject({ errorCode: 0, generationId: 2, protocolName: 'roundrobin' })
    coordinator.shutdown()
  })

  it('fences a parked request of the old member id when the instance rejoins', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = track(coordinator.joinGroup(joinRequest({ clientId: 'a', groupInstanceId: 'instance-a' })))
    const b = track(coordinator.joinGroup(joinRequest({ clientId: 'b', groupInstanceId: 'instance-b' })))
    scheduler.advance(20)
    await flush()
    const parkedSync = track(coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: b.value!.memberId, groupInstanceId: 'instance-b', assignments: [] }))
    await flush()
    expect(parkedSync.settled).toBe(false)
    const bAgain = track(coordinator.joinGroup(joinRequest({ clientId: 'b', groupInstanceId: 'instance-b' })))
    await flush()
    expect(parkedSync.value!.errorCode).toBe(82)
    expect(bAgain.settled).toBe(false) // CompletingRebalance: a new rebalance is needed
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('PreparingRebalance')
    await coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.value!.memberId, groupInstanceId: 'instance-a' }))
    await flush()
    expect(bAgain.value).toMatchObject({ errorCode: 0, generationId: 2 })
    coordinator.shutdown()
  })

  it('removes a static member by instance id through LeaveGroup with an empty member id', async () => {
    const { coordinator } = startCoordinator()
    const a = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }))
    const left = coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: '', groupInstanceId: 'instance-a' }, { memberId: '', groupInstanceId: 'unknown' }] })
    expect(left.members.map((m) => m.errorCode)).toEqual([0, 25])
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: 'instance-a' }).errorCode).toBe(25)
    coordinator.shutdown()
  })
})
