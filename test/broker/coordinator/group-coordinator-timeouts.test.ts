import { describe, expect, it } from 'vitest'
import type { GroupCoordinator } from '../../../src/broker/coordinator/index.js'
import { flush, joinRequest, joinWithId, startCoordinator, track } from './coordinator-fixture.js'

async function syncAll(coordinator: GroupCoordinator, generationId: number, memberIds: string[]): Promise<void> {
  const results = await Promise.all(memberIds.map((memberId) => coordinator.syncGroup({ groupId: 'g', generationId, memberId, groupInstanceId: null, assignments: [] })))
  for (const r of results) expect(r.errorCode).toBe(0)
}

describe('GroupCoordinator timeouts', () => {
  it('removes a member whose session expires and rebalances the others', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const a = await joinWithId(coordinator, { clientId: 'a', sessionTimeoutMs: 10_000 })
    const b = await joinWithId(coordinator, { clientId: 'b', sessionTimeoutMs: 10_000 })
    scheduler.advance(20)
    await flush()
    await syncAll(coordinator, 1, [a.memberId, b.memberId])

    scheduler.advance(9_000)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(0)
    scheduler.advance(999)
    expect(coordinator.describeGroups(['g'])[0]!.members).toHaveLength(2)
    scheduler.advance(1)
    expect(coordinator.describeGroups(['g'])[0]!.members.map((m) => m.memberId)).toEqual([a.memberId])
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(27)
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null }).errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('removes members that do not rejoin within the rebalance timeout, keeping parked members alive past their session', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const opts = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000 }
    const a = await joinWithId(coordinator, { clientId: 'a', ...opts })
    const b = await joinWithId(coordinator, { clientId: 'b', ...opts })
    scheduler.advance(20)
    await flush()
    await syncAll(coordinator, 1, [a.memberId, b.memberId])

    const c = await joinWithId(coordinator, { clientId: 'c', ...opts })
    const aRejoin = track(coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId, ...opts })))
    // b keeps heartbeating (REBALANCE_IN_PROGRESS) but never rejoins.
    for (let t = 0; t < 29_000; t += 5_000) {
      scheduler.advance(5_000)
      if (t + 5_000 < 30_000) expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null }).errorCode).toBe(27)
    }
    await flush()
    expect(aRejoin.settled).toBe(true)
    expect(aRejoin.value).toMatchObject({ errorCode: 0, generationId: 2 })
    expect(aRejoin.value!.members.map((m) => m.memberId).sort()).toEqual([a.memberId, c.memberId].sort())
    expect(c.join.value).toMatchObject({ errorCode: 0, generationId: 2 })
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null }).errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('waits for a pending (MEMBER_ID_REQUIRED) member until its session timeout drops it', async () => {
    const { coordinator, scheduler } = startCoordinator()
    const a = await joinWithId(coordinator, { clientId: 'a', sessionTimeoutMs: 10_000 })
    await syncAll(coordinator, 1, [a.memberId])
    const pending = await coordinator.joinGroup(joinRequest({ clientId: 'x', sessionTimeoutMs: 8_000 }))
    expect(pending.errorCode).toBe(79)
    const leader = track(coordinator.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId, sessionTimeoutMs: 10_000 })))
    await flush()
    expect(leader.settled).toBe(false)
    scheduler.advance(8_000)
    await flush()
    expect(leader.value).toMatchObject({ errorCode: 0, generationId: 2 })
    expect(leader.value!.members).toHaveLength(1)
    expect((await coordinator.joinGroup(joinRequest({ clientId: 'x', memberId: pending.memberId }))).errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('removes a member that never sends SyncGroup within the rebalance timeout and rebalances', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 10 })
    const opts = { sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 20_000 }
    const a = await joinWithId(coordinator, { clientId: 'a', ...opts })
    const b = await joinWithId(coordinator, { clientId: 'b', ...opts })
    scheduler.advance(20)
    await flush()
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [] })
    expect(coordinator.describeGroups(['g'])[0]!.state).toBe('Stable')
    scheduler.advance(20_000)
    const group = coordinator.describeGroups(['g'])[0]!
    expect(group.state).toBe('PreparingRebalance')
    expect(group.members.map((m) => m.memberId)).toEqual([a.memberId])
    expect(coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.memberId, groupInstanceId: null }).errorCode).toBe(25)
    coordinator.shutdown()
  })

  it('extends the initial rebalance delay for each new member but never past the rebalance timeout', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupInitialRebalanceDelayMs: 3_000 })
    const opts = { rebalanceTimeoutMs: 7_000 }
    const first = await joinWithId(coordinator, { clientId: 'a', ...opts })
    for (let i = 0; i < 5; i++) {
      await joinWithId(coordinator, { clientId: `m${i}`, ...opts })
      scheduler.advance(1_500)
    }
    // 7.5 s have passed: the delay may be extended only within the 7 s rebalance timeout (3 + 3 + 1).
    await flush()
    expect(first.join.value).toMatchObject({ errorCode: 0, generationId: 1 })
    expect(first.join.value!.members).toHaveLength(6)
    coordinator.shutdown()
  })

  it('expires a brand-new member whose JoinGroup stays parked past the new-member join timeout', async () => {
    const { coordinator, scheduler } = startCoordinator({ groupMaxSessionTimeoutMs: 1_800_000 })
    const opts = { sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 600_000 }
    const a = await joinWithId(coordinator, { clientId: 'a', ...opts })
    await syncAll(coordinator, 1, [a.memberId])
    const b = await joinWithId(coordinator, { clientId: 'b', ...opts })
    // a keeps heartbeating but never rejoins, so the rebalance waits the full 10 minutes.
    for (let t = 0; t < 300_000; t += 10_000) {
      scheduler.advance(10_000)
      coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null })
    }
    await flush()
    expect(b.join.value).toMatchObject({ errorCode: 25, memberId: '' })
    coordinator.shutdown()
  })
})
