import { describe, expect, it } from 'vitest'
import { flush, joinRequest, joinWithId, protocols, startCoordinator, track } from './coordinator-fixture.js'

describe('GroupCoordinator membership', () => {
  it('answers MEMBER_ID_REQUIRED with a generated id, then makes the single member leader of generation 1', async () => {
    const { coordinator } = startCoordinator()
    const first = await coordinator.joinGroup(joinRequest({ clientId: 'app' }))
    expect(first.errorCode).toBe(79)
    expect(first.memberId).toMatch(/^app-[0-9a-f-]{36}$/)
    expect(first.generationId).toBe(-1)
    expect(first.members).toEqual([])

    const joined = await coordinator.joinGroup(joinRequest({ clientId: 'app', memberId: first.memberId }))
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: first.memberId, memberId: first.memberId })
    expect(joined.members).toEqual([{ memberId: first.memberId, groupInstanceId: null, metadata: Buffer.from('meta') }])
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('CompletingRebalance')
    coordinator.shutdown()
  })

  it('adds a member directly when JoinGroup is below v4', async () => {
    const { coordinator } = startCoordinator()
    const joined = await coordinator.joinGroup(joinRequest({ apiVersion: 3 }))
    expect(joined.errorCode).toBe(0)
    expect(joined.generationId).toBe(1)
    expect(joined.leader).toBe(joined.memberId)
    coordinator.shutdown()
  })

  it('holds both joins until the initial delay ends, then gives only the leader every member metadata byte-for-byte', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 3000 })
    const a = await joinWithId(coordinator, { clientId: 'a', protocols: protocols(['range', 'A-bytes']) })
    const b = await joinWithId(coordinator, { clientId: 'b', protocols: protocols(['range', 'B-bytes']) })
    scheduler.advance(3000)
    await flush()
    expect(a.join.settled).toBe(false) // extended once because b arrived during the first delay
    expect(b.join.settled).toBe(false)
    scheduler.advance(3000)
    await flush()
    const ra = a.join.value!
    const rb = b.join.value!
    expect(ra).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId, protocolName: 'range' })
    expect(rb).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId, members: [] })
    expect(ra.members).toHaveLength(2)
    expect(ra.members.find((m) => m.memberId === a.memberId)!.metadata.equals(Buffer.from('A-bytes'))).toBe(true)
    expect(ra.members.find((m) => m.memberId === b.memberId)!.metadata.equals(Buffer.from('B-bytes'))).toBe(true)
    coordinator.shutdown()
  })

  it('holds followers in SyncGroup until the leader assigns, and fills missing members with empty bytes', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 100 })
    const a = await joinWithId(coordinator, { clientId: 'a' })
    const b = await joinWithId(coordinator, { clientId: 'b' })
    const c = await joinWithId(coordinator, { clientId: 'c' })
    scheduler.advance(400)
    await flush()
    expect(a.join.value!.errorCode).toBe(0)
    const follower = track(coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null, assignments: [] }))
    const other = track(coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: c.memberId, groupInstanceId: null, assignments: [] }))
    await flush()
    expect(follower.settled).toBe(false)
    const leader = await coordinator.syncGroup({
      groupId: 'g',
      generationId: 1,
      memberId: a.memberId,
      groupInstanceId: null,
      assignments: [
        { memberId: a.memberId, assignment: Buffer.from('for-a') },
        { memberId: b.memberId, assignment: Buffer.from('for-b') },
      ],
    })
    await flush()
    expect(leader).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range' })
    expect(leader.assignment.toString()).toBe('for-a')
    expect(follower.value!.assignment.toString()).toBe('for-b')
    expect(other.value!.errorCode).toBe(0)
    expect(other.value!.assignment.length).toBe(0)
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('Stable')
    // A SyncGroup in Stable returns the stored assignment.
    const again = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null, assignments: [] })
    expect(again.assignment.toString()).toBe('for-b')
    coordinator.shutdown()
  })

  it('tells existing members REBALANCE_IN_PROGRESS by heartbeat when another member joins, and completes when they rejoin', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator, { clientId: 'a' })
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(0)

    const b = await joinWithId(coordinator, { clientId: 'b' })
    expect(b.join.settled).toBe(false)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(27)
    expect((await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })).errorCode).toBe(27)

    const rejoin = await coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId }))
    await flush()
    expect(rejoin).toMatchObject({ errorCode: 0, generationId: 2, leader: a.memberId })
    expect(rejoin.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort())
    expect(b.join.value).toMatchObject({ errorCode: 0, generationId: 2, members: [] })
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 2, memberId: b.memberId, groupInstanceId: null }).errorCode).toBe(0)
    coordinator.shutdown()
  })

  it('rebalances the remaining members when one leaves', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = await joinWithId(coordinator, { clientId: 'a' })
    const b = await joinWithId(coordinator, { clientId: 'b' })
    scheduler.advance(20)
    await flush()
    await Promise.all([
      coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] }),
      coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null, assignments: [] }),
    ])
    const left = coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: b.memberId, groupInstanceId: null }] })
    expect(left).toEqual({ errorCode: 0, members: [{ memberId: b.memberId, groupInstanceId: null, errorCode: 0 }] })
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('PreparingRebalance')
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(27)
    const rejoin = await coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId }))
    expect(rejoin).toMatchObject({ errorCode: 0, generationId: 2 })
    expect(rejoin.members.map((m) => m.memberId)).toEqual([a.memberId])
    expect(coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: b.memberId, groupInstanceId: null }] }).members[0]!.errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('lets the last member leave so the group becomes Empty with a new generation', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator)
    coordinator.leaveGroup({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] })
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('Empty')
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('rebalances when the leader rejoins while Stable but returns the current state to an unchanged follower', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = await joinWithId(coordinator, { clientId: 'a' })
    const b = await joinWithId(coordinator, { clientId: 'b' })
    scheduler.advance(20)
    await flush()
    await Promise.all([a.memberId, b.memberId].map((memberId) => coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId, groupInstanceId: null, assignments: [] })))

    const follower = await coordinator.joinGroup(joinRequest({ clientId: 'b', memberId: b.memberId }))
    expect(follower).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId, members: [] })
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('Stable')

    const leader = track(coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId })))
    await flush()
    expect(leader.settled).toBe(false)
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('PreparingRebalance')
    await coordinator.joinGroup(joinRequest({ clientId: 'b', memberId: b.memberId }))
    await flush()
    expect(leader.value).toMatchObject({ errorCode: 0, generationId: 2 })
    coordinator.shutdown()
  })

  it('rebalances when a follower rejoins with changed metadata', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = await joinWithId(coordinator, { clientId: 'a' })
    const b = await joinWithId(coordinator, { clientId: 'b' })
    scheduler.advance(20)
    await flush()
    await Promise.all([a.memberId, b.memberId].map((memberId) => coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId, groupInstanceId: null, assignments: [] })))
    const changed = track(coordinator.joinGroup(joinRequest({ clientId: 'b', memberId: b.memberId, protocols: protocols(['range', 'new-topics']) })))
    await flush()
    expect(changed.settled).toBe(false)
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('PreparingRebalance')
    const leader = await coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId }))
    expect(leader.members.find((m) => m.memberId === b.memberId)!.metadata.toString()).toBe('new-topics')
    coordinator.shutdown()
  })

  it('picks the protocol every member supports that most members prefer', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = await joinWithId(coordinator, { clientId: 'a', protocols: protocols(['range', 'x'], ['roundrobin', 'x'], ['sticky', 'x']) })
    const b = await joinWithId(coordinator, { clientId: 'b', protocols: protocols(['roundrobin', 'y'], ['range', 'y']) })
    const c = await joinWithId(coordinator, { clientId: 'c', protocols: protocols(['roundrobin', 'z'], ['range', 'z']) })
    scheduler.advance(50)
    await flush()
    for (const m of [a, b, c]) expect(m.join.value!.protocolName).toBe('roundrobin')
    expect(a.join.value!.members.find((m) => m.memberId === c.memberId)!.metadata.toString()).toBe('z')
    coordinator.shutdown()
  })

  it('rejects a member whose protocols share nothing with the group with INCONSISTENT_GROUP_PROTOCOL', async () => {
    const { coordinator } = startCoordinator()
    await joinWithId(coordinator, { protocols: protocols(['RoundRobinAssigner', '']) })
    const other = await coordinator.joinGroup(joinRequest({ protocols: protocols(['range', ''], ['roundrobin', '']) }))
    expect(other).toMatchObject({ errorCode: 23, memberId: '', generationId: -1, protocolName: null, leader: '' })
    const wrongType = await coordinator.joinGroup(joinRequest({ protocolType: 'connect', protocols: protocols(['RoundRobinAssigner', '']) }))
    expect(wrongType.errorCode).toBe(23)
    const { coordinator: fresh } = startCoordinator()
    expect((await fresh.joinGroup(joinRequest({ protocols: [] }))).errorCode).toBe(23)
    expect((await fresh.joinGroup(joinRequest({ protocolType: '' }))).errorCode).toBe(23)
    coordinator.shutdown()
    fresh.shutdown()
  })

  it('rejects session timeouts outside the configured bounds with INVALID_SESSION_TIMEOUT', async () => {
    const { coordinator } = startCoordinator({ groupMinSessionTimeoutMs: 6000, groupMaxSessionTimeoutMs: 60_000 })
    expect((await coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 5999 }))).errorCode).toBe(26)
    expect((await coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 60_001 }))).errorCode).toBe(26)
    expect((await coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 6000 }))).errorCode).toBe(79)
    coordinator.shutdown()
  })

  it('answers UNKNOWN_MEMBER_ID for unknown members and groups, and ILLEGAL_GENERATION for a stale generation', async () => {
    const { coordinator } = startCoordinator()
    expect((await coordinator.joinGroup(joinRequest({ groupId: 'nope', memberId: 'ghost' }))).errorCode).toBe(25)
    expect(coordinator.heartbeat({ groupId: 'nope', generationId: 1, memberId: 'ghost', groupInstanceId: null }).errorCode).toBe(25)
    expect((await coordinator.syncGroup({ groupId: 'nope', generationId: 1, memberId: 'ghost', groupInstanceId: null, assignments: [] })).errorCode).toBe(25)

    const a = await joinWithId(coordinator)
    expect((await coordinator.joinGroup(joinRequest({ memberId: 'ghost' }))).errorCode).toBe(25)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: 'ghost', groupInstanceId: null }).errorCode).toBe(25)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 7, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(22)
    expect((await coordinator.syncGroup({ groupId: 'g', generationId: 0, memberId: a.memberId, groupInstanceId: null, assignments: [] })).errorCode).toBe(22)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(0) // CompletingRebalance
    coordinator.shutdown()
  })

  it('checks the SyncGroup protocol type and name when the client sends them', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator)
    const wrong = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolName: 'roundrobin', assignments: [] })
    expect(wrong.errorCode).toBe(23)
    const right = await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] })
    expect(right.errorCode).toBe(0)
    coordinator.shutdown()
  })

  it('answers INVALID_GROUP_ID for an empty group id on membership APIs', async () => {
    const { coordinator } = startCoordinator()
    expect((await coordinator.joinGroup(joinRequest({ groupId: '' }))).errorCode).toBe(24)
    expect(coordinator.heartbeat({ groupId: '', generationId: 1, memberId: 'm', groupInstanceId: null }).errorCode).toBe(24)
    expect(coordinator.leaveGroup({ groupId: '', members: [{ memberId: 'm', groupInstanceId: null }] }).errorCode).toBe(24)
    coordinator.shutdown()
  })

  it('returns the current generation to a member that rejoins unchanged while CompletingRebalance', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator)
    const again = await coordinator.joinGroup(joinRequest({ memberId: a.memberId }))
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId })
    expect(again.members).toHaveLength(1)
    coordinator.shutdown()
  })
})
