import { describe, expect, it } from 'vitest'
import { GroupCoordinator, ManualScheduler } from '../../../src/broker/coordinator/index.js'
import { flush, joinRequest, joinWithId, startCoordinator, track } from './coordinator-fixture.js'

const offset = (topic: string, partition: number, value: bigint) => ({ topic, partition, offset: value, leaderEpoch: -1, metadata: null })

describe('GroupCoordinator describe, list, delete and shutdown', () => {
  it('describes a Stable group with member metadata and assignments, and an unknown group as Dead', async () => {
    const { coordinator } = startCoordinator()
    const a = await joinWithId(coordinator, { clientId: 'app', clientHost: '/10.0.0.1' })
    expect(coordinator.describeGroups(['g'])[0]).toMatchObject({ state: 'CompletingRebalance', protocolData: '', members: [{ memberId: a.memberId, metadata: Buffer.alloc(0) }] })
    await coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, assignments: [{ memberId: a.memberId, assignment: Buffer.from('asg') }] })
    const [described, unknown] = coordinator.describeGroups(['g', 'other'])
    expect(described).toEqual({
      errorCode: 0,
      groupId: 'g',
      state: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [{ memberId: a.memberId, groupInstanceId: null, clientId: 'app', clientHost: '/10.0.0.1', metadata: Buffer.from('meta'), assignment: Buffer.from('asg') }],
    })
    expect(unknown).toEqual({ errorCode: 0, groupId: 'other', state: 'Dead', protocolType: '', protocolData: '', members: [] })
    coordinator.shutdown()
  })

  it('lists consumer groups and offset-only groups', async () => {
    const { coordinator } = startCoordinator()
    await joinWithId(coordinator)
    coordinator.commitOffsets({ groupId: 'simple', generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 5n)] })
    const listed = coordinator.listGroups()
    expect(listed.errorCode).toBe(0)
    expect([...listed.groups].sort((x, y) => x.groupId.localeCompare(y.groupId))).toEqual([
      { groupId: 'g', protocolType: 'consumer', state: 'CompletingRebalance' },
      { groupId: 'simple', protocolType: '', state: 'Empty' },
    ])
    coordinator.shutdown()
  })

  it('deletes only Empty groups, with their offsets', async () => {
    const { coordinator } = startCoordinator()
    await joinWithId(coordinator)
    coordinator.commitOffsets({ groupId: 'simple', generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 5n)] })
    expect(coordinator.deleteGroups(['g', 'simple', 'missing'])).toEqual([
      { groupId: 'g', errorCode: 68 },
      { groupId: 'simple', errorCode: 0 },
      { groupId: 'missing', errorCode: 69 },
    ])
    expect(coordinator.fetchOffsets('simple', null).topics).toEqual([])
    expect(coordinator.listGroups().groups.map((g) => g.groupId)).toEqual(['g'])
    coordinator.shutdown()
  })

  it('answers parked JoinGroup and SyncGroup with NOT_COORDINATOR on shutdown, cancels its timers and refuses new requests', async () => {
    const scheduler = new ManualScheduler()
    const coordinator = new GroupCoordinator({ scheduler, groupInitialRebalanceDelayMs: 3000 })
    coordinator.startup()
    const parkedJoin = await joinWithId(coordinator, { groupId: 'joining' })
    const { coordinator: other, scheduler: otherScheduler } = startCoordinator()
    const a = await joinWithId(other, { clientId: 'a' })
    const b = await joinWithId(other, { clientId: 'b' })
    await other.joinGroup(joinRequest({ clientId: 'a', memberId: a.memberId }))
    await flush()
    const parkedSync = track(other.syncGroup({ groupId: 'g', generationId: 2, memberId: b.memberId, groupInstanceId: null, assignments: [] }))
    await flush()
    expect(parkedJoin.join.settled).toBe(false)
    expect(parkedSync.settled).toBe(false)

    coordinator.shutdown()
    other.shutdown()
    await flush()
    expect(parkedJoin.join.value).toMatchObject({ errorCode: 16 })
    expect(parkedSync.value).toMatchObject({ errorCode: 16 })
    expect(scheduler.pendingTimers).toBe(0)
    expect(otherScheduler.pendingTimers).toBe(0)
    expect(other.heartbeat({ groupId: 'g', generationId: 2, memberId: a.memberId, groupInstanceId: null }).errorCode).toBe(15)
    expect((await other.joinGroup(joinRequest())).errorCode).toBe(15)
    expect(other.commitOffsets({ groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 1n)] })[0]!.errorCode).toBe(15)
    expect(other.fetchOffsets('g', null).errorCode).toBe(15)
    expect(other.listGroups().errorCode).toBe(15)
  })
})
