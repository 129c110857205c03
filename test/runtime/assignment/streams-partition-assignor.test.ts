import { describe, expect, it } from 'vitest'
import {
  AssignorErrorCode,
  StreamsPartitionAssignor,
  decodeAssignmentInfo,
  decodeSubscriptionInfo,
  encodeSubscriptionInfo,
  type SubscriptionInfo,
  type TopicPlanInput,
} from '../../../src/runtime/assignment/index.js'
import { silentLogger } from '../../../src/logging/index.js'

const plan: TopicPlanInput = {
  subtopologies: [
    { id: 0, sourceTopics: ['orders', 'customers'], sinkTopics: [], changelogTopics: ['app-store-changelog'] },
  ],
  repartitionTopics: new Map(),
  copartitionGroups: [['orders', 'customers']],
}

function sub(processId: string, prevActive: string[] = []): SubscriptionInfo {
  return { version: 1, processId, endpoint: `${processId}:80`, prevActiveTasks: prevActive, prevStandbyTasks: [], taskOffsetSums: {} }
}

function assignor(numStandbyReplicas = 0): StreamsPartitionAssignor {
  return new StreamsPartitionAssignor({ planInput: () => plan, numStandbyReplicas, subscriptionInfo: () => sub('self'), logger: silentLogger })
}

describe('StreamsPartitionAssignor', () => {
  it('round-trips subscription info through its user data', () => {
    const info = { ...sub('p1', ['0_1']), taskOffsetSums: { '0_1': -2, '0_2': 40 } }
    expect(decodeSubscriptionInfo(encodeSubscriptionInfo(info))).toEqual(info)
    expect(decodeSubscriptionInfo(assignor().subscriptionUserData()).processId).toBe('self')
  })

  it('keeps co-partitioned partitions together and splits tasks evenly between instances', () => {
    const members = [
      { memberId: 'm-a', topics: ['orders', 'customers'], userData: encodeSubscriptionInfo(sub('A')) },
      { memberId: 'm-b', topics: ['orders', 'customers'], userData: encodeSubscriptionInfo(sub('B')) },
    ]
    const out = assignor(1).assign(members, (t) => (t === 'orders' || t === 'customers' ? 4 : null))
    expect(out).toHaveLength(2)
    for (const m of out) {
      const info = decodeAssignmentInfo(m.userData!)
      expect(info.activeTasks).toHaveLength(2)
      expect(info.standbyTasks).toHaveLength(2)
      const parts = info.activeTasks.map((t) => Number(t.split('_')[1]))
      const got = m.partitions.map((p) => `${p.topic}-${p.partition}`).sort()
      expect(got).toEqual(parts.flatMap((p) => [`customers-${p}`, `orders-${p}`]).sort())
    }
  })

  it('sends every member an error code naming the problem when source topics are not co-partitioned', () => {
    const members = [{ memberId: 'm-a', topics: ['orders'], userData: encodeSubscriptionInfo(sub('A')) }]
    const [only] = assignor().assign(members, (t) => (t === 'orders' ? 4 : t === 'customers' ? 2 : null))
    const info = decodeAssignmentInfo(only!.userData!)
    expect(info.errorCode).toBe(AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA)
    expect(info.errorMessage).toContain('customers=2, orders=4')
    expect(only!.partitions).toEqual([])
  })

  it('treats a member with undecodable user data as a fresh client', () => {
    const members = [
      { memberId: 'm-a', topics: ['orders'], userData: Buffer.from('garbage') },
      { memberId: 'm-b', topics: ['orders'], userData: null },
    ]
    const out = assignor().assign(members, () => 2)
    expect(out.map((m) => decodeAssignmentInfo(m.userData!).activeTasks.length)).toEqual([1, 1])
  })

  it('deals the tasks of one process between its members', () => {
    const members = [
      { memberId: 'm-1', topics: ['orders'], userData: encodeSubscriptionInfo(sub('A')) },
      { memberId: 'm-2', topics: ['orders'], userData: encodeSubscriptionInfo(sub('A')) },
    ]
    const out = assignor().assign(members, () => 4)
    expect(out.map((m) => decodeAssignmentInfo(m.userData!).activeTasks)).toEqual([
      ['0_0', '0_2'],
      ['0_1', '0_3'],
    ])
  })
})
